/*
 * Status backend load benchmark (issue 6 budgets). Run from the repository
 * root after `make setup`:
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs scripts/bench/status.ts
 *
 * Starts a 14-component stack on loopback: real PostgreSQL, MariaDB,
 * ClickHouse and Prometheus (Debian's packages, as the tests start them)
 * and documented-shape fakes for the rest, three of which (Druid, NiFi,
 * Kibana) hang. Starts a backend (scripts/bench/statusBackend.ts: the real
 * catalog and the data stack backend) in its own process, then measures:
 *
 * 1. cold status latency: one request per fresh stack entity (nothing
 *    cached), with the three hung components, against probe timeout + 100 ms;
 * 2. 200 concurrent clients for 30 s (autocannon) on the status, metrics and
 *    query-catalogs routes: upstream probes per component per cache period,
 *    5xx answers, and the backend's resident memory after a 5 s warm-up
 *    against after the run.
 *
 * Environment: BENCH_DURATION (seconds, default 30), BENCH_CONNECTIONS
 * (default 200), BENCH_TTL (cache TTL seconds, default 10).
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  stringifyYaml,
  stringifyYamlDocuments,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import {
  FakeServer,
  TestServer,
  freePort,
  startClickHouse,
  startFakeQueryEngine,
  startHealthFake,
  startMariaDb,
  startPostgres,
  startPrometheus,
} from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';

const DURATION = Number(process.env.BENCH_DURATION ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const TTL_SECONDS = Number(process.env.BENCH_TTL ?? 10);
const PROBE_TIMEOUT_MS = 2000;
const TOKEN = 'bench-static-token-0123456789abcdef';
const PASSWORD = 'bench-Secret-1';
const STACK = 'analytics';
/** Fresh stacks for cold-cache latency samples. */
const COLD = ['cold-1', 'cold-2', 'cold-3', 'cold-4', 'cold-5'];
const HUNG = ['druid', 'nifi', 'kibana'];
/** Fakes' services per component (the component's probed services). */
const FAKED: Record<string, string[]> = {
  trino: ['trino'],
  presto: ['presto'],
  druid: [
    'druid-coordinator',
    'druid-broker',
    'druid-historical',
    'druid-middlemanager',
    'druid-router',
  ],
  nifi: ['nifi'],
  airflow: ['airflow-apiserver', 'airflow-scheduler'],
  grafana: ['grafana'],
  elasticsearch: ['elasticsearch'],
  logstash: ['logstash'],
  kibana: ['kibana'],
  minio: ['minio'],
};
const REAL = ['postgresql', 'mysql', 'clickhouse', 'prometheus'];
const COMPONENTS = [...REAL, ...Object.keys(FAKED)];

const now = () => Number(process.hrtime.bigint()) / 1e6;
const rssMiB = (pid: number) => {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find(l => l.startsWith('VmRSS:'))!;
  return Number(line.split(/\s+/)[1]) / 1024;
};
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function entities(): object[] {
  const system = (name: string) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name, annotations: { 'datastack.backstage.io/stack': name } },
    spec: { owner: 'group:default/data-platform' },
  });
  const component = (stack: string, id: string) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `${stack}-${id}`,
      annotations: {
        'datastack.backstage.io/stack': stack,
        'datastack.backstage.io/component': id,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/data-platform',
      system: stack,
    },
  });
  return [STACK, ...COLD].flatMap(stack => [
    system(stack),
    ...COMPONENTS.map(id => component(stack, id)),
  ]);
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-status-'));
  const servers: TestServer[] = [];
  const fakes: FakeServer[] = [];
  let backend: ReturnType<typeof spawn> | undefined;
  try {
    process.stdout.write(
      'starting PostgreSQL, MariaDB, ClickHouse, Prometheus and fakes... ',
    );
    const [postgres, mysql, clickhouse, prometheus] = await Promise.all([
      startPostgres(PASSWORD),
      startMariaDb(PASSWORD),
      startClickHouse(PASSWORD),
      startPrometheus(STACK),
    ]);
    servers.push(postgres, mysql, clickhouse, prometheus);
    // One fake per component, so hits count per component.
    const fakeOf: Record<string, FakeServer> = {};
    for (const id of Object.keys(FAKED)) {
      const fake =
        id === 'trino' || id === 'presto'
          ? await startFakeQueryEngine(id)
          : await startHealthFake();
      if (HUNG.includes(id)) fake.mode = 'hung';
      fakeOf[id] = fake;
      fakes.push(fake);
    }
    console.log('done');

    const endpoints: Record<string, string> = {
      postgresql: `tcp://127.0.0.1:${postgres.port}`,
      mysql: `tcp://127.0.0.1:${mysql.port}`,
      clickhouse: `http://127.0.0.1:${clickhouse.port}`,
      prometheus: `http://127.0.0.1:${prometheus.port}`,
    };
    for (const [id, services] of Object.entries(FAKED))
      for (const service of services) endpoints[service] = fakeOf[id].url;
    const port = await freePort();
    const catalogFile = path.join(dir, 'catalog.yaml');
    fs.writeFileSync(catalogFile, stringifyYamlDocuments(entities()));
    const configFile = path.join(dir, 'app-config.yaml');
    fs.writeFileSync(
      configFile,
      stringifyYaml({
        app: { baseUrl: `http://localhost:${port}` },
        backend: {
          baseUrl: `http://localhost:${port}`,
          listen: { port, host: '127.0.0.1' },
          database: { client: 'better-sqlite3', connection: ':memory:' },
          auth: {
            externalAccess: [
              { type: 'static', options: { token: TOKEN, subject: 'bench' } },
            ],
          },
        },
        catalog: {
          rules: [{ allow: ['System', 'Component'] }],
          locations: [{ type: 'file', target: catalogFile }],
        },
        dataStack: {
          status: {
            probeTimeout: { milliseconds: PROBE_TIMEOUT_MS },
            cacheTtl: { seconds: TTL_SECONDS },
            stacks: [STACK, ...COLD].map(name => ({
              name,
              endpoints,
              secrets: {
                POSTGRES_PASSWORD: PASSWORD,
                MYSQL_ROOT_PASSWORD: PASSWORD,
                CLICKHOUSE_PASSWORD: PASSWORD,
              },
            })),
          },
        },
      }),
    );

    process.stdout.write('starting the backend... ');
    backend = spawn(
      process.execPath,
      [
        '-r',
        '@backstage/cli/config/nodeTransform.cjs',
        'scripts/bench/statusBackend.ts',
        '--config',
        configFile,
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, LOG_LEVEL: 'warn' },
      },
    );
    let stderr = '';
    backend.stderr!.on('data', chunk => {
      stderr = (stderr + chunk).slice(-4000);
    });
    const base = `http://127.0.0.1:${port}/api/data-stack/entities/system/default`;
    const headers = { authorization: `Bearer ${TOKEN}` };
    const ready = Date.now() + 120_000;
    for (;;) {
      if (backend.exitCode !== null)
        throw new Error(`the backend exited:\n${stderr}`);
      const res = await fetch(
        `${base}/${COLD[COLD.length - 1]}/query-catalogs`,
        { headers },
      ).catch(() => undefined);
      if (res?.ok) break;
      if (Date.now() > ready)
        throw new Error(`the backend did not become ready:\n${stderr}`);
      await new Promise(r => setTimeout(r, 500));
    }
    console.log('done');

    // 1. Cold status latency with three hung components.
    const cold: number[] = [];
    let components = 0;
    for (const stack of COLD) {
      const started = now();
      const res = await fetch(`${base}/${stack}/status`, { headers });
      const body = await res.json();
      cold.push(now() - started);
      components = body.components.length;
    }

    // 2. Load: warm-up, baseline memory, then the measured run.
    const requests = ['status', 'metrics', 'query-catalogs'].map(route => ({
      method: 'GET' as const,
      path: `/api/data-stack/entities/system/default/${STACK}/${route}`,
      headers,
    }));
    const run = (duration: number) =>
      autocannon({
        url: `http://127.0.0.1:${port}`,
        connections: CONNECTIONS,
        duration,
        requests,
        timeout: 10,
      });
    await run(5);
    const rssBefore = rssMiB(backend.pid!);
    const hitsBefore = Object.fromEntries(
      Object.entries(fakeOf).map(([id, f]) => [id, f.requests.length]),
    );
    const result = await run(DURATION);
    const rssAfter = rssMiB(backend.pid!);

    const periods = Math.ceil(DURATION / TTL_SECONDS) + 1;
    console.log(
      `\n${components} components, ${HUNG.length} hung (${HUNG.join(
        ', ',
      )}); probe timeout ${PROBE_TIMEOUT_MS} ms, cache TTL ${TTL_SECONDS} s`,
    );
    console.log(
      `cold status: median ${median(cold).toFixed(0)} ms, max ${Math.max(
        ...cold,
      ).toFixed(0)} ms (budget ${PROBE_TIMEOUT_MS + 100} ms)`,
    );
    console.log(
      `load: ${CONNECTIONS} connections, ${DURATION} s, ${result.requests.total} requests (${result.requests.average}/s), latency p50 ${result.latency.p50} ms p99 ${result.latency.p99} ms`,
    );
    console.log(
      `answers: 2xx ${result['2xx']}, non-2xx ${result.non2xx}, 5xx ${result['5xx']}, errors ${result.errors}, timeouts ${result.timeouts}`,
    );
    console.log(
      `upstream requests per component during the run (at most ${periods} cache periods; probes per period = requests / periods / probed services):`,
    );
    let worst = 0;
    for (const [id, fake] of Object.entries(fakeOf)) {
      const during = fake.requests.length - hitsBefore[id];
      // Query engines answer the health probe and two catalog statements' pages.
      const perProbe =
        id === 'trino' || id === 'presto' ? undefined : FAKED[id].length;
      const perPeriod = perProbe ? during / perProbe / periods : undefined;
      if (perPeriod !== undefined) worst = Math.max(worst, perPeriod);
      console.log(
        `  ${id.padEnd(14)} ${String(during).padStart(4)} requests${
          perPeriod === undefined
            ? ''
            : `, ${(during / perProbe!).toFixed(0)} probes`
        }`,
      );
    }
    const growth = (rssAfter / rssBefore - 1) * 100;
    console.log(
      `backend RSS: ${rssBefore.toFixed(
        0,
      )} MiB after warm-up, ${rssAfter.toFixed(0)} MiB after the run (${
        growth >= 0 ? '+' : ''
      }${growth.toFixed(1)} %, budget +10 %)`,
    );
    const ok =
      Math.max(...cold) <= PROBE_TIMEOUT_MS + 100 &&
      result['5xx'] === 0 &&
      growth <= 10 &&
      worst <= 1;
    console.log(`within budget: ${ok ? 'yes' : 'NO'}`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    backend?.kill('SIGTERM');
    await Promise.all([
      ...servers.map(s => s.stop()),
      ...fakes.map(f => f.close()),
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
