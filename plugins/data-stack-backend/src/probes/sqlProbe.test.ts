import {
  defaultLibraryDir,
  loadComponentLibrary,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import {
  type Probe,
  isBuiltInProbe,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import { startClickHouse } from '../testUtils/servers/clickhouse';
import { startMariaDb } from '../testUtils/servers/mariadb';
import { startPostgres } from '../testUtils/servers/postgres';
import { TestServer, freePort } from '../testUtils/servers/process';
import { probeSql } from './sqlProbe';

type SqlProbe = Extract<Probe, { type: 'sql' }>;

const library = loadComponentLibrary([defaultLibraryDir()]);
/** The probes exactly as the component library declares them. */
function sqlProbeOf(component: string): SqlProbe {
  const probe =
    library.components.get(component)!.spec.services[component].health!.probe!;
  if (!isBuiltInProbe(probe) || probe.type !== 'sql')
    throw new Error(`${component} has no SQL probe`);
  return probe;
}

const password = 'probe-Secret-1';
const servers: Record<string, TestServer> = {};

beforeAll(async () => {
  const [postgresql, mysql, clickhouse] = await Promise.all([
    startPostgres(password),
    startMariaDb(password),
    startClickHouse(password),
  ]);
  Object.assign(servers, { postgresql, mysql, clickhouse });
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(servers).map(s => s.stop()));
}, 30_000);

const at = (port: number) => ({ protocol: 'http:', host: '127.0.0.1', port });

describe.each([
  ['postgresql', /^15\./],
  ['mysql', /MariaDB/],
  ['clickhouse', /^18\.16/],
])('the %s probe against the real server', (component, version) => {
  it('is healthy and reports the version', async () => {
    const result = await probeSql(
      at(servers[component].port),
      sqlProbeOf(component),
      password,
      2000,
    );
    expect(result).toMatchObject({ status: 'healthy' });
    expect(result.version).toMatch(version);
  });

  it('is degraded with a wrong password, and says why', async () => {
    const result = await probeSql(
      at(servers[component].port),
      sqlProbeOf(component),
      'wrong',
      2000,
    );
    expect(result.status).toBe('degraded');
    expect(result.reason).toMatch(/password|authentication|Access denied/i);
  });

  it('is down when nothing listens', async () => {
    const port = await freePort();
    const result = await probeSql(
      at(port),
      sqlProbeOf(component),
      password,
      2000,
    );
    expect(result).toMatchObject({
      status: 'down',
      reason: `nothing listens on 127.0.0.1:${port}`,
    });
  });
});
