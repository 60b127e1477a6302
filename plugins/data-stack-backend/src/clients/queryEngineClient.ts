import { Client as PrestoClient } from 'presto-client';
import { withTimeout } from '../probes/probeResult';
import { Endpoint } from '../service/endpoints';

/** A finished query's result: column names and every page's rows. */
export interface QueryRows {
  columns: string[];
  rows: unknown[][];
}

export class QueryEngineError extends Error {}

/**
 * The engine's QueryError (or a client's error) as one line. A failed
 * request carries the socket's own error, kept as the cause: its code
 * (ECONNREFUSED…) is what `describeError` turns into the reason.
 */
function engineError(error: {
  message?: string;
  errorName?: string;
  error?: unknown;
}) {
  const message = error.message ?? String(error);
  return new QueryEngineError(
    error.errorName ? `${error.errorName}: ${message}` : message,
    { cause: error.error },
  );
}

/** Runs one fixed statement on a Trino or Presto coordinator and collects all pages. */
export type QueryEngineClient = (sql: string) => Promise<QueryRows>;

/**
 * Trino or Presto through presto-client, which speaks both (its `engine`
 * option picks the X-Trino-* or X-Presto-* headers:
 * https://github.com/tagomoris/presto-client-node#readme). It polls
 * `nextUri`, retries 502-504, reports query errors, and kills the query
 * and its connection at its own timeout, so a hung coordinator keeps no
 * socket open after our deadline. The user is always set: the client would
 * otherwise send `$USER`, unset in containers, and get a 401.
 */
export function queryEngineClient(
  engine: 'trino' | 'presto',
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
            engine,
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
