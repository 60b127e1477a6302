import type { TestServer } from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import { startHiveMetastore } from '../servers/hiveMetastore';
import { startTrino } from '../servers/trino';
import { objectStoreJobs } from './objectStore';
import { LoadedService, RenderedStack, planHolds } from './renderedStack';
import { runServiceCommand } from './runService';
import { nativePaths, startService } from './startService';
import { runSqlStoreJobs, startSqlStores } from './sqlStores';

/** Runs jobs in order; the first failure throws with the job's own words. */
async function runJobs(
  jobs: [string, LoadedService][],
  options: { internet?: boolean } = {},
) {
  for (const [name, job] of jobs) {
    const result = await runServiceCommand(job, {}, options);
    if (result.code !== 0)
      throw new Error(`${name}: exit ${result.code}: ${result.stderr}`);
  }
}

/**
 * Starts the lakehouse part of the stack in Compose's dependency order, as
 * far as the stack holds it: PostgreSQL and MySQL with their jobs, the
 * object store with its buckets and users, the metastore after the job that
 * downloads its jars, and Trino last. Everything shares the stack's folder
 * for its volumes. On a failure what started is stopped again.
 */
export async function startLakehouse(
  stack: RenderedStack,
  log: (line: string) => void = () => {},
): Promise<TestServer[]> {
  const servers: TestServer[] = [];
  const holds = (id: string) => planHolds(stack.plan, id);
  const start = async (
    name: string,
    run: () => Promise<TestServer | TestServer[]>,
  ) => {
    const started = Date.now();
    servers.push(...[await run()].flat());
    log(`${name} up in ${Math.round((Date.now() - started) / 1000)} s`);
  };
  try {
    await start('SQL stores', () => startSqlStores(stack));
    for (const [name, result] of await runSqlStoreJobs(stack))
      if (result.code !== 0) throw new Error(`${name}: ${result.stderr}`);
    if (holds('minio')) {
      await start('minio', () => startService(stack, 'minio', 'minio'));
      await runJobs(objectStoreJobs(stack));
    }
    if (holds('hive-metastore')) {
      const jars = stack.services['hive-metastore-jars'];
      const native = nativePaths(jars, stack.dir);
      await runJobs(
        [
          [
            'hive-metastore-jars',
            { ...jars, command: (jars.command ?? []).map(native) },
          ],
        ],
        { internet: true },
      );
      await start('hive-metastore', () => startHiveMetastore(stack, stack.dir));
    }
    if (holds('trino'))
      await start('trino', () => startTrino(stack, stack.dir));
    return servers;
  } catch (error) {
    await stopAll(servers);
    throw error;
  }
}

/** Stops servers in the reverse order of their start. */
export async function stopAll(servers: TestServer[]) {
  for (const server of [...servers].reverse()) await server.stop();
}
