import type { TestServer } from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { Client } from 'pg';
import {
  RenderedStack,
  conformancePlan,
  planHolds,
  renderStack,
} from './stack/renderedStack';
import { failuresRunningTwice, runHealthcheck } from './stack/runService';
import {
  jobsOf as jobsOfStack,
  postgresSuperuser,
  startSqlStores,
} from './stack/sqlStores';

// PostgreSQL and MySQL of a rendered stack, run as the stack's own servers
// (their compose names resolve to loopback in the suite's network namespace,
// on their compose ports), then the stack's own jobs (databases, owners,
// the engines' users) run against them as the containers would run them.

let stack: RenderedStack;
let dir: string;
let servers: TestServer[] = [];
// Tests are defined for what the stack holds (CONFORMANCE_STACK may be any).
const planned = conformancePlan();
const holds = (id: string) => planHolds(planned, id);
const engines = ['trino', 'presto'].filter(holds);
/** Databases the stack's jobs make, each with its owner. */
const databaseJobs = planned.components
  .flatMap(c => c.services)
  .filter(s => s.job && s.environment.DB_NAME);
const jobsOf = (image: string) => jobsOfStack(stack, image);

beforeAll(async () => {
  stack = await renderStack();
  dir = stack.dir;
  servers = await startSqlStores(stack);
}, 180_000);

afterAll(async () => {
  await Promise.all(servers.map(s => s.stop()));
  fs.rmSync(dir, { recursive: true, force: true });
});

if (holds('postgresql'))
  describe('PostgreSQL', () => {
    it('answers its compose healthcheck, which is also its Kubernetes probe', async () => {
      const result = await runHealthcheck(stack.services.postgresql);
      expect(result).toMatchObject({ code: 0 });
    });

    it('runs every job of the stack that makes a database or a role, twice (they are safe to re-run)', async () => {
      const jobs = jobsOf('postgres');
      expect(jobs.length).toBeGreaterThan(0);
      expect(await failuresRunningTwice(jobs)).toEqual([]);
    }, 120_000);

    if (databaseJobs.length)
      it('lets each owner reach its database with the password in .env', async () => {
        const jobs = jobsOf('postgres').filter(
          ([, j]) => j.environment?.DB_NAME,
        );
        expect(jobs.map(([name]) => name).sort()).toEqual(
          databaseJobs.map(s => s.name).sort(),
        );
        for (const [name, job] of jobs) {
          const env = job.environment ?? {};
          const client = new Client({
            host: '127.0.0.1',
            port: 5432,
            user: env.DB_USER!,
            password: env.DB_PASSWORD!,
            database: env.DB_NAME!,
          });
          await client.connect();
          const { rows } = await client.query(
            'SELECT current_database() AS db',
          );
          await client.end();
          expect(`${name}: ${rows[0].db}`).toBe(`${name}: ${env.DB_NAME}`);
        }
      });

    if (engines.length)
      it.each(engines)(
        'signs %s in with its own role, which reads every table and writes none',
        async engine => {
          const admin = await postgresSuperuser(stack);
          await admin.query(
            'CREATE TABLE IF NOT EXISTS conformance_sales (id int, amount numeric)',
          );
          await admin.query('INSERT INTO conformance_sales VALUES (1, 9.5)');
          await admin.end();
          // The user and password the rendered catalog file signs in with.
          const catalog = fs.readFileSync(
            path.join(dir, `configs/${engine}/catalog/postgresql.properties`),
            'utf8',
          );
          const user = /^connection-user=(.*)$/m.exec(catalog)![1];
          const secret = /^connection-password=\$\{ENV:(\w+)\}$/m.exec(
            catalog,
          )![1];
          const client = new Client({
            host: '127.0.0.1',
            port: 5432,
            user,
            password: stack.env[secret],
            database: 'postgres',
          });
          await client.connect();
          try {
            const { rows } = await client.query(
              'SELECT count(*)::int AS n FROM conformance_sales',
            );
            expect(rows[0].n).toBeGreaterThan(0);
            await expect(
              client.query('INSERT INTO conformance_sales VALUES (2, 1)'),
            ).rejects.toThrow(/permission denied/);
          } finally {
            await client.end();
          }
        },
      );
  });

if (holds('mysql'))
  describe('MySQL (MariaDB)', () => {
    it('answers its compose healthcheck, which is also its Kubernetes probe', async () => {
      const result = await runHealthcheck(stack.services.mysql);
      expect(result).toMatchObject({ code: 0 });
    });

    it('runs every job of the stack that makes a user, twice', async () => {
      const jobs = jobsOf('mysql');
      expect(jobs.length).toBeGreaterThan(0);
      expect(await failuresRunningTwice(jobs)).toEqual([]);
    }, 120_000);

    if (engines.length)
      it.each(engines)(
        'signs %s in with its own user, which reads and writes nothing else',
        async engine => {
          const admin = await mysql.createConnection({
            host: '127.0.0.1',
            port: 3306,
            user: 'root',
            password: stack.env.MYSQL_ROOT_PASSWORD,
          });
          await admin.query('CREATE DATABASE IF NOT EXISTS conformance');
          await admin.query(
            'CREATE TABLE IF NOT EXISTS conformance.sales (id int, amount decimal(9,2))',
          );
          await admin.query('INSERT INTO conformance.sales VALUES (1, 9.5)');
          await admin.end();
          const catalog = fs.readFileSync(
            path.join(dir, `configs/${engine}/catalog/mysql.properties`),
            'utf8',
          );
          const user = /^connection-user=(.*)$/m.exec(catalog)![1];
          const secret = /^connection-password=\$\{ENV:(\w+)\}$/m.exec(
            catalog,
          )![1];
          const client = await mysql.createConnection({
            host: '127.0.0.1',
            port: 3306,
            user,
            password: stack.env[secret],
          });
          try {
            const [rows] = await client.query(
              'SELECT count(*) AS n FROM conformance.sales',
            );
            expect((rows as { n: number }[])[0].n).toBeGreaterThan(0);
            await expect(
              client.query('INSERT INTO conformance.sales VALUES (2, 1)'),
            ).rejects.toThrow(/denied/);
          } finally {
            await client.end();
          }
        },
      );
  });

if (!holds('postgresql') && !holds('mysql'))
  it('makes no database jobs in a stack without PostgreSQL or MySQL', async () => {
    expect([...jobsOf('postgres'), ...jobsOf('mysql')]).toEqual([]);
  });
