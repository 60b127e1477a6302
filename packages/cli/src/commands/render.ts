import { DataStackError } from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  MAX_STACK_FILE_BYTES,
  STACK_FILE,
  describePlan,
  planStackFile,
  readInputFile,
  renderStack,
  writeStackFiles,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import fs from 'node:fs';
import path from 'node:path';
import { givenPath } from '../arguments';
import { loadLibrary } from '../library';
import { loadOutputTargets } from '../outputTargets';

/**
 * `datastack render`: resolve, render everything in memory, and only then
 * write; bad input never leaves files behind.
 */
export function renderCommand(
  file: string,
  opts: { out: string; library?: string[]; targetsFrom?: string[] },
) {
  givenPath(file, '<stack.yaml>');
  givenPath(opts.out, '--out');
  const library = loadLibrary(opts);
  const targets = loadOutputTargets(opts);
  const plan = planStackFile(file, library, targets);
  const files = renderStack(plan, library, targets);
  const out = path.resolve(opts.out);
  if (fs.existsSync(out) && !fs.statSync(out).isDirectory()) {
    throw new DataStackError([
      { path: opts.out, message: 'exists and is not a directory' },
    ]);
  }
  describePlan(plan, line => process.stderr.write(`${line}\n`));
  const stackCopy = path.join(out, STACK_FILE);
  if (path.resolve(file) !== stackCopy) {
    files.push({
      path: STACK_FILE,
      content: readInputFile(file, { maxBytes: MAX_STACK_FILE_BYTES }),
    });
  }
  const changed = writeStackFiles(out, files);
  for (const f of changed) process.stderr.write(`  wrote ${f}\n`);
  process.stderr.write(
    `${files.length} files rendered, ${changed.length} changed in ${opts.out}\n`,
  );
}
