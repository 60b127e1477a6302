import {
  TestServer,
  startMariaDb,
  startPostgres,
} from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import { Client } from 'pg';
import type { RenderedStack } from './renderedStack';
import { RunResult, runServiceCommand } from './runService';

import { planHolds } from './renderedStack';

/** Whether the stack's plan holds a component. */
export const stackHas = (stack: RenderedStack, id: string) =>
  planHolds(stack.plan, id);

/**
 * The stack's PostgreSQL and MySQL as its own servers: their compose ports,
 * the superuser passwords from its `.env`. Debian's PostgreSQL 15 and
 * MariaDB 10.11 stand in for the images (docs/conformance.md).
 */
export async function startSqlStores(
  stack: RenderedStack,
): Promise<TestServer[]> {
  const servers: TestServer[] = [];
  if (stackHas(stack, 'postgresql'))
    servers.push(
      await startPostgres(stack.env.POSTGRES_PASSWORD, {
        port: 5432,
        // Where the image's clients (pg_isready, psql) look by default.
        socketDir: '/var/run/postgresql',
      }),
    );
  if (stackHas(stack, 'mysql'))
    servers.push(
      await startMariaDb(stack.env.MYSQL_ROOT_PASSWORD, { port: 3306 }),
    );
  return servers;
}

/** The stack's one-shot jobs that run a client of `image` (postgres, mysql). */
export const jobsOf = (stack: RenderedStack, image: string) =>
  Object.entries(stack.services).filter(
    ([, s]) => s.restart === 'no' && s.image.split(':')[0] === image,
  );

/** Runs every job of the stack for the SQL stores it started, once. */
export async function runSqlStoreJobs(
  stack: RenderedStack,
): Promise<[string, RunResult][]> {
  const results: [string, RunResult][] = [];
  for (const image of ['postgres', 'mysql'])
    for (const [name, job] of jobsOf(stack, image))
      results.push([name, await runServiceCommand(job)]);
  return results;
}

/** The stack's PostgreSQL as its superuser (the image's `postgres`), connected. */
export async function postgresSuperuser(
  stack: RenderedStack,
  database = 'postgres',
): Promise<Client> {
  const client = new Client({
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    password: stack.env.POSTGRES_PASSWORD,
    database,
  });
  await client.connect();
  return client;
}
