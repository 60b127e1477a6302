import { formatProblem } from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  composeFilesIn,
  validateStackDir,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { EXIT_INVALID } from '../run';

/** `datastack validate`: dclint plus the include-model checks. */
export function validateCommand(dir: string): number {
  const problems = validateStackDir(dir);
  for (const p of problems)
    process.stderr.write(`error: ${formatProblem(p)}\n`);
  if (problems.length) return EXIT_INVALID;
  process.stderr.write(
    `${composeFilesIn(dir).length} compose files valid in ${dir}\n`,
  );
  return 0;
}
