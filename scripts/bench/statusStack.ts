/*
 * What the status benchmark (scripts/bench/status.ts) runs against: a
 * 14-component stack on loopback — real PostgreSQL, MariaDB, ClickHouse
 * and Prometheus (Debian's packages, as the tests start them) and
 * documented-shape fakes for the rest, three of which (Druid, NiFi,
 * Kibana) hang — and a backend (scripts/bench/statusBackend.ts: the real
 * catalog and the data stack backend) in its own process. The catalog
 * reads the stacks' catalog file and a second file whose entities claim
 * the measured stack without belonging to it.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringifyYamlDocuments } from '@big-data-stack/backstage-plugin-data-stack-node';
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
import { TOKEN, startStatusBackend } from './startStatusBackend';

export { TOKEN };

const PASSWORD = 'bench-Secret-1';
/** The stack under load. */
export const STACK = 'analytics';
/** Fresh stacks for cold-cache latency samples. */
export const COLD = ['cold-1', 'cold-2', 'cold-3', 'cold-4', 'cold-5'];
export const HUNG = ['druid', 'nifi', 'kibana'];
/** Fakes' services per component (the component's probed services). */
export const FAKED: Record<string, string[]> = {
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
export const COMPONENTS = [...REAL, ...Object.keys(FAKED)];
/** The intruders' entities (see intruders()). */
export const INTRUDERS = [
  'component/default/intruder-claim',
  'component/default/intruder-system',
  'component/default/intruder-forged',
  'system/default/intruder',
];
/** Where the intruders' links point; no answer may contain it. */
export const PHISHING = 'https://phishing.example.com/sign-in';

const system = (name: string, annotations: Record<string, string> = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name,
    annotations: { 'datastack.backstage.io/stack': name, ...annotations },
  },
  spec: { owner: 'group:default/data-platform' },
});

function component(
  stack: string,
  id: string,
  extra: { name?: string; system?: string; annotations?: object } = {},
) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: extra.name ?? `${stack}-${id}`,
      annotations: {
        'datastack.backstage.io/stack': stack,
        'datastack.backstage.io/component': id,
        ...extra.annotations,
      },
      ...(extra.name && { links: [{ url: PHISHING, title: 'Sign in' }] }),
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/data-platform',
      system: extra.system ?? stack,
    },
  };
}

/**
 * Entities of another catalog file claiming the stack: by annotation, by
 * spec.system, and by a forged managed-by-location (the catalog replaces
 * it with the file it read), and a System claiming the stack's name.
 */
function intruders(stackFile: string) {
  return [
    component(STACK, 'zookeeper', { name: 'intruder-claim', system: 'x' }),
    component(STACK, 'delta-lake', {
      name: 'intruder-system',
      system: `system:default/${STACK}`,
    }),
    component(STACK, 'hive-metastore', {
      name: 'intruder-forged',
      annotations: { 'backstage.io/managed-by-location': `file:${stackFile}` },
    }),
    system('intruder', { 'datastack.backstage.io/stack': STACK }),
  ];
}

export interface StatusStack {
  port: number;
  backendPid: number;
  /** The backend's fakes by component id; `mode` switches them. */
  fakeOf: Record<string, FakeServer>;
  /** The catalog file of the intruders. */
  intruderFile: string;
  /** The last 4000 characters the backend wrote to stderr. */
  stderr(): string;
  /** The backend's memory after a full garbage collection (statusBackend.ts). */
  liveMemory(): Promise<NodeJS.MemoryUsage>;
  stop(): Promise<void>;
}

export async function startStatusStack(options: {
  ttlSeconds: number;
  probeTimeoutMs: number;
}): Promise<StatusStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-status-'));
  const servers: TestServer[] = [];
  const fakes: FakeServer[] = [];
  let backend: ChildProcess | undefined;
  const stop = async () => {
    backend?.kill('SIGTERM');
    await Promise.all([
      ...servers.map(s => s.stop()),
      ...fakes.map(f => f.close()),
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
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

    const endpoints: Record<string, string> = {
      postgresql: `tcp://127.0.0.1:${postgres.port}`,
      mysql: `tcp://127.0.0.1:${mysql.port}`,
      clickhouse: `http://127.0.0.1:${clickhouse.port}`,
      prometheus: `http://127.0.0.1:${prometheus.port}`,
    };
    for (const [id, services] of Object.entries(FAKED))
      for (const service of services) endpoints[service] = fakeOf[id].url;
    const port = await freePort();
    const stackFile = path.join(dir, 'catalog-info.yaml');
    fs.writeFileSync(
      stackFile,
      stringifyYamlDocuments(
        [STACK, ...COLD].flatMap(stack => [
          system(stack),
          ...COMPONENTS.map(id => component(stack, id)),
        ]),
      ),
    );
    const intruderFile = path.join(dir, 'intruder.yaml');
    fs.writeFileSync(
      intruderFile,
      stringifyYamlDocuments(intruders(stackFile)),
    );
    const started = startStatusBackend({
      dir,
      port,
      exposeGc: true,
      catalog: {
        rules: [{ allow: ['System', 'Component'] }],
        locations: [
          { type: 'file', target: stackFile },
          { type: 'file', target: intruderFile },
        ],
      },
      dataStack: {
        status: {
          probeTimeout: { milliseconds: options.probeTimeoutMs },
          cacheTtl: { seconds: options.ttlSeconds },
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
    });
    backend = started.process;
    let memory: ((usage: NodeJS.MemoryUsage) => void) | undefined;
    started.onStderrLine(line => {
      if (line.startsWith('bench-memory '))
        memory?.(JSON.parse(line.slice('bench-memory '.length)));
    });
    const headers = { authorization: `Bearer ${TOKEN}` };
    const ready = Date.now() + 120_000;
    // Ready when the catalog has the last stack and every intruder.
    for (const url of [
      `http://127.0.0.1:${port}/api/data-stack/entities/system/default/${
        COLD[COLD.length - 1]
      }/query-catalogs`,
      ...INTRUDERS.map(
        ref => `http://127.0.0.1:${port}/api/catalog/entities/by-name/${ref}`,
      ),
    ])
      for (;;) {
        if (started.process.exitCode !== null)
          throw new Error(`the backend exited:\n${started.stderr()}`);
        const res = await fetch(url, { headers }).catch(() => undefined);
        if (res?.ok) break;
        if (Date.now() > ready)
          throw new Error(
            `the backend did not become ready:\n${started.stderr()}`,
          );
        await new Promise(r => setTimeout(r, 500));
      }
    return {
      port,
      backendPid: started.process.pid!,
      fakeOf,
      intruderFile,
      stderr: started.stderr,
      liveMemory: () =>
        new Promise(resolve => {
          memory = resolve;
          started.process.kill('SIGUSR2');
        }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
