import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import {
  TestServer,
  freePort,
  requireBinary,
  scratchDir,
  startProcess,
} from './process';

/** MariaDB (the MySQL protocol) from Debian's mariadb-server, on a loopback port. */
export async function startMariaDb(
  password: string,
  /** The conformance suite runs it on the stack's own port. */
  options: { port?: number } = {},
): Promise<TestServer> {
  const server = requireBinary(['/usr/sbin/mariadbd'], 'mariadb-server');
  const installDb = requireBinary(
    ['/usr/bin/mariadb-install-db', '/usr/bin/mysql_install_db'],
    'mariadb-server',
  );
  const dir = scratchDir('mariadb');
  const data = path.join(dir, 'data');
  const user = process.getuid?.() === 0 ? ['--user=root'] : [];
  execFileSync(
    installDb,
    [
      '--no-defaults',
      `--datadir=${data}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
      ...user,
    ],
    { stdio: 'pipe' },
  );
  const init = path.join(dir, 'init.sql');
  fs.writeFileSync(
    init,
    [
      mysql.format(
        "CREATE OR REPLACE USER 'root'@'127.0.0.1' IDENTIFIED BY ?;",
        [password],
      ),
      // As the mysql image makes its network root (docker-entrypoint.sh):
      // every privilege, and the right to grant them.
      `GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;`,
    ].join('\n'),
  );
  const port = options.port ?? (await freePort());
  const ready = async () => {
    const connection = await mysql.createConnection({
      host: '127.0.0.1',
      port,
      user: 'root',
      password,
    });
    await connection.end();
    return true;
  };
  const started = await startProcess({
    name: 'mariadb',
    dir,
    command: [
      server,
      '--no-defaults',
      `--datadir=${data}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${path.join(dir, 'mysqld.sock')}`,
      `--pid-file=${path.join(dir, 'mysqld.pid')}`,
      `--init-file=${init}`,
      '--skip-name-resolve',
      '--skip-log-bin',
      '--innodb-buffer-pool-size=16M',
      ...user,
    ],
    ready,
  });
  return { port, stop: started.stop };
}
