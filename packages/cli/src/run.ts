import {
  DataStackError,
  formatProblem,
} from '@big-data-stack/backstage-plugin-data-stack-common';

/** Exit code for bad input (stack.yaml, library, rendered files). */
export const EXIT_INVALID = 1;
/** Exit code for anything unexpected. */
export const EXIT_ERROR = 2;

/**
 * Runs a command: problems print one per line on stderr and set a non-zero
 * exit code; a command returns its own exit code.
 */
export async function run(
  command: () => number | void | Promise<number | void>,
) {
  try {
    process.exitCode = (await command()) ?? 0;
  } catch (error) {
    if (error instanceof DataStackError) {
      for (const problem of error.problems)
        process.stderr.write(`error: ${formatProblem(problem)}\n`);
      process.exitCode = EXIT_INVALID;
    } else {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      process.exitCode = EXIT_ERROR;
    }
  }
}
