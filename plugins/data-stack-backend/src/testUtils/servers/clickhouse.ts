import { XMLBuilder } from 'fast-xml-parser';
import fs from 'node:fs';
import path from 'node:path';
import {
  TestServer,
  freePort,
  requireBinary,
  scratchDir,
  startProcess,
} from './process';

/** A ClickHouse 18 config file (root element `yandex`), written by a library. */
const xml = (body: object) =>
  new XMLBuilder({ format: true, ignoreAttributes: false }).build({
    '?xml': { '@_version': '1.0' },
    yandex: body,
  });

/** ClickHouse from Debian's clickhouse-server; `port` is its HTTP interface. */
export async function startClickHouse(password: string): Promise<TestServer> {
  const server = requireBinary(
    ['/usr/bin/clickhouse-server', '/usr/sbin/clickhouse-server'],
    'clickhouse-server',
  );
  const dir = scratchDir('clickhouse');
  const port = await freePort();
  const tcpPort = await freePort();
  fs.writeFileSync(
    path.join(dir, 'users.xml'),
    xml({
      profiles: { default: '' },
      quotas: { default: '' },
      users: {
        default: {
          password,
          networks: { ip: '127.0.0.1' },
          profile: 'default',
          quota: 'default',
        },
      },
    }),
  );
  fs.writeFileSync(
    path.join(dir, 'config.xml'),
    xml({
      logger: { level: 'warning', console: 1 },
      http_port: port,
      tcp_port: tcpPort,
      listen_host: '127.0.0.1',
      path: `${dir}/`,
      tmp_path: `${dir}/tmp/`,
      users_config: path.join(dir, 'users.xml'),
      default_profile: 'default',
      default_database: 'default',
      mark_cache_size: 67108864,
    }),
  );
  const ready = async () => (await fetch(`http://127.0.0.1:${port}/ping`)).ok;
  const started = await startProcess({
    name: 'clickhouse',
    dir,
    command: [server, `--config-file=${path.join(dir, 'config.xml')}`],
    ready,
  });
  return { port, stop: started.stop };
}
