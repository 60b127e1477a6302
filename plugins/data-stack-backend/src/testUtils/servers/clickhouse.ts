import fs from 'node:fs';
import path from 'node:path';
import {
  TestServer,
  freePort,
  requireBinary,
  scratchDir,
  startProcess,
} from './process';

const xml = (body: string) =>
  `<?xml version="1.0"?>\n<yandex>${body}</yandex>\n`;

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
    xml(
      `<profiles><default/></profiles><quotas><default/></quotas>` +
        `<users><default><password>${password}</password>` +
        `<networks><ip>127.0.0.1</ip></networks>` +
        `<profile>default</profile><quota>default</quota></default></users>`,
    ),
  );
  fs.writeFileSync(
    path.join(dir, 'config.xml'),
    xml(
      `<logger><level>warning</level><console>1</console></logger>` +
        `<http_port>${port}</http_port><tcp_port>${tcpPort}</tcp_port>` +
        `<listen_host>127.0.0.1</listen_host>` +
        `<path>${dir}/</path><tmp_path>${dir}/tmp/</tmp_path>` +
        `<users_config>${dir}/users.xml</users_config>` +
        `<default_profile>default</default_profile>` +
        `<default_database>default</default_database>` +
        `<mark_cache_size>67108864</mark_cache_size>`,
    ),
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
