import type { TestServer } from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import { startHiveMetastore } from '../servers/hiveMetastore';
import { startTrino } from '../servers/trino';
import { objectStoreJobs } from './objectStore';
import { LoadedService, RenderedStack } from './renderedStack';
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
 * How the stack's long-running services that run here start, in Compose's
 * dependency order, each after the jobs it depends on (docs/conformance.md
 * says why each other service does not run here).
 */
const STEPS: {
  services: string[];
  start: (stack: RenderedStack) => Promise<TestServer | TestServer[]>;
}[] = [
  {
    // Debian's PostgreSQL and MariaDB, then every job of theirs.
    services: ['postgresql', 'mysql'],
    start: async stack => {
      const servers = await startSqlStores(stack);
      for (const [name, result] of await runSqlStoreJobs(stack))
        if (result.code !== 0) throw new Error(`${name}: ${result.stderr}`);
      return servers;
    },
  },
  {
    services: ['minio'],
    start: async stack => {
      const server = await startService(stack, 'minio', 'minio');
      await runJobs(objectStoreJobs(stack));
      return server;
    },
  },
  {
    services: ['hive-metastore'],
    start: async stack => {
      // Its jars job downloads from Maven Central into the shared volume.
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
      return startHiveMetastore(stack, stack.dir);
    },
  },
  { services: ['trino'], start: stack => startTrino(stack, stack.dir) },
  {
    services: ['postgres-exporter'],
    start: stack =>
      startService(stack, 'postgres-exporter', 'postgres_exporter'),
  },
  {
    services: ['prometheus'],
    start: stack => startService(stack, 'prometheus', 'prometheus'),
  },
];

/** The stack's long-running services that start here as native servers. */
export const NATIVE_SERVICES = STEPS.flatMap(step => step.services);

/** Whether the stack's service runs here. */
export const runsHere = (service: string) => NATIVE_SERVICES.includes(service);

/**
 * Starts every service of the stack that runs here, in dependency order,
 * sharing the stack's folder for their volumes. On a failure what started
 * is stopped again.
 */
export async function startRunningStack(
  stack: RenderedStack,
  log: (line: string) => void = () => {},
): Promise<TestServer[]> {
  const servers: TestServer[] = [];
  try {
    for (const step of STEPS) {
      const present = step.services.filter(name => stack.services[name]);
      if (!present.length) continue;
      const started = Date.now();
      servers.push(...[await step.start(stack)].flat());
      const seconds = Math.round((Date.now() - started) / 1000);
      log(`${present.join(', ')} up in ${seconds} s`);
    }
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
