import { StackPlan } from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  defaultLibraryDir,
  loadComponentLibrary,
  planStackFile,
  runTool,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** A compose service as Docker Compose loads it: interpolated, `$$` unescaped. */
export interface LoadedService {
  image: string;
  command?: string[] | null;
  entrypoint?: string[] | null;
  environment?: Record<string, string | null>;
  healthcheck?: { test?: string[]; disable?: boolean };
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
}

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
 * Renders the stack with `datastack render`, makes its `.env` with the
 * stack's own `scripts/init-env`, and loads it with Docker Compose's loader,
 * so every service comes as a container would receive it.
 */
export async function renderStack(
  stackFile: string,
  dir: string,
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
  const env = Object.fromEntries(
    fs
      .readFileSync(path.join(dir, '.env'), 'utf8')
      .split('\n')
      .filter(l => /^[A-Za-z_][A-Za-z0-9_]*=/.test(l))
      .map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const loaded = await runTool('docker-compose', [
    '--project-directory',
    dir,
    '--file',
    path.join(dir, 'docker-compose.yml'),
    'config',
    '--format',
    'json',
  ]);
  if (!loaded.ok) throw new Error(`docker compose config: ${loaded.stderr}`);
  const library = loadComponentLibrary([defaultLibraryDir()]);
  return {
    dir,
    plan: planStackFile(stackFile, library),
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
