import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import {
  TestServer,
  asUser,
  freePort,
  requireBinary,
  scratchDir,
  startProcess,
} from './process';

/** PostgreSQL from Debian's postgresql package, on a loopback port. */
export async function startPostgres(
  password: string,
  /**
   * The conformance suite runs it as the stack's own server: its port, and
   * the socket directory clients look in by default.
   */
  options: { port?: number; socketDir?: string } = {},
): Promise<TestServer> {
  const bin = path.dirname(
    requireBinary(
      fs.existsSync('/usr/lib/postgresql')
        ? fs
            .readdirSync('/usr/lib/postgresql')
            .sort()
            .reverse()
            .map(v => `/usr/lib/postgresql/${v}/bin/initdb`)
        : ['/usr/lib/postgresql/15/bin/initdb'],
      'postgresql',
    ),
  );
  const dir = scratchDir('postgres', 'postgres');
  const data = path.join(dir, 'data');
  const pwfile = path.join(dir, 'pwfile');
  fs.writeFileSync(pwfile, password);
  fs.chmodSync(pwfile, 0o644);
  const [cmd, ...args] = asUser('postgres', [
    `${bin}/initdb`,
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=scram-sha-256',
    `--pwfile=${pwfile}`,
    '--no-sync',
  ]);
  execFileSync(cmd, args, { stdio: 'pipe' });
  const port = options.port ?? (await freePort());
  if (options.socketDir && !fs.existsSync(options.socketDir)) {
    // /run is a tmpfs on many machines: the package's folder may be gone.
    fs.mkdirSync(options.socketDir, { recursive: true });
    if (process.getuid?.() === 0)
      execFileSync('chown', ['postgres:postgres', options.socketDir]);
  }
  const ready = async () => {
    const client = new Client({
      host: '127.0.0.1',
      port,
      user: 'postgres',
      password,
      database: 'postgres',
    });
    await client.connect();
    await client.end();
    return true;
  };
  const server = await startProcess({
    name: 'postgres',
    dir,
    command: asUser('postgres', [
      `${bin}/postgres`,
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      options.socketDir ?? dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
    ]),
    ready,
  });
  return { port, stop: server.stop };
}
