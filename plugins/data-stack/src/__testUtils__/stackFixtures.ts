import type { Entity } from '@backstage/catalog-model';
import type {
  ComponentStatus,
  StackMetricsResponse,
  StackQueryCatalogsResponse,
  StackStatusResponse,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import type { DataStackApi } from '../api/DataStackApi';

export const stackSystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'analytics',
    namespace: 'default',
    annotations: { 'datastack.backstage.io/stack': 'analytics' },
  },
  spec: { owner: 'group:default/data-platform' },
};

export const trinoEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'analytics-trino',
    namespace: 'default',
    annotations: {
      'datastack.backstage.io/stack': 'analytics',
      'datastack.backstage.io/component': 'trino',
      'datastack.backstage.io/query-catalogs': 'trino',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'data-platform' },
};

const checkedAt = '2026-11-28T20:00:00.000Z';

export function component(
  id: string,
  layer: string,
  status: ComponentStatus['status'],
  extra: Partial<ComponentStatus> = {},
): ComponentStatus {
  return {
    id,
    title: id[0].toUpperCase() + id.slice(1),
    layer,
    status,
    checkedAt,
    services: [],
    ...extra,
  };
}

export const statusAnswer: StackStatusResponse = {
  stack: 'analytics',
  components: [
    component('trino', 'query', 'healthy', {
      latencyMs: 12,
      version: '479',
      entityRef: 'component:default/analytics-trino',
      links: [{ title: 'Trino UI', url: 'http://localhost:8080/ui/' }],
    }),
    component('postgresql', 'storage', 'degraded', {
      latencyMs: 30,
      reason: 'password authentication failed for user "postgres"',
      code: 'bad-answer',
    }),
    component('kibana', 'search', 'down', {
      latencyMs: 2000,
      reason: 'no answer within 2000 ms',
      code: 'unreachable',
    }),
    component('nifi', 'ingestion', 'unknown', {
      reason: 'no endpoint configured for nifi (dataStack.status)',
      code: 'not-configured',
    }),
  ],
};

export const metricsAnswer: StackMetricsResponse = {
  stack: 'analytics',
  rangeSeconds: 1800,
  stepSeconds: 60,
  components: [
    {
      id: 'trino',
      metrics: [
        {
          title: 'Running queries',
          unit: 'count',
          value: 3,
          series: [
            [1, 1],
            [2, 4],
            [3, 3],
          ],
        },
        { title: 'Heap used', unit: 'bytes', value: 1610612736, series: [] },
      ],
    },
    { id: 'kibana', metrics: [], reason: 'the stack has no Prometheus' },
  ],
};

export const catalogsAnswer: StackQueryCatalogsResponse = {
  stack: 'analytics',
  engines: [
    {
      id: 'trino',
      title: 'Trino',
      protocol: 'trino',
      catalogs: [
        { name: 'delta', connector: 'delta_lake' },
        { name: 'tpch', connector: 'tpch' },
      ],
    },
  ],
};

/** An API answering the fixtures; each method a jest mock to override. */
export function mockDataStackApi(
  overrides: Partial<Record<keyof DataStackApi, jest.Mock>> = {},
) {
  return {
    plan: jest.fn(),
    status: jest.fn().mockResolvedValue(statusAnswer),
    metrics: jest.fn().mockResolvedValue(metricsAnswer),
    queryCatalogs: jest.fn().mockResolvedValue(catalogsAnswer),
    catalogSchemas: jest.fn().mockResolvedValue({
      stack: 'analytics',
      engine: 'trino',
      catalog: 'tpch',
      schemas: ['information_schema', 'sf1', 'tiny'],
    }),
    ...overrides,
  };
}
