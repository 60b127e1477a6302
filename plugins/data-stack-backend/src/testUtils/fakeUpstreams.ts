import { FakeReply, FakeServer, startFakeHttp } from './fakeHttp';

/**
 * Healthy answers of each product's health endpoint, by path, in the shapes
 * each product documents for the version the component library pins (each
 * descriptor in services/<id>/component.yaml links its product's docs).
 */
export const HEALTHY: Record<string, FakeReply> = {
  // Trino and Presto: ServerInfo.
  '/v1/info': {
    body: {
      nodeVersion: { version: '479' },
      environment: 'datastack',
      coordinator: true,
      starting: false,
      uptime: '12.34m',
    },
  },
  // Every Druid service answers the JSON literal true.
  '/status/health': { body: 'true' },
  // NiFi 2: the one API path open without a login (AuthenticationResource).
  '/nifi-api/authentication/configuration': {
    body: {
      authenticationConfiguration: {
        externalLoginRequired: false,
        loginSupported: true,
        loginUri: 'https://localhost:8443/nifi-api/access/token',
        logoutUri: 'https://localhost:8443/nifi-api/access/logout',
      },
    },
  },
  '/api/v2/monitor/health': {
    body: {
      metadatabase: { status: 'healthy' },
      scheduler: {
        status: 'healthy',
        latest_scheduler_heartbeat: '2026-11-28T20:00:00.000000+00:00',
      },
      triggerer: { status: 'healthy', latest_triggerer_heartbeat: null },
      dag_processor: {
        status: 'healthy',
        latest_dag_processor_heartbeat: null,
      },
    },
  },
  // logstash-exporter: 200 with no body while it reaches Logstash
  // (server/healthcheck.go at kuskoman/logstash-exporter v1.6.4).
  '/healthcheck': { body: '' },
  // The Airflow scheduler's own health server.
  '/health': {
    body: {
      metadatabase: { status: 'healthy' },
      scheduler: {
        status: 'healthy',
        latest_scheduler_heartbeat: '2026-11-28T20:00:00+00:00',
      },
    },
  },
  '/api/health': {
    body: { commit: '4f4fd3b', database: 'ok', version: '12.4.0' },
  },
  '/_cluster/health': {
    body: {
      cluster_name: 'docker-cluster',
      status: 'green',
      timed_out: false,
      number_of_nodes: 1,
      number_of_data_nodes: 1,
      active_primary_shards: 3,
      active_shards: 3,
      unassigned_shards: 0,
    },
  },
  '/_health_report': {
    body: {
      host: 'logstash',
      version: '8.19.0',
      snapshot: false,
      name: 'logstash',
      status: 'green',
      indicators: {
        pipelines: {
          status: 'green',
          symptom: '1 indicator is healthy (`main`)',
        },
      },
    },
  },
  '/api/status': {
    body: {
      name: 'kibana',
      uuid: '5b2de169-2785-441b-ae8c-186a1936b17d',
      version: {
        number: '8.19.0',
        build_hash: 'a1b2c3',
        build_snapshot: false,
      },
      status: {
        overall: {
          level: 'available',
          summary: 'All services and plugins are available',
        },
        core: {
          elasticsearch: {
            level: 'available',
            summary: 'Elasticsearch is available',
          },
          savedObjects: {
            level: 'available',
            summary:
              'SavedObjects service has completed migrations and is available',
          },
        },
      },
      metrics: {
        last_updated: '2026-11-28T20:00:00.000Z',
        collection_interval_in_millis: 5000,
      },
    },
  },
  // MinIO's liveness answers 200 with an empty body.
  '/minio/health/live': { body: '' },
  // Exporters: Prometheus text.
  '/metrics': {
    body: '# HELP up 1 when the exporter can reach its target\n# TYPE up gauge\nup 1\n',
  },
};

/** The same endpoints reporting trouble, still with HTTP 200 where the product does. */
export const UNHEALTHY: Record<string, FakeReply> = {
  '/v1/info': {
    body: { ...(HEALTHY['/v1/info'].body as object), starting: true },
  },
  '/_cluster/health': {
    body: { ...(HEALTHY['/_cluster/health'].body as object), status: 'red' },
  },
  '/api/health': {
    status: 503,
    body: { database: 'failing', version: '12.4.0' },
  },
  '/api/status': {
    status: 503,
    body: {
      version: { number: '8.19.0' },
      status: {
        overall: {
          level: 'unavailable',
          summary: 'Elasticsearch is unavailable',
        },
      },
    },
  },
};

export type HealthFake = FakeServer & { unhealthy: boolean };

/** A fake of the products' health endpoints; `unhealthy` switches to the troubled answers. */
export async function startHealthFake(): Promise<HealthFake> {
  const fake = (await startFakeHttp((req, _body, server) => {
    const path = (req.url ?? '/').split('?')[0];
    return (
      ((server as HealthFake).unhealthy && UNHEALTHY[path]) ||
      HEALTHY[path] || { status: 404, body: `no ${path}` }
    );
  })) as HealthFake;
  fake.unhealthy = false;
  return fake;
}
