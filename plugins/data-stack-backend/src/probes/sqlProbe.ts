import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import type { Probe } from '@big-data-stack/backstage-plugin-data-stack-common';
import mysql from 'mysql2/promise';
import { Client as PgClient } from 'pg';
import { Endpoint, baseUrlOf } from '../service/endpoints';
import { ProbeResult, failed, withTimeout } from './probeResult';

type SqlProbe = Extract<Probe, { type: 'sql' }>;
/** A SQL probe's options: the descriptor's probe but its type and port. */
export type SqlProbeOptions = Omit<SqlProbe, 'type' | 'port'>;

interface SqlLogin {
  host: string;
  port: number;
  user: string;
  password?: string;
  database?: string;
  timeoutMs: number;
  signal: AbortSignal;
}

/** `select 1` plus the server's version, one round trip per dialect. */
const queries: Record<
  SqlProbe['dialect'],
  (login: SqlLogin, endpoint: Endpoint) => Promise<string>
> = {
  async postgresql(login) {
    const client = new PgClient({
      host: login.host,
      port: login.port,
      user: login.user,
      password: login.password,
      database: login.database ?? 'postgres',
      connectionTimeoutMillis: login.timeoutMs,
      query_timeout: login.timeoutMs,
    });
    login.signal.addEventListener('abort', () => client.end().catch(() => {}));
    try {
      await client.connect();
      const { rows } = await client.query(
        "SELECT 1 AS ok, current_setting('server_version') AS version",
      );
      return rows[0].version;
    } finally {
      await client.end().catch(() => {});
    }
  },
  async mysql(login) {
    const connection = await mysql.createConnection({
      host: login.host,
      port: login.port,
      user: login.user,
      password: login.password,
      database: login.database,
      connectTimeout: login.timeoutMs,
    });
    login.signal.addEventListener('abort', () => connection.destroy());
    try {
      const [rows] = await connection.query<mysql.RowDataPacket[]>({
        sql: 'SELECT 1 AS ok, VERSION() AS version',
        timeout: login.timeoutMs,
      });
      return rows[0].version;
    } finally {
      connection.destroy();
    }
  },
  async clickhouse(login, endpoint) {
    const client = createClient({
      url: baseUrlOf(endpoint),
      username: login.user,
      password: login.password ?? '',
      database: login.database,
      request_timeout: login.timeoutMs,
      // Failures are the probe's result, not log lines.
      log: { level: ClickHouseLogLevel.OFF },
    });
    try {
      const result = await client.query({
        query: 'SELECT 1 AS ok, version() AS version',
        format: 'JSONEachRow',
        abort_signal: login.signal,
      });
      const rows = await result.json<{ ok: number; version: string }>();
      return rows[0].version;
    } finally {
      await client.close();
    }
  },
};

/**
 * Logs in with the descriptor's user and the stack's secret and runs
 * `select 1` through the dialect's maintained Node client.
 */
export async function probeSql(
  endpoint: Endpoint,
  probe: SqlProbeOptions,
  password: string | undefined,
  timeoutMs: number,
): Promise<ProbeResult> {
  const started = Date.now();
  try {
    const version = await withTimeout(timeoutMs, signal =>
      queries[probe.dialect](
        {
          host: endpoint.host,
          port: endpoint.port,
          user: probe.user,
          password,
          database: probe.database,
          timeoutMs,
          signal,
        },
        endpoint,
      ),
    );
    return {
      status: 'healthy',
      latencyMs: Date.now() - started,
      ...(version && { version: String(version) }),
    };
  } catch (error) {
    return failed(error, started, { target: endpoint, timeoutMs });
  }
}
