import { queryEngineClient } from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { PRESTO_HERE } from './servers/presto';
import { TRINO_HERE, trinoHealthCheck } from './servers/trino';
import {
  RenderedStack,
  conformancePlan,
  planHolds,
  renderStack,
} from './stack/renderedStack';
import { runCommand, runHealthcheck } from './stack/runService';
import { RunningStack, startRunningStack } from './stack/runningStack';
import { postgresSuperuser } from './stack/sqlStores';
import { monitoringSuite } from './suites/monitoring';
import { portalSuite } from './suites/portal';

// The lakehouse and its monitoring as they run: PostgreSQL, MySQL (MariaDB),
// MinIO, the Hive Metastore, Trino, the exporters and Prometheus started
// once from the stack's rendered files, then SQL through Trino into every
// catalog whose store runs here (a Delta table written to the bucket through
// the metastore), every scrape target and card query, the portal's routes
// and its Data stack tab, and last Presto in Trino's place, reading the same
// tables.

const planned = conformancePlan();
const holds = (id: string) => planHolds(planned, id);
let stack: RenderedStack;
let running: RunningStack | undefined;

/** The engines of the stack, each with the version that runs here. */
const ENGINES = [
  { id: 'trino', here: TRINO_HERE },
  { id: 'presto', here: PRESTO_HERE },
] as const;

/** Catalogs (file names) whose stores run here, by component. */
const RUNNING_STORES: Record<string, string> = {
  postgresql: 'postgresql',
  mysql: 'mysql',
  'delta-lake': 'delta',
};

/** SQL on a running engine through the portal's own client; the rows. */
async function sql(engine: 'trino' | 'presto', text: string) {
  const client = queryEngineClient(
    engine,
    { protocol: 'http:', host: engine, port: 8080 },
    'conformance',
    120_000,
  );
  return (await client(text)).rows;
}

/** The catalogs the stack renders for an engine, by file name. */
const catalogsOf = (engine: string) =>
  fs
    .readdirSync(path.join(stack.dir, `configs/${engine}/catalog`))
    .map(f => f.replace(/\.properties$/, ''))
    .sort();

/** The bucket the metastore puts the warehouse in. */
const bucket = () =>
  planned.components.find(c => c.id === 'hive-metastore')!.settings
    .bucket as string;

/** Trino writes the Delta table both engines read, once. */
let deltaTable: Promise<void> | undefined;
const writeDeltaTable = () =>
  (deltaTable ??= (async () => {
    await sql('trino', 'DROP TABLE IF EXISTS delta.conformance.trips');
    await sql('trino', 'DROP SCHEMA IF EXISTS delta.conformance');
    await sql('trino', 'CREATE SCHEMA delta.conformance');
    await sql(
      'trino',
      'CREATE TABLE delta.conformance.trips (id integer, city varchar, km double)',
    );
    await sql(
      'trino',
      "INSERT INTO delta.conformance.trips VALUES (1, 'Lyon', 12.5), (2, 'Porto', 3.0)",
    );
  })());

beforeAll(async () => {
  stack = await renderStack();
  running = await startRunningStack(stack, line =>
    process.stderr.write(`[running stack] ${line}\n`),
  );
  // The stores' own tables, written by their superusers.
  if (holds('postgresql')) {
    const client = await postgresSuperuser(stack);
    await client.query(
      'DROP TABLE IF EXISTS conformance_orders; CREATE TABLE conformance_orders (id int, amount numeric(6,2)); INSERT INTO conformance_orders VALUES (1, 9.50), (2, 12.25)',
    );
    await client.end();
  }
  if (holds('mysql')) {
    const connection = await mysql.createConnection({
      host: 'mysql',
      port: 3306,
      user: 'root',
      password: stack.env.MYSQL_ROOT_PASSWORD,
      multipleStatements: true,
    });
    await connection.query(
      'CREATE DATABASE IF NOT EXISTS conformance; DROP TABLE IF EXISTS conformance.orders; CREATE TABLE conformance.orders (id int, city varchar(20)); INSERT INTO conformance.orders VALUES (1, "Lyon"), (2, "Porto")',
    );
    await connection.end();
  }
}, 900_000);

afterAll(async () => {
  await running?.stopAll();
  if (stack) fs.rmSync(stack.dir, { recursive: true, force: true });
}, 120_000);

if (!ENGINES.some(e => holds(e.id)))
  it('renders no engine catalogs in a stack without Trino or Presto', () => {
    for (const e of ENGINES)
      expect(fs.existsSync(path.join(stack.dir, `configs/${e.id}`))).toBe(
        false,
      );
  });

if (holds('delta-lake') && holds('trino'))
  it("keeps the Delta table's files in the bucket, under the schema's default location", async () => {
    await writeDeltaTable();
    const [[ddl]] = await sql('trino', 'SHOW CREATE SCHEMA delta.conformance');
    expect(ddl).toContain(
      `location = 's3a://${bucket()}/warehouse/conformance.db'`,
    );
    const files = (
      await sql('trino', 'SELECT DISTINCT "$path" FROM delta.conformance.trips')
    ).map(([file]) => String(file));
    expect(files.length).toBeGreaterThan(0);
    // As the store's root sees them.
    const root = stack.services.minio.environment as Record<string, string>;
    await runCommand([
      'mc',
      'alias',
      'set',
      'conformance-root',
      'http://minio:9000',
      root.MINIO_ROOT_USER,
      root.MINIO_ROOT_PASSWORD,
    ]);
    for (const file of files) {
      expect(file).toMatch(
        new RegExp(`^s3a://${bucket()}/warehouse/conformance\\.db/trips-`),
      );
      const object = file.replace('s3a://', 'conformance-root/');
      const log = object.replace(
        /[^/]+$/,
        '_delta_log/00000000000000000000.json',
      );
      for (const o of [object, log])
        expect(await runCommand(['mc', 'stat', o])).toMatchObject({ code: 0 });
    }
  }, 300_000);

/** The checks of one engine, as its stand-in version runs here. */
function engineSuite(engine: 'trino' | 'presto', here: string) {
  describe(`${engine} (${here} standing in for the pinned version)`, () => {
    // Trino and Presto both listen on 8080: Presto takes Trino's place
    // once Trino has written the Delta table.
    beforeAll(async () => {
      if (running?.isUp(engine)) return;
      if (holds('delta-lake') && holds('trino')) await writeDeltaTable();
      await running?.start(engine);
    }, 600_000);

    it('answers its compose healthcheck: /v1/info is no longer starting', async () => {
      // Trino's is a script of its image (core/docker/bin/health-check in
      // trinodb/trino), run here as what it checks.
      const healthy =
        engine === 'trino'
          ? await trinoHealthCheck()
          : (await runHealthcheck(stack.services[engine])).code === 0;
      expect(healthy).toBe(true);
    });

    it('lists exactly the catalogs the stack rendered, and its own system catalog', async () => {
      const rows = await sql(engine, 'SHOW CATALOGS');
      expect(rows.map(r => r[0]).sort()).toEqual(
        [...catalogsOf(engine), 'system'].sort(),
      );
    }, 120_000);

    const runningCatalogs = Object.entries(RUNNING_STORES)
      .filter(([component]) => holds(component))
      .map(([, catalog]) => catalog);
    it.each([...runningCatalogs, 'tpch'])(
      'lists the schemas of the %s catalog',
      async catalog => {
        const rows = await sql(engine, `SHOW SCHEMAS FROM ${catalog}`);
        expect(rows.map(r => r[0])).toContain('information_schema');
      },
      120_000,
    );

    if (holds('postgresql'))
      it('reads a PostgreSQL table through the postgresql catalog, signed in as its own user', async () => {
        expect(
          await sql(
            engine,
            'SELECT id, amount FROM postgresql.public.conformance_orders ORDER BY id',
          ),
        ).toEqual([
          [1, '9.50'],
          [2, '12.25'],
        ]);
      }, 120_000);

    if (holds('mysql'))
      it('reads a MySQL table through the mysql catalog, signed in as its own user', async () => {
        expect(
          await sql(
            engine,
            'SELECT id, city FROM mysql.conformance.orders ORDER BY id',
          ),
        ).toEqual([
          [1, 'Lyon'],
          [2, 'Porto'],
        ]);
      }, 120_000);

    if (holds('delta-lake') && holds('trino'))
      it(`${
        engine === 'trino'
          ? 'creates a Delta schema in the bucket the metastore names, writes a table and reads it back'
          : 'reads the Delta table Trino wrote, through the same metastore and bucket'
      }`, async () => {
        await writeDeltaTable();
        expect(
          await sql(
            engine,
            'SELECT id, city, km FROM delta.conformance.trips ORDER BY id',
          ),
        ).toEqual([
          [1, 'Lyon', 12.5],
          [2, 'Porto', 3],
        ]);
      }, 300_000);
  });
}

// Trino first, the monitoring and the portal while it runs (the portal's
// last check puts Presto in its place), then Presto on its port.
if (holds('trino')) engineSuite('trino', TRINO_HERE);
monitoringSuite(planned, () => ({ stack, running }));
portalSuite(planned, () => ({ stack, running }));
if (holds('presto')) engineSuite('presto', PRESTO_HERE);
