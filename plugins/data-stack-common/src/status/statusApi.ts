/**
 * What the data stack backend's status, metrics and query-catalog routes
 * answer; the frontend plugin reads the same types.
 */

/** A component's health as the backend's probes saw it. */
export type HealthState = 'healthy' | 'degraded' | 'down' | 'unknown';

/** One probed service of a component. */
export interface ServiceHealth {
  service: string;
  status: HealthState;
  latencyMs?: number;
  /** As the service reports it (HTTP JSON or SQL), when it does. */
  version?: string;
  /** Why the status is not healthy, in a few words. */
  reason?: string;
  /**
   * The service publishes no port where the backend looks (a Compose
   * service without `ports:`, such as an exporter that only the stack's
   * Prometheus scrapes), so it is not probed and its status is `unknown`.
   */
  unpublished?: boolean;
}

export interface ComponentStatus {
  id: string;
  title: string;
  layer: string;
  status: HealthState;
  /** The slowest probed service's latency. */
  latencyMs?: number;
  version?: string;
  /** ISO time of the probe the answer comes from (it may be cached). */
  checkedAt: string;
  reason?: string;
  services: ServiceHealth[];
  /** The component's catalog entity, when the catalog has one. */
  entityRef?: string;
  /** The entity's links (its web UIs), for the browser only: never fetched by the backend. */
  links?: ComponentLink[];
}

export interface ComponentLink {
  title: string;
  url: string;
}

export interface StackStatusResponse {
  stack: string;
  components: ComponentStatus[];
  /**
   * Set when no component of the stack answered: every probed service is
   * down and the other services publish no port. `runsOn` says how the
   * backend expects the stack to run, from `dataStack.status.endpoints.port`:
   * `compose` (ports published on a host, as `docker compose up` does)
   * or `kubernetes` (container ports behind cluster DNS names).
   */
  notRunning?: { runsOn: 'compose' | 'kubernetes' };
}

/** One status-card metric: the instant value and a short range for a sparkline. */
export interface MetricValue {
  title: string;
  unit: string;
  /** `null` when the query matched no series. */
  value: number | null;
  /** `[unix seconds, value]` pairs, oldest first. */
  series: [number, number][];
}

export interface ComponentMetrics {
  id: string;
  metrics: MetricValue[];
  /** Why there are no values (no Prometheus, a failed query). */
  reason?: string;
}

export interface StackMetricsResponse {
  stack: string;
  /** The range the series cover, in seconds, and their step. */
  rangeSeconds: number;
  stepSeconds: number;
  components: ComponentMetrics[];
}

export interface QueryCatalog {
  name: string;
  connector: string;
}

/** The catalogs of one SQL engine of the stack (Trino or Presto). */
export interface QueryEngineCatalogs {
  /** The component, e.g. `trino`. */
  id: string;
  title: string;
  protocol: 'trino' | 'presto';
  catalogs: QueryCatalog[];
  reason?: string;
}

export interface StackQueryCatalogsResponse {
  stack: string;
  engines: QueryEngineCatalogs[];
}

export interface CatalogSchemasResponse {
  stack: string;
  engine: string;
  catalog: string;
  schemas: string[];
  reason?: string;
}
