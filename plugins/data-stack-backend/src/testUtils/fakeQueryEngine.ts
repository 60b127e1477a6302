import { FakeReply, FakeServer, startFakeHttp } from './fakeHttp';
import { HEALTHY } from './fakeUpstreams';

export type Flavor = 'trino' | 'presto';

/** The catalogs the fake coordinator has: name and connector. */
export const FAKE_CATALOGS: [string, string][] = [
  ['delta', 'delta_lake'],
  ['broken', 'hive'],
  ['system', 'system'],
  ['tpch', 'tpch'],
];
export const TPCH_SCHEMAS = ['information_schema', 'sf1', 'sf100', 'tiny'];

interface Statement {
  columns: string[];
  rows: unknown[][];
  error?: {
    message: string;
    errorCode: number;
    errorName: string;
    errorType: string;
  };
}

function plan(flavor: Flavor, sql: string): Statement {
  if (sql === 'SELECT * FROM system.metadata.catalogs')
    // Trino's table has connector_name; Presto's only connector_id.
    return flavor === 'trino'
      ? {
          columns: ['catalog_name', 'connector_id', 'connector_name'],
          rows: FAKE_CATALOGS.map(([name, connector]) => [
            name,
            name,
            connector,
          ]),
        }
      : {
          columns: ['catalog_name', 'connector_id'],
          rows: FAKE_CATALOGS.map(([name]) => [name, name]),
        };
  const schemas = /^SHOW SCHEMAS FROM "(.*)"$/.exec(sql);
  if (schemas?.[1] === 'tpch')
    return { columns: ['Schema'], rows: TPCH_SCHEMAS.map(s => [s]) };
  const failure = schemas
    ? {
        message: `Access Denied: Cannot show schemas of catalog ${schemas[1]}`,
        errorCode: 4,
        errorName: 'PERMISSION_DENIED',
        errorType: 'USER_ERROR',
      }
    : {
        message: `line 1:1: mismatched input '${sql.split(' ')[0]}'`,
        errorCode: 1,
        errorName: 'SYNTAX_ERROR',
        errorType: 'USER_ERROR',
      };
  return { columns: [], rows: [], error: failure };
}

export type FakeQueryEngine = FakeServer & {
  /** Statements received, with the user header they came with. */
  statements: { sql: string; user?: string }[];
  /** Answer the next page fetch with a gateway 503 once (clients retry). */
  gatewayErrorOnce: boolean;
};

/**
 * A Trino or Presto coordinator speaking the client protocol: `POST
 * /v1/statement` without a user is a 401; results come over several
 * `nextUri` pages (queued, a page of rows, an empty running page, the
 * rest); failed queries end with `error`. `GET /v1/info` answers too.
 */
export async function startFakeQueryEngine(
  flavor: Flavor,
): Promise<FakeQueryEngine> {
  const queries = new Map<string, Statement>();
  let counter = 0;
  const header = `x-${flavor}-user`;
  const fake = (await startFakeHttp((req, body, server) => {
    const engine = server as FakeQueryEngine;
    const path = req.url ?? '/';
    if (path === '/v1/info') return HEALTHY['/v1/info'];
    const page = (id: string, n: number, extra: object): FakeReply => ({
      body: {
        id,
        infoUri: `${server.url}/ui/query.html?${id}`,
        ...(n > 0 && {
          nextUri: `${server.url}/v1/statement/executing/${id}/y${n}/${n}`,
        }),
        ...extra,
      },
    });
    if (req.method === 'POST' && path === '/v1/statement') {
      const user = req.headers[header] as string | undefined;
      engine.statements.push({ sql: body, user });
      if (!user)
        return {
          status: 401,
          body: `Basic authentication or X-${
            flavor === 'trino' ? 'Trino' : 'Presto'
          }-Original-User or X-${
            flavor === 'trino' ? 'Trino' : 'Presto'
          }-User must be sent`,
        };
      const id = `20261128_200000_${String(counter++).padStart(
        5,
        '0',
      )}_fake${flavor}`;
      queries.set(id, plan(flavor, body));
      return page(id, 1, { stats: { state: 'QUEUED', queued: true } });
    }
    const next = /^\/v1\/statement\/executing\/([^/]+)\/y\d+\/(\d+)$/.exec(
      path,
    );
    const statement = next && queries.get(next[1]);
    if (!next || !statement) return { status: 404, body: 'Query not found' };
    if (engine.gatewayErrorOnce) {
      engine.gatewayErrorOnce = false;
      return { status: 503, body: 'Service Unavailable' };
    }
    const [id, n] = [next[1], Number(next[2])];
    const columns = statement.columns.map(name => ({ name, type: 'varchar' }));
    if (statement.error)
      return page(id, 0, {
        stats: { state: 'FAILED' },
        error: statement.error,
      });
    if (n === 1)
      return page(id, 2, {
        columns,
        data: statement.rows.slice(0, 1),
        stats: { state: 'RUNNING' },
      });
    if (n === 2) return page(id, 3, { columns, stats: { state: 'RUNNING' } });
    return page(id, 0, {
      columns,
      data: statement.rows.slice(1),
      stats: { state: 'FINISHED' },
    });
  })) as FakeQueryEngine;
  fake.statements = [];
  fake.gatewayErrorOnce = false;
  return fake;
}
