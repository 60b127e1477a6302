import type { TestServer } from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import { startHiveMetastore } from '../servers/hiveMetastore';
import { startPresto } from '../servers/presto';
import { startTrino } from '../servers/trino';
import { objectStoreJobs } from './objectStore';
import { LoadedService, RenderedStack } from './renderedStack';
import { runServiceCommand } from './runService';
import { nativePaths, serviceOf, startService } from './startService';
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
 * A job that downloads from Maven Central into a volume the stack's
 * services share (the metastore's jars).
 */
async function runDownloadJob(stack: RenderedStack, name: string) {
  const job = serviceOf(stack, name);
  const native = nativePaths(job, stack.dir);
  await runJobs(
    [[name, { ...job, command: (job.command ?? []).map(native) }]],
    {
      internet: true,
    },
  );
}

/**
 * A step's servers once its jobs have run; should a job fail, the servers
 * stop again, since a step that throws never counts as up (nothing else
 * would stop them).
 */
async function thenJobs(
  servers: TestServer[],
  jobs: () => Promise<unknown>,
): Promise<TestServer[]> {
  try {
    await jobs();
    return servers;
  } catch (error) {
    for (const server of [...servers].reverse()) await server.stop();
    throw error;
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
  /**
   * Services listening on the same port in their containers: on one
   * loopback only one of them runs at a time.
   */
  sharesPortWith?: string[];
}[] = [
  {
    // Debian's PostgreSQL and MariaDB, then every job of theirs.
    services: ['postgresql', 'mysql'],
    start: async stack =>
      thenJobs(await startSqlStores(stack), async () => {
        for (const [name, result] of await runSqlStoreJobs(stack))
          if (result.code !== 0) throw new Error(`${name}: ${result.stderr}`);
      }),
  },
  {
    services: ['minio'],
    start: async stack =>
      thenJobs([await startService(stack, 'minio', 'minio')], () =>
        runJobs(objectStoreJobs(stack)),
      ),
  },
  {
    services: ['hive-metastore'],
    start: async stack => {
      await runDownloadJob(stack, 'hive-metastore-jars');
      return startHiveMetastore(stack, stack.dir);
    },
  },
  { services: ['trino'], start: stack => startTrino(stack, stack.dir) },
  {
    services: ['presto'],
    // Both engines' coordinators listen on 8080.
    sharesPortWith: ['trino'],
    start: stack => startPresto(stack, stack.dir),
  },
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

/** The stack's native servers as they run, by the services of each step. */
export interface RunningStack {
  /** Whether the service's server runs now (never, for one that does not run here). */
  isUp(service: string): boolean;
  /** Starts the step of `service`, stopping what shares its port first. */
  start(service: string): Promise<void>;
  /** Stops the step of `service`. */
  stop(service: string): Promise<void>;
  /** Stops everything, in the reverse order of the starts. */
  stopAll(): Promise<void>;
}

/**
 * Starts every service of the stack that runs here, in dependency order,
 * sharing the stack's folder for their volumes; of services that share a
 * port, the first. On a failure what started is stopped again.
 */
export async function startRunningStack(
  stack: RenderedStack,
  log: (line: string) => void = () => {},
): Promise<RunningStack> {
  const up = new Map<(typeof STEPS)[number], TestServer[]>();
  const stepOf = (service: string) => {
    const step = STEPS.find(s => s.services.includes(service));
    if (!step) throw new Error(`${service} does not run here`);
    return step;
  };
  const present = (step: (typeof STEPS)[number]) =>
    step.services.filter(name => stack.services[name]);
  const stopStep = async (step: (typeof STEPS)[number]) => {
    for (const server of [...(up.get(step) ?? [])].reverse())
      await server.stop();
    up.delete(step);
  };
  const startStep = async (step: (typeof STEPS)[number]) => {
    for (const mate of step.sharesPortWith ?? [])
      if (up.has(stepOf(mate))) await stopStep(stepOf(mate));
    const started = Date.now();
    up.set(step, [await step.start(stack)].flat());
    const seconds = Math.round((Date.now() - started) / 1000);
    log(`${present(step).join(', ')} up in ${seconds} s`);
  };
  const running: RunningStack = {
    isUp: service => {
      const step = STEPS.find(st => st.services.includes(service));
      return !!step && up.has(step);
    },
    start: service => startStep(stepOf(service)),
    stop: service => stopStep(stepOf(service)),
    stopAll: async () => {
      for (const step of [...up.keys()].reverse()) await stopStep(step);
    },
  };
  try {
    for (const step of STEPS)
      if (
        present(step).length &&
        !(step.sharesPortWith ?? []).some(mate => running.isUp(mate))
      )
        await startStep(step);
    return running;
  } catch (error) {
    await running.stopAll();
    throw error;
  }
}

/** The stack's components whose primary service runs now. */
export const componentsUp = (stack: RenderedStack, running?: RunningStack) =>
  stack.plan.components.filter(c => running?.isUp(c.primary)).map(c => c.id);

/** The stack's components every metrics target of which runs now. */
export const componentsScraped = (
  stack: RenderedStack,
  running?: RunningStack,
) =>
  stack.plan.components
    .filter(c => c.metrics?.endpoints.every(e => running?.isUp(e.service)))
    .map(c => c.id);
