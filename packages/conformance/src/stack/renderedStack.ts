import { StackPlan } from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  defaultLibraryDir,
  loadComponentLibrary,
  planStackFile,
  readEnvFile,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import {
  ComposeService,
  composeConfig,
} from '@big-data-stack/backstage-plugin-data-stack-validate';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A compose service as Docker Compose loads it: interpolated, `$$` unescaped. */
export type LoadedService = ComposeService;

export interface RenderedStack {
  dir: string;
  plan: StackPlan;
  /** The values `scripts/init-env` wrote into `.env`. */
  env: Record<string, string>;
  services: Record<string, LoadedService>;
}

// eslint-disable-next-line no-restricted-syntax -- the repository this package sits in
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** The stack the suite runs: `CONFORMANCE_STACK`, else the reference stack. */
export const conformanceStackFile = () =>
  path.resolve(
    process.env.CONFORMANCE_STACK ?? path.join(REPO_ROOT, 'stack.yaml'),
  );

/**
 * The plan of the suite's stack, known when the tests are defined: each test
 * file defines tests for what the stack holds, and none for what it lacks.
 */
export function conformancePlan(): StackPlan {
  const library = loadComponentLibrary([defaultLibraryDir()]);
  return planStackFile(conformanceStackFile(), library);
}

/** Whether the suite's stack holds a component. */
export const planHolds = (plan: StackPlan, id: string) =>
  plan.components.some(c => c.id === id);

/**
 * Renders the stack with `datastack render`, makes its `.env` with the
 * stack's own `scripts/init-env`, and loads it with Docker Compose's loader,
 * so every service comes as a container would receive it.
 */
export async function renderStack(
  stackFile = conformanceStackFile(),
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-')),
): Promise<RenderedStack> {
  execFileSync(
    process.execPath,
    [
      path.join(REPO_ROOT, 'packages/cli/bin/datastack'),
      'render',
      stackFile,
      '--out',
      dir,
    ],
    { stdio: 'pipe' },
  );
  execFileSync('sh', [path.join(dir, 'scripts/init-env')], { stdio: 'pipe' });
  const env = readEnvFile(path.join(dir, '.env'));
  const loaded = await composeConfig(dir, path.join(dir, '.env'));
  if (!loaded.ok) throw new Error(`docker compose config: ${loaded.stderr}`);
  return {
    dir,
    plan: planStackFile(stackFile, loadComponentLibrary([defaultLibraryDir()])),
    env,
    services: unescapeDollars(JSON.parse(loaded.stdout).services),
  };
}

/**
 * `docker compose config` writes `$` as `$$` again, so its output is valid
 * compose; a container receives a single `$`, and so do the native runs.
 */
function unescapeDollars<T>(value: T): T {
  if (typeof value === 'string') return value.split('$$').join('$') as T;
  if (Array.isArray(value)) return value.map(unescapeDollars) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, unescapeDollars(v)]),
    ) as T;
  return value;
}
