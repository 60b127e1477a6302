import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startProcess } from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import { stringify as stringifyYaml } from 'yaml';

// eslint-disable-next-line no-restricted-syntax
const backendDir = path.resolve(__dirname, '../..');
const repoRoot = path.resolve(backendDir, '../..');

export interface Portal {
  url: string;
  token: string;
  stop(): Promise<void>;
}

/** Builds the app once, so the backend serves it as in production. */
export function buildApp() {
  const build = spawnSync('yarn', ['workspace', 'app', 'build'], {
    cwd: repoRoot,
    encoding: 'utf8',
    // Jest's NODE_ENV=test has no browserslist section of the app.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0)
    throw new Error(`yarn workspace app build failed:\n${build.stderr}`);
}

/**
 * The portal as `make start` runs it, from source, with the repository's
 * app-config.yaml plus `overrides` (ports, the stack's endpoints) on a free
 * port. The backend serves the built app. Resolves once the catalog has
 * `waitFor`.
 */
export async function startPortal(
  port: number,
  overrides: object,
  waitFor: string,
): Promise<Portal> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-portal-'));
  const url = `http://localhost:${port}`;
  const token = `e2e-${Math.random().toString(36).slice(2)}-static-token`;
  const config = path.join(dir, 'app-config.e2e.yaml');
  fs.writeFileSync(
    config,
    stringifyYaml({
      app: { baseUrl: url },
      backend: {
        baseUrl: url,
        listen: { port },
        cors: { origin: url },
        auth: {
          externalAccess: [
            { type: 'static', options: { token, subject: 'e2e' } },
          ],
        },
      },
      ...overrides,
    }),
  );
  const catalogHas = async () =>
    (
      await fetch(`${url}/api/catalog/entities/by-name/${waitFor}`, {
        headers: { authorization: `Bearer ${token}` },
      })
    ).ok;
  const { stop } = await startProcess({
    name: "the portal's backend",
    dir,
    cwd: backendDir,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn' },
    command: [
      process.execPath,
      '-r',
      '@backstage/cli/config/nodeTransform.cjs',
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      '--config',
      config,
    ],
    ready: catalogHas,
    timeoutMs: 180_000,
  });
  return { url, token, stop };
}
