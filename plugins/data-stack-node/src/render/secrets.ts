import type { StackPlan } from '@big-data-stack/backstage-plugin-data-stack-common';
import fs from 'node:fs';
import path from 'node:path';
import { toEnvTemplate } from './configs/formats';
import { GENERATED_HEADER, RenderedFile } from './files';

export const ENV_EXAMPLE_FILE = '.env.example';
export const INIT_ENV_FILE = 'scripts/init-env';

/** The script that fills `.env` with random values, shipped in assets/. */
function initEnvScript(): string {
  // eslint-disable-next-line no-restricted-syntax -- the asset ships beside the code
  const assets = path.resolve(__dirname, '../../assets');
  return fs.readFileSync(path.join(assets, 'init-env'), 'utf8');
}

/**
 * `.env.example` names every secret the stack needs, with no values;
 * `scripts/init-env` writes the git-ignored `.env` with random ones.
 */
export function renderSecrets(plan: StackPlan): RenderedFile[] {
  return [
    {
      path: ENV_EXAMPLE_FILE,
      content: toEnvTemplate(
        plan.secrets,
        `Secrets of the ${plan.stack.name} stack: names only. Run scripts/init-env to write .env with random values.\n${GENERATED_HEADER}`,
      ),
    },
    { path: INIT_ENV_FILE, content: initEnvScript(), mode: 0o755 },
  ];
}

/**
 * The `NAME=value` lines of a `.env` file (`.env.example` has empty values),
 * as `scripts/init-env` writes and reads them.
 */
export function readEnvFile(file: string): Record<string, string> {
  if (!fs.existsSync(file)) return {};
  return Object.fromEntries(
    [
      ...fs
        .readFileSync(file, 'utf8')
        .matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/gm),
    ].map(m => [m[1], m[2]]),
  );
}
