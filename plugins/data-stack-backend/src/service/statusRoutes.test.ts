import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  CatalogSchemasResponse,
  StackMetricsResponse,
  StackQueryCatalogsResponse,
  StackStatusResponse,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import type { AddressInfo } from 'node:net';
import { FakeServer, startFakeHttp } from '../testUtils/fakeHttp';
import {
  FakeQueryEngine,
  startFakeQueryEngine,
} from '../testUtils/fakeQueryEngine';
import { HealthFake, startHealthFake } from '../testUtils/fakeUpstreams';
import { startPostgres } from '../testUtils/servers/postgres';
import { TestServer } from '../testUtils/servers/process';
import { startPrometheus } from '../testUtils/servers/prometheus';
import { dataStackPlugin } from '../plugin';

const STACK = 'datastack.backstage.io/stack';
const COMPONENT = 'datastack.backstage.io/component';
/** Set by the catalog to the file it read an entity from. */
const LOCATION = 'backstage.io/managed-by-location';
const fileOf = (stack: string) =>
  `url:https://git.example.com/${stack}/catalog-info.yaml`;
const ELSEWHERE = 'url:https://git.example.com/intruder/catalog-info.yaml';
const PHISHING = 'https://phishing.example.com/login';

function system(
  name: string,
  annotations: Record<string, string>,
  namespace?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name,
      namespace,
      annotations: { [LOCATION]: fileOf(name), ...annotations },
    },
    spec: { owner: 'group:default/data-platform' },
  };
}

/** A component as `datastack render` writes it, or with `overrides`. */
function component(
  stack: string,
  id: string,
  overrides: { name?: string; location?: string; system?: string } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name:
        overrides.name ??
        `${stack}-${id}`.replace(/[^a-z0-9-]/g, '-').slice(0, 63),
      annotations: {
        [STACK]: stack,
        [COMPONENT]: id,
        [LOCATION]: overrides.location ?? fileOf(stack),
      },
      links: [
        { url: `http://localhost:3000/${id}`, title: `${id} UI` },
        // Not a web link: never handed to the browser.
        // eslint-disable-next-line no-script-url
        { url: 'javascript:alert(1)', title: 'script' },
      ],
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'data-platform',
      system: overrides.system ?? stack,
    },
  };
}

/**
 * Entities registered from another catalog file that claim the analytics
 * stack: by annotation alone, and with spec.system naming its System.
 */
const INTRUDERS: Entity[] = [
  component('analytics', 'minio', {
    name: 'intruder-claim',
    location: ELSEWHERE,
    system: 'intruder',
  }),
  component('analytics', 'airflow', {
    name: 'intruder-system',
    location: ELSEWHERE,
    system: 'system:default/analytics',
  }),
  system(
    'analytics',
    { [STACK]: 'analytics', [LOCATION]: ELSEWHERE },
    'intruder',
  ),
  system('intruder', { [STACK]: 'analytics', [LOCATION]: ELSEWHERE }),
].map(e =>
  e.kind === 'Component'
    ? {
        ...e,
        metadata: {
          ...e.metadata,
          links: [{ url: PHISHING, title: 'Sign in' }],
        },
      }
    : e,
);

const ANALYTICS = [
  'postgresql',
  'prometheus',
  'trino',
  'presto',
  'grafana',
  'kibana',
  'elasticsearch',
];

describe('status, metrics and query catalogs of a stack', () => {
  const password = 'routes-Secret-1';
  let postgres: TestServer;
  let prometheus: TestServer;
  let health: HealthFake;
  let hung: FakeServer;
  let lonely: HealthFake;
  let trino: FakeQueryEngine;
  let presto: FakeQueryEngine;
  let attacker: FakeServer;
  let baseUrl: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    [postgres, prometheus, health, hung, lonely, trino, presto, attacker] =
      await Promise.all([
        startPostgres(password),
        startPrometheus('analytics'),
        startHealthFake(),
        startFakeHttp(() => ({ body: {} })),
        startHealthFake(),
        startFakeQueryEngine('trino'),
        startFakeQueryEngine('presto'),
        startFakeHttp(() => ({ body: 'true' })),
      ]);
    hung.mode = 'hung';
    lonely.mode = 'slow';
    const hostile = `127.0.0.1:${attacker.port}`;
    const entities: Entity[] = [
      system('analytics', { [STACK]: 'analytics' }),
      // As rendered: spec.system a full ref (the short form is tested below).
      ...ANALYTICS.map(id =>
        component('analytics', id, { system: 'system:default/analytics' }),
      ),
      ...INTRUDERS,
      // A member this caller may not read.
      system('partial', { [STACK]: 'partial' }),
      component('partial', 'grafana'),
      component('partial', 'elasticsearch', { name: 'partial-hidden' }),
      system('lonely', { [STACK]: 'lonely' }),
      component('lonely', 'grafana'),
      system('secret', { [STACK]: 'secret' }),
      component('secret', 'grafana'),
      // Hostile annotations: a host for a stack name, a URL for a
      // namespace, URLs and paths for component ids, URL-ish extras.
      system('hostile-name', { [STACK]: hostile }),
      system('hostile', {
        [STACK]: 'hostile',
        'backstage.io/kubernetes-namespace': `${hostile}/x`,
        'backstage.io/source-location': `url:http://${hostile}/`,
        'datastack.backstage.io/endpoint': `http://${hostile}`,
      }),
      component('hostile', 'grafana'),
      component('hostile', 'trino'),
      component('hostile', `http://${hostile}`),
      component('hostile', '../../etc'),
    ];
    const backend = await startTestBackend({
      features: [
        dataStackPlugin,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.rootConfig.factory({
          data: {
            dataStack: {
              status: {
                probeTimeout: { milliseconds: 500 },
                cacheTtl: { minutes: 5 },
                endpoints: {
                  host: '{service}.{namespace}.svc.cluster.local',
                  port: 'container',
                },
                stacks: [
                  {
                    name: 'analytics',
                    endpoints: {
                      postgresql: `tcp://127.0.0.1:${postgres.port}`,
                      prometheus: `http://127.0.0.1:${prometheus.port}`,
                      trino: trino.url,
                      // Kubernetes-only: on a cluster, workers are probed too.
                      'trino-worker': trino.url,
                      presto: presto.url,
                      grafana: health.url,
                      kibana: hung.url,
                      elasticsearch: health.url,
                    },
                    secrets: { POSTGRES_PASSWORD: password },
                  },
                  { name: 'lonely', endpoints: { grafana: lonely.url } },
                  { name: 'secret', endpoints: { grafana: attacker.url } },
                ],
              },
            },
          },
        }),
        catalogServiceMock.factory({ entities }),
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(r => ({
              result:
                'resourceRef' in r &&
                /:default\/(secret|partial-hidden)/.test(r.resourceRef ?? '')
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })),
        }).factory,
      ],
    });
    baseUrl = `http://localhost:${
      (backend.server.address() as AddressInfo).port
    }/api/data-stack/entities`;
    stop = () => backend.stop();
  }, 60_000);

  afterAll(async () => {
    await stop?.();
    await Promise.all([
      ...[postgres, prometheus].map(s => s?.stop()),
      ...[health, hung, lonely, trino, presto, attacker].map(s => s?.close()),
    ]);
  }, 30_000);

  const get = (
    path: string,
    token: string | undefined = mockCredentials.user.token(),
  ) =>
    fetch(`${baseUrl}/${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  const json = async <T>(path: string): Promise<T> => {
    const res = await get(path);
    expect(res.status).toBe(200);
    return res.json();
  };

  it('reports each component: real PostgreSQL and Prometheus, fakes, a hung Kibana', async () => {
    const started = Date.now();
    const body = await json<StackStatusResponse>(
      'system/default/analytics/status',
    );
    // A hung upstream costs at most the probe timeout.
    expect(Date.now() - started).toBeLessThan(1500);
    const by = Object.fromEntries(body.components.map(c => [c.id, c]));
    expect(body.stack).toBe('analytics');
    expect(Object.keys(by).sort()).toEqual([...ANALYTICS].sort());
    expect(by.postgresql).toMatchObject({
      status: 'healthy',
      layer: 'storage',
    });
    expect(by.postgresql.version).toMatch(/^15\./);
    expect(by.trino).toMatchObject({ status: 'healthy', version: '479' });
    expect(by.grafana).toMatchObject({
      status: 'healthy',
      version: '12.4.0',
      entityRef: 'component:default/analytics-grafana',
      links: [{ url: 'http://localhost:3000/grafana', title: 'grafana UI' }],
    });
    expect(by.prometheus.status).toBe('healthy');
    expect(['down', 'unknown']).toContain(by.kibana.status);
    expect(by.kibana.reason).toMatch(
      /no answer within 500 ms|still being checked/,
    );
    expect(new Date(by.grafana.checkedAt).getTime()).toBeGreaterThan(
      started - 1,
    );
  });

  it('answers the status of one component entity', async () => {
    const body = await json<StackStatusResponse>(
      'component/default/analytics-grafana/status',
    );
    expect(body.components.map(c => [c.id, c.status])).toEqual([
      ['grafana', 'healthy'],
    ]);
  });

  it('probes once per cache period however many viewers ask at once', async () => {
    const answers = await Promise.all(
      Array.from({ length: 25 }, () => get('system/default/lonely/status')),
    );
    expect(answers.map(a => a.status)).toEqual(Array(25).fill(200));
    expect(lonely.requests).toHaveLength(1);
    await json('system/default/lonely/status');
    expect(lonely.requests).toHaveLength(1);
  });

  it("answers each component's card queries from the real Prometheus", async () => {
    // Wait until Prometheus's scrapes of itself are in its head block.
    const deadline = Date.now() + 15_000;
    for (;;) {
      const res = await fetch(
        `http://127.0.0.1:${prometheus.port}/api/v1/query?query=prometheus_tsdb_head_series>0`,
      );
      if ((await res.json()).data.result.length || Date.now() > deadline) break;
      await new Promise(r => setTimeout(r, 250));
    }
    const body = await json<StackMetricsResponse>(
      'system/default/analytics/metrics',
    );
    expect(body).toMatchObject({
      stack: 'analytics',
      rangeSeconds: 1800,
      stepSeconds: 60,
    });
    const own = body.components.find(c => c.id === 'prometheus')!;
    expect(own.reason).toBeUndefined();
    const up = own.metrics.find(m => m.title === 'Targets up')!;
    expect(up.value).toBe(1);
    const series = own.metrics.find(m => m.title === 'Head series')!;
    expect(series.value).toBeGreaterThan(0);
    expect(series.series.length).toBeGreaterThanOrEqual(1);
    // Trino's JMX metrics are not scraped in this test: no series, no error.
    const trinoCard = body.components.find(c => c.id === 'trino')!;
    expect(trinoCard.metrics.map(m => m.value)).toEqual(
      trinoCard.metrics.map(() => null),
    );
    expect(trinoCard.reason).toBeUndefined();
    // A component's own page gets its metrics from the stack's Prometheus.
    const trinoPage = await json<StackMetricsResponse>(
      'component/default/analytics-trino/metrics',
    );
    expect(trinoPage.components.map(c => [c.id, c.reason])).toEqual([
      ['trino', undefined],
    ]);
  }, 30_000);

  it('says so when the stack has no Prometheus', async () => {
    const body = await json<StackMetricsResponse>(
      'system/default/lonely/metrics',
    );
    expect(body.components).toEqual([
      { id: 'grafana', metrics: [], reason: 'the stack has no Prometheus' },
    ]);
  });

  it('lists the Trino and Presto catalogs with their connectors', async () => {
    const body = await json<StackQueryCatalogsResponse>(
      'system/default/analytics/query-catalogs',
    );
    const by = Object.fromEntries(body.engines.map(e => [e.id, e]));
    expect(by.trino.protocol).toBe('trino');
    expect(by.trino.catalogs).toContainEqual({
      name: 'delta',
      connector: 'delta_lake',
    });
    // Presto's catalog table has connector ids only.
    expect(by.presto.catalogs.map(c => c.name)).toEqual([
      'broken',
      'delta',
      'system',
      'tpch',
    ]);
    expect(trino.statements.every(s => s.user === 'backstage')).toBe(true);
    expect(presto.statements.every(s => s.user === 'backstage')).toBe(true);
  });

  it("lists one catalog's schemas, and reports a query error as data", async () => {
    const tpch = await json<CatalogSchemasResponse>(
      'system/default/analytics/query-catalogs/trino/tpch/schemas',
    );
    expect(tpch.schemas).toEqual([
      'information_schema',
      'sf1',
      'sf100',
      'tiny',
    ]);
    const broken = await json<CatalogSchemasResponse>(
      'system/default/analytics/query-catalogs/presto/broken/schemas',
    );
    expect(broken).toMatchObject({
      schemas: [],
      reason: expect.stringContaining('PERMISSION_DENIED'),
    });
    const unlisted = await get(
      `system/default/analytics/query-catalogs/trino/${encodeURIComponent(
        'x" FROM y; --',
      )}/schemas`,
    );
    expect(unlisted.status).toBe(404);
    expect(trino.statements.map(s => s.sql)).not.toContainEqual(
      expect.stringContaining('FROM y'),
    );
  });

  it('requires credentials', async () => {
    const res = await get('system/default/analytics/status', '');
    expect(res.status).toBe(401);
  });

  it('requires read permission on the entity, before any probe', async () => {
    for (const route of ['status', 'metrics', 'query-catalogs']) {
      const res = await get(`system/default/secret/${route}`);
      expect(res.status).toBe(403);
    }
    expect(attacker.requests).toEqual([]);
  });

  it('answers 404 for an entity that is not a stack', async () => {
    expect((await get('system/default/nothing/status')).status).toBe(404);
  });

  it('never lets annotations choose a host', async () => {
    expect((await get('system/default/hostile-name/status')).status).toBe(404);
    const status = await json<StackStatusResponse>(
      'system/default/hostile/status',
    );
    await json('system/default/hostile/metrics');
    await json('system/default/hostile/query-catalogs');
    expect(attacker.requests).toEqual([]);
    // The ids that are not library components are reported, not used.
    expect(
      status.components
        .filter(c => c.layer === 'unknown')
        .map(c => c.id)
        .sort(),
    ).toEqual(['"../../etc"', `"http://127.0.0.1:${attacker.port}"`]);
    // Known components go to the pattern's host with the stack's own name.
    const grafana = status.components.find(c => c.id === 'grafana')!;
    expect(grafana.status).not.toBe('healthy');
  });

  describe('membership', () => {
    const message = async (path: string) => {
      const res = await get(path);
      expect(res.status).toBe(404);
      return (await res.json()).error.message as string;
    };

    it("shows only entities of the System's own catalog file", async () => {
      for (const route of ['status', 'metrics', 'query-catalogs']) {
        const body = JSON.stringify(
          await json(`system/default/analytics/${route}`),
        );
        expect(body).not.toContain('intruder');
        expect(body).not.toContain(PHISHING);
      }
      const status = await json<StackStatusResponse>(
        'system/default/analytics/status',
      );
      expect(status.components.map(c => c.entityRef).sort()).toEqual(
        ANALYTICS.map(id => `component:default/analytics-${id}`).sort(),
      );
    });

    it('refuses the page of an entity claiming the stack by annotation alone', async () => {
      expect(await message('component/default/intruder-claim/status')).toMatch(
        /is not part of stack analytics: .* is not part of system:default\/analytics \(spec\.system\)/,
      );
    });

    it('refuses the page of an entity naming the System from another catalog file', async () => {
      for (const route of ['status', 'metrics', 'query-catalogs'])
        expect(
          await message(`component/default/intruder-system/${route}`),
        ).toMatch(
          /was not read from the catalog file of system:default\/analytics/,
        );
    });

    it("refuses a System claiming another System's stack", async () => {
      expect(await message('system/intruder/analytics/status')).toMatch(
        /claims stack analytics, whose System is system:default\/analytics/,
      );
      expect(await message('system/default/intruder/status')).toMatch(
        /claims stack analytics, whose System is system:default\/analytics/,
      );
    });

    it('takes a member whose spec.system omits kind and namespace', async () => {
      const body = await json<StackStatusResponse>(
        'component/default/lonely-grafana/status',
      );
      expect(body.components.map(c => c.id)).toEqual(['grafana']);
    });

    it('leaves out the members this caller may not read', async () => {
      const body = await json<StackStatusResponse>(
        'system/default/partial/status',
      );
      expect(body.components.map(c => c.entityRef)).toEqual([
        'component:default/partial-grafana',
      ]);
      expect(
        (await get('component/default/partial-hidden/status')).status,
      ).toBe(403);
    });
  });
});
