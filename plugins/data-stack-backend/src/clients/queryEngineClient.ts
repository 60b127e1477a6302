import { BasicAuth, Trino } from 'trino-client';
import { Client as PrestoClient } from 'presto-client';
import { withTimeout } from '../probes/probeResult';
import { Endpoint, baseUrlOf } from '../service/endpoints';

/** A finished query's result: column names and every page's rows. */
export interface QueryRows {
  columns: string[];
  rows: unknown[][];
}

export class QueryEngineError extends Error {}

/** The engine's QueryError (or a client's error) as one line. */
function engineError(error: { message?: string; errorName?: string }) {
  const message = error.message ?? String(error);
  return new QueryEngineError(
    error.errorName ? `${error.errorName}: ${message}` : message,
  );
}

/** Runs one fixed statement on a Trino or Presto coordinator and collects all pages. */
export type QueryEngineClient = (sql: string) => Promise<QueryRows>;

/**
 * Trino through the official client, with the user always set (it would
 * otherwise send `$USER`, unset in containers, and get a 401). The client
 * follows `nextUri` pages and skips empty ones; query errors arrive as
 * `error` on a page, not as exceptions.
 */
export function trinoClient(
  endpoint: Endpoint,
  user: string,
  timeoutMs: number,
): QueryEngineClient {
  return sql =>
    withTimeout(timeoutMs, async () => {
      // One client per query: it keeps X-Trino-Set-* answers as its own headers.
      const trino = Trino.create({
        server: baseUrlOf(endpoint),
        source: 'backstage-data-stack',
        auth: new BasicAuth(user),
      });
      // The client sets no socket timeout; without one a hung coordinator
      // would keep a socket per query open after our own deadline.
      const axiosConfig = (trino as any).client?.clientConfig;
      if (axiosConfig) axiosConfig.timeout = timeoutMs;
      const result: QueryRows = { columns: [], rows: [] };
      for await (const page of await trino.query(sql)) {
        if (page.error) throw engineError(page.error);
        if (page.columns && result.columns.length === 0)
          result.columns = page.columns.map(c => c.name);
        result.rows.push(...(page.data ?? []));
      }
      return result;
    });
}

/**
 * Presto through presto-client, which polls `nextUri`, retries 502-504,
 * kills the query at its own timeout and reports query errors.
 */
export function prestoClient(
  endpoint: Endpoint,
  user: string,
  timeoutMs: number,
): QueryEngineClient {
  return sql =>
    withTimeout(
      timeoutMs,
      () =>
        new Promise<QueryRows>((resolve, reject) => {
          const client = new PrestoClient({
            host: endpoint.host,
            port: endpoint.port,
            user,
            source: 'backstage-data-stack',
            timeout: timeoutMs / 1000,
            checkInterval: 50,
            ...(endpoint.protocol === 'https:' && { ssl: {} }),
          });
          const result: QueryRows = { columns: [], rows: [] };
          client.execute({
            query: sql,
            columns: (_, columns) => {
              result.columns = columns.map(c => c.name);
            },
            data: (_, rows) => {
              result.rows.push(...rows);
            },
            success: () => resolve(result),
            error: error => reject(engineError(error)),
          });
        }),
    );
}

export function queryEngineClient(
  protocol: 'trino' | 'presto',
  endpoint: Endpoint,
  user: string,
  timeoutMs: number,
): QueryEngineClient {
  return protocol === 'trino'
    ? trinoClient(endpoint, user, timeoutMs)
    : prestoClient(endpoint, user, timeoutMs);
}
