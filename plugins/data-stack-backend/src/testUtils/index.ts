/**
 * The real servers (Debian's PostgreSQL, MariaDB, ClickHouse, Prometheus)
 * and the documented-shape fakes this package's tests start on loopback
 * ports; the portal's end-to-end test and the status benchmark use them too.
 *
 * @packageDocumentation
 */
export * from './fakeHttp';
export * from './fakeQueryEngine';
export * from './fakeUpstreams';
export * from './servers/clickhouse';
export * from './servers/mariadb';
export * from './servers/postgres';
export * from './servers/process';
export * from './servers/prometheus';
// The portal's own Trino and Presto clients, for suites that query real engines.
export { queryEngineClient } from '../clients/queryEngineClient';
export type {
  QueryEngineClient,
  QueryRows,
} from '../clients/queryEngineClient';
