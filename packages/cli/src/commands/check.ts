import {
  STACK_FILE,
  diffStackFiles,
  planStackFile,
  renderStack,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import path from 'node:path';
import { loadLibrary } from '../library';
import { loadOutputTargets } from '../outputTargets';
import { EXIT_INVALID } from '../run';
import { givenPath } from '../arguments';

/** `datastack check`: re-render from the directory's stack.yaml and report drift. */
export function checkCommand(
  dir: string,
  opts: { library?: string[]; targetsFrom?: string[] },
): number {
  givenPath(dir, '<dir>');
  const library = loadLibrary(opts);
  const targets = loadOutputTargets(opts);
  const plan = planStackFile(path.join(dir, STACK_FILE), library, targets);
  const drift = diffStackFiles(dir, renderStack(plan, library, targets));
  const lines = [
    ...drift.changed.map(f => `${f}: differs from what stack.yaml renders`),
    ...drift.missing.map(f => `${f}: missing; stack.yaml renders it`),
    ...drift.stale.map(
      f => `${f}: no longer rendered from stack.yaml; delete it`,
    ),
  ];
  for (const l of lines) process.stderr.write(`drift: ${l}\n`);
  if (lines.length) {
    process.stderr.write(
      `run: datastack render ${path.join(dir, STACK_FILE)} --out ${dir}\n`,
    );
    return EXIT_INVALID;
  }
  process.stderr.write(`${dir} matches stack.yaml\n`);
  return 0;
}
