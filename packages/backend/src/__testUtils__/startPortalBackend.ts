import { freePort } from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify as stringifyYaml } from 'yaml';

/** The repository root, from packages/backend/src/__testUtils__. */
// eslint-disable-next-line no-restricted-syntax -- test-only code, always run from source
export const repoRoot = path.resolve(__dirname, '../../../..');

/** A running portal backend started the way `make start` starts it. */
export interface PortalBackend {
  baseUrl: string;
  /** Every line the backend printed, ANSI colours removed. */
  logLines(): string[];
  stop(): Promise<void>;
}

/** PYTHONPATH for mkdocs, decided by the same script the Makefile uses. */
function techdocsPythonPath(): string {
  return execFileSync(
    'bash',
    [path.join(repoRoot, 'scripts/techdocs/pythonpath.sh')],
    { encoding: 'utf8' },
  ).trim();
}

// eslint-disable-next-line no-control-regex
const ansi = /\u001b\[[0-9;]*m/g;

/**
 * Starts the backend as `make start` does, on a free port. `config` (given
 * the backend's URL) is layered over app-config.yaml through a temporary
 * file, e.g. the endpoints of a stack the test started.
 */
export async function startPortalBackend(
  options: { config?: (baseUrl: string) => object } = {},
): Promise<PortalBackend> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const lines: string[] = [];
  let configArgs: string[] = [];
  let configDir: string | undefined;
  if (options.config) {
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-config-'));
    const file = path.join(configDir, 'app-config.test.yaml');
    fs.writeFileSync(file, stringifyYaml(options.config(baseUrl)));
    configArgs = [
      '--config',
      path.join(repoRoot, 'app-config.yaml'),
      '--config',
      file,
    ];
  }
  const child: ChildProcess = spawn(
    'yarn',
    ['backstage-cli', 'package', 'start', ...configArgs],
    {
      cwd: path.join(repoRoot, 'packages/backend'),
      detached: true,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        PYTHONPATH: techdocsPythonPath(),
        APP_CONFIG_backend_listen_port: String(port),
        APP_CONFIG_backend_baseUrl: baseUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const collect = (chunk: Buffer) =>
    lines.push(
      ...chunk
        .toString('utf8')
        .replace(ansi, '')
        .split('\n')
        .filter(l => l.trim()),
    );
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);

  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      process.kill(-child.pid, 'SIGTERM');
      const timer = setTimeout(
        () => process.kill(-child.pid!, 'SIGKILL'),
        10_000,
      );
      await exited;
      clearTimeout(timer);
    }
    if (configDir) fs.rmSync(configDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`backend exited early:\n${lines.slice(-30).join('\n')}`);
    }
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`backend not ready:\n${lines.slice(-30).join('\n')}`);
    }
    await new Promise(r => setTimeout(r, 500));
  }
  return { baseUrl, logLines: () => [...lines], stop };
}

/** A user token from the guest provider, as the portal's sign-in gets one. */
export async function guestToken(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh?env=development`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!res.ok) throw new Error(`guest sign-in failed: ${res.status}`);
  const body = (await res.json()) as { backstageIdentity: { token: string } };
  return body.backstageIdentity.token;
}
