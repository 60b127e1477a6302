import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

/** The repository root, from packages/backend/src/testing. */
// eslint-disable-next-line no-restricted-syntax -- test-only code, always run from source
export const repoRoot = path.resolve(__dirname, '../../../..');

/** A running portal backend started the way `make start` starts it. */
export interface PortalBackend {
  baseUrl: string;
  /** Every line the backend printed, ANSI colours removed. */
  logLines(): string[];
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
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

export async function startPortalBackend(): Promise<PortalBackend> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const lines: string[] = [];
  const child: ChildProcess = spawn(
    'yarn',
    ['backstage-cli', 'package', 'start'],
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
