import { createProgram } from '../index';

/** Runs the CLI in-process; returns the exit code and what it printed. */
export async function datastack(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation(chunk => out.push(String(chunk)) > 0);
  const stderr = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation(chunk => err.push(String(chunk)) > 0);
  process.exitCode = undefined;
  try {
    await createProgram().parseAsync(['node', 'datastack', ...args]);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  const code = process.exitCode ?? 0;
  process.exitCode = undefined;
  return { code, stdout: out.join(''), stderr: err.join('') };
}
