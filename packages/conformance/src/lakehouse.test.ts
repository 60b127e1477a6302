import type { TestServer } from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { Client } from 'pg';
import { Trino, BasicAuth } from 'trino-client';
import { TRINO_HERE, trinoHealthCheck } from './servers/trino';
import { startRunningStack, stopAll } from './stack/runningStack';
import {
  RenderedStack,
  conformancePlan,
  planHolds,
  renderStack,
} from './stack/renderedStack';
import { runCommand } from './stack/runService';

// The lakehouse as it runs: PostgreSQL, MySQL (MariaDB), MinIO, the Hive
// Metastore and Trino started from the stack's rendered files, then SQL
// through Trino into every catalog whose store runs here, a Delta table
// written to the bucket through the metastore, and read back.

const planned = conformancePlan();
const holds = (id: string) => planHolds(planned, id);
let stack: RenderedStack;
let servers: TestServer[] = [];

/** The catalogs the stack renders for Trino, by file name. */
const trinoCatalogs = (dir: string) =>
  fs
    .readdirSync(path.join(dir, 'configs/trino/catalog'))
    .map(f => f.replace(/\.properties$/, ''))
    .sort();

/** Which catalogs' stores run here (their catalog file names). */
const RUNNING_STORES: Record<string, string> = {
  postgresql: 'postgresql',
  mysql: 'mysql',
  'delta-lake': 'delta',
};

async function trinoSql(sql: string): Promise<unknown[][]> {
  const trino = Trino.create({
    server: 'http://trino:8080',
    source: 'conformance',
    auth: new BasicAuth('conformance'),
  });
  const rows: unknown[][] = [];
  for await (const page of await trino.query(sql)) {
    if (page.error)
      throw new Error(`${sql}: ${page.error.errorName}: ${page.error.message}`);
    rows.push(...(page.data ?? []));
  }
  return rows;
}

beforeAll(async () => {
  stack = await renderStack();
  servers = await startRunningStack(stack, line =>
    process.stderr.write(`[lakehouse] ${line}\n`),
  );
}, 900_000);

afterAll(async () => {
  await stopAll(servers);
  if (stack) fs.rmSync(stack.dir, { recursive: true, force: true });
}, 120_000);

if (!holds('trino'))
  it('renders no Trino catalogs in a stack without Trino', () => {
    expect(fs.existsSync(path.join(stack.dir, 'configs/trino'))).toBe(false);
  });

if (holds('trino'))
  describe(`Trino (${TRINO_HERE} standing in for the pinned version)`, () => {
    it("answers the image's health check: /v1/info is no longer starting", async () => {
      expect(await trinoHealthCheck()).toBe(true);
    });

    it('lists exactly the catalogs the stack rendered, and its own system catalog', async () => {
      const rows = await trinoSql('SHOW CATALOGS');
      expect(rows.map(r => r[0]).sort()).toEqual(
        [...trinoCatalogs(stack.dir), 'system'].sort(),
      );
    });

    const running = Object.entries(RUNNING_STORES)
      .filter(([id]) => holds(id))
      .map(([, catalog]) => catalog);
    it.each([...running, 'tpch'])(
      'lists the schemas of the %s catalog',
      async catalog => {
        const rows = await trinoSql(`SHOW SCHEMAS FROM ${catalog}`);
        expect(rows.map(r => r[0])).toContain('information_schema');
      },
      120_000,
    );

    if (holds('postgresql'))
      it('reads a PostgreSQL table through the postgresql catalog, signed in as its own user', async () => {
        const client = new Client({
          host: 'postgresql',
          port: 5432,
          user: 'postgres',
          password: stack.env.POSTGRES_PASSWORD,
          database: 'postgres',
        });
        await client.connect();
        await client.query(
          'DROP TABLE IF EXISTS conformance_orders; CREATE TABLE conformance_orders (id int, amount numeric(6,2)); INSERT INTO conformance_orders VALUES (1, 9.50), (2, 12.25)',
        );
        await client.end();
        expect(
          await trinoSql(
            'SELECT id, amount FROM postgresql.public.conformance_orders ORDER BY id',
          ),
        ).toEqual([
          [1, '9.50'],
          [2, '12.25'],
        ]);
      });

    if (holds('mysql'))
      it('reads a MySQL table through the mysql catalog, signed in as its own user', async () => {
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
        expect(
          await trinoSql(
            'SELECT id, city FROM mysql.conformance.orders ORDER BY id',
          ),
        ).toEqual([
          [1, 'Lyon'],
          [2, 'Porto'],
        ]);
      });

    if (holds('delta-lake'))
      it('creates a Delta schema in the bucket the metastore names, writes a table and reads it back', async () => {
        const bucket = planned.components.find(c => c.id === 'hive-metastore')!
          .settings.bucket as string;
        await trinoSql('DROP TABLE IF EXISTS delta.conformance.trips');
        await trinoSql('DROP SCHEMA IF EXISTS delta.conformance');
        await trinoSql('CREATE SCHEMA delta.conformance');
        const [[ddl]] = await trinoSql('SHOW CREATE SCHEMA delta.conformance');
        expect(ddl).toContain(
          `location = 's3a://${bucket}/warehouse/conformance.db'`,
        );
        await trinoSql(
          'CREATE TABLE delta.conformance.trips (id integer, city varchar, km double)',
        );
        await trinoSql(
          "INSERT INTO delta.conformance.trips VALUES (1, 'Lyon', 12.5), (2, 'Porto', 3.0)",
        );
        expect(
          await trinoSql(
            'SELECT id, city, km FROM delta.conformance.trips ORDER BY id',
          ),
        ).toEqual([
          [1, 'Lyon', 12.5],
          [2, 'Porto', 3],
        ]);
        // Its data files are objects in the bucket, under the schema's
        // location, as the store's root sees them.
        const files = (
          await trinoSql('SELECT DISTINCT "$path" FROM delta.conformance.trips')
        ).map(([file]) => String(file));
        expect(files.length).toBeGreaterThan(0);
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
            new RegExp(`^s3a://${bucket}/warehouse/conformance\\.db/trips-`),
          );
          const object = file.replace('s3a://', 'conformance-root/');
          expect(await runCommand(['mc', 'stat', object])).toMatchObject({
            code: 0,
          });
          const log = object.replace(
            /[^/]+$/,
            '_delta_log/00000000000000000000.json',
          );
          expect(await runCommand(['mc', 'stat', log])).toMatchObject({
            code: 0,
          });
        }
      }, 300_000);
  });
