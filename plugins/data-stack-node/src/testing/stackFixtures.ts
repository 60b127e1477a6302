import {
  DATA_STACK_API_VERSION,
  resolveStack,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  LoadedLibrary,
  defaultLibraryDir,
  loadComponentLibrary,
} from '../library/loadLibrary';
import { renderStack } from '../render/renderStack';
import { writeStackFiles } from '../write/writeStack';

/**
 * This repository's root, where the shipped library's folder sits: the
 * reference stack, and `examples/` (the demo stack, the team library).
 */
export const repositoryRoot = () => path.resolve(defaultLibraryDir(), '..');

/** The shipped library, loaded once per test file. */
export const shippedLibrary = (): LoadedLibrary =>
  loadComponentLibrary([defaultLibraryDir()]);

export const stackSpec = (
  components: string[],
  extra: Record<string, unknown> = {},
) => ({
  apiVersion: DATA_STACK_API_VERSION,
  kind: 'DataStack',
  metadata: { name: 'test-stack', owner: 'group:default/data-platform' },
  spec: { components, ...extra },
});

/** Runs `fn` in a fresh temporary directory, removed afterwards. */
export function withTemporaryDir<T>(fn: (dir: string) => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datastack-'));
  try {
    return fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The same for async work: the directory goes once `fn` settles. */
export async function withTemporaryDirAsync<T>(
  fn: (dir: string) => Promise<T>,
): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datastack-'));
  try {
    return await fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Resolves, renders and writes a stack into `dir`; returns the plan. */
export function renderInto(
  dir: string,
  library: LoadedLibrary,
  components: string[],
  extra?: Record<string, unknown>,
) {
  const plan = resolveStack(stackSpec(components, extra), library);
  writeStackFiles(dir, renderStack(plan, library));
  return plan;
}
