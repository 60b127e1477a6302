import {
  TestServer,
  startProcess,
} from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { LoadedService, RenderedStack } from '../stack/renderedStack';
import {
  CONFORMANCE_HOME,
  RunResult,
  runHealthcheck,
} from '../stack/runService';
import { serverLog } from '../stack/serverLogs';
import {
  nativeEnvironment,
  nativePaths,
  serviceOf,
} from '../stack/startService';
import { installedServer } from './installedServers';

// The apache/airflow:3.3.2 image, natively: its Python packages in a
// virtualenv (scripts/conformance/airflow.sh), run as the image's entrypoint
// runs them (scripts/docker/entrypoint_prod.sh in apache/airflow): wait for
// the metadata database (`airflow db check`), `airflow db migrate` when
// _AIRFLOW_DB_MIGRATE is set, `airflow users create` from _AIRFLOW_WWW_USER_*
// when _AIRFLOW_WWW_USER_CREATE is set, then `exec airflow <command>`. Left
// out: its LD_PRELOAD of the image's libstdc++, its umask (every process
// runs as one user here) and, for the long-running services, the database
// wait, since PostgreSQL is up before airflow-init runs.

export const AIRFLOW_HERE = '3.3.2';

/** The image's AIRFLOW_HOME (the Dockerfile's ENV); the stack mounts its dags and logs. */
const IMAGE_HOME = '/opt/airflow';

/** The Airflow services that run for as long as the stack, in Compose's order. */
export const AIRFLOW_SERVERS = [
  'airflow-apiserver',
  'airflow-scheduler',
  'airflow-dag-processor',
  'airflow-triggerer',
];

const venvBin = () =>
  path.join(installedServer(`airflow-${AIRFLOW_HERE}`), 'bin');

/** The words after `airflow`, as the entrypoint takes a command (`airflow` itself may lead). */
function airflowArgs(service: LoadedService): string[] {
  if (service.entrypoint?.length)
    throw new Error(
      `${service.image}: an entrypoint of its own is not run here`,
    );
  const args = service.command ?? [];
  if (args[0] === 'bash' || args[0] === 'python')
    throw new Error(`${service.image}: the ${args[0]} command is not run here`);
  return args[0] === 'airflow' ? args.slice(1) : args;
}

/**
 * A service as the image would run it: its rendered environment with the
 * container paths native, and an AIRFLOW_HOME of its own in `scratch` whose
 * mounted folders (dags, logs) are links to the stack's named volumes, so
 * services given the same `scratch` share them as containers do.
 */
function airflowService(stack: RenderedStack, name: string, scratch: string) {
  const service = serviceOf(stack, name);
  const native = nativePaths(service, scratch);
  const home = fs.mkdtempSync(path.join(scratch, `${name}-`));
  for (const v of service.volumes ?? [])
    if (v.target.startsWith(`${IMAGE_HOME}/`)) {
      const link = path.join(home, path.relative(IMAGE_HOME, v.target));
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(native(v.target), link);
    }
  const env: Record<string, string> = {
    // The virtualenv's `airflow` first, for the services and their checks.
    PATH: `${venvBin()}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: CONFORMANCE_HOME,
    ...nativeEnvironment(service, native),
    AIRFLOW_HOME: home,
  };
  return { service, home, env };
}

function run(
  argv: string[],
  env: Record<string, string>,
  logFile: string,
): Promise<RunResult> {
  return new Promise(resolve =>
    execFile(
      argv[0],
      argv.slice(1),
      { env, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // The command line without the value of --password.
        const shown = argv.map((a, i) =>
          argv[i - 1] === '--password' ? '***' : a,
        );
        fs.appendFileSync(logFile, `$ ${shown.join(' ')}\n${stdout}${stderr}`);
        resolve({
          code: error ? Number((error as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
        });
      },
    ),
  );
}

export interface InitStep {
  /** The airflow command, e.g. `db migrate`. */
  step: string;
  result: RunResult;
}

/**
 * The stack's airflow-init job as the image runs it, step by step. The
 * entrypoint ignores a failed migration or user creation (`|| true`) and
 * exits with the command's status; each step's own result is kept, so a
 * test can hold them to more than the image does.
 */
export async function runAirflowInit(
  stack: RenderedStack,
  scratch = stack.dir,
  logFile = serverLog('airflow-init'),
): Promise<{ code: number; steps: InitStep[] }> {
  const { service, home, env } = airflowService(stack, 'airflow-init', scratch);
  const steps: InitStep[] = [];
  const airflow = async (args: string[], stepEnv = env) => {
    const result = await run(['airflow', ...args], stepEnv, logFile);
    steps.push({
      step: args
        .slice(0, 2)
        .filter(a => !a.startsWith('-'))
        .join(' '),
      result,
    });
    return result;
  };
  try {
    // The entrypoint retries this for a minute; PostgreSQL is up already.
    const check = await airflow(['db', 'check']);
    if (check.code !== 0) return { code: check.code, steps };
    if (env._AIRFLOW_DB_MIGRATE || env._AIRFLOW_DB_UPGRADE)
      await airflow(['db', 'migrate']);
    // The entrypoint unsets the password before anything else runs.
    const { _AIRFLOW_WWW_USER_PASSWORD: password, ...rest } = env;
    if (env._AIRFLOW_WWW_USER_CREATE) {
      if (!password)
        throw new Error('airflow-init: _AIRFLOW_WWW_USER_PASSWORD is not set');
      await airflow(
        [
          'users',
          'create',
          '--username',
          env._AIRFLOW_WWW_USER_USERNAME || 'admin',
          '--firstname',
          env._AIRFLOW_WWW_USER_FIRSTNAME || 'Airflow',
          '--lastname',
          env._AIRFLOW_WWW_USER_LASTNAME || 'Admin',
          '--email',
          env._AIRFLOW_WWW_USER_EMAIL || 'airflowadmin@example.com',
          '--role',
          env._AIRFLOW_WWW_USER_ROLE || 'Admin',
          '--password',
          password,
        ],
        rest,
      );
    }
    const last = await airflow(airflowArgs(service), rest);
    return { code: last.code, steps };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/**
 * The host name Airflow's jobs register with (`[core] hostname_callable`,
 * airflow.utils.net.getfqdn by default). In a container that is the
 * container's name, which Docker also puts in HOSTNAME, so the healthchecks'
 * `airflow jobs check --hostname "${HOSTNAME}"` finds the container's own
 * job. Natively every process shares this machine's name, and getfqdn()
 * gives the canonical name the suite's hosts file holds for it (localhost);
 * HOSTNAME is set to what Airflow itself computes, for each process and its
 * check alike.
 */
async function registeredHostname(
  env: Record<string, string>,
): Promise<string> {
  const { code, stdout, stderr } = await run(
    [
      'python',
      '-c',
      'from airflow.utils.net import get_hostname; print(get_hostname())',
    ],
    env,
    '/dev/null',
  );
  if (code !== 0) throw new Error(`airflow's host name: ${stderr}`);
  return stdout.trim();
}

/** A running Airflow service, and its compose healthcheck as it ran at start. */
export interface AirflowServer extends TestServer {
  name: string;
  healthcheck(): Promise<RunResult>;
}

/** Whether a process group still has a member. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Ends a process group: SIGTERM, time to shut down, then SIGKILL. */
async function stopGroup(pgid: number) {
  if (groupAlive(pgid)) process.kill(-pgid, 'SIGTERM');
  for (let waited = 0; groupAlive(pgid) && waited < 20_000; waited += 200)
    await new Promise(r => setTimeout(r, 200));
  if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
}

/**
 * Starts one Airflow service; ready when its own compose healthcheck passes.
 * It runs in a session of its own (setsid, its process id written first):
 * the API server's workers, the scheduler's executor and the DAG
 * processor's parsers are children that stopping the service must end too,
 * as stopping a container does, also when it fails to start.
 */
async function startAirflowService(
  stack: RenderedStack,
  name: string,
  scratch: string,
  hostname: string,
): Promise<AirflowServer> {
  const { service, home, env } = airflowService(stack, name, scratch);
  const pidFile = path.join(scratch, `${name}.pid`);
  const group = () => Number(fs.readFileSync(pidFile, 'utf8'));
  const checkEnv = { PATH: env.PATH, AIRFLOW_HOME: home, HOSTNAME: hostname };
  // `airflow jobs check` starts a Python with Airflow each time: paced, so
  // the checks leave the starting servers the CPU.
  const cliCheck = (service.healthcheck?.test ?? []).some(w =>
    /^airflow\b/.test(w),
  );
  const healthcheck = () => runHealthcheck(service, checkEnv);
  try {
    const started = await startProcess({
      name,
      dir: home,
      cwd: home,
      logFile: serverLog(name),
      command: [
        'sh',
        '-c',
        'echo $$ > "$1"; shift; exec setsid "$@"',
        'sh',
        pidFile,
        'airflow',
        ...airflowArgs(service),
      ],
      env: { ...env, HOSTNAME: hostname },
      timeoutMs: 300_000,
      ready: async () => {
        await new Promise(r => setTimeout(r, cliCheck ? 3_000 : 500));
        return (await healthcheck()).code === 0;
      },
    });
    return {
      name,
      port: 0,
      healthcheck,
      stop: async () => {
        await stopGroup(group());
        await started.stop();
      },
    };
  } catch (error) {
    if (fs.existsSync(pidFile)) await stopGroup(group());
    throw error;
  }
}

/**
 * Starts the stack's long-running Airflow services from its rendered
 * files, all at once as Compose starts them once airflow-init is done
 * (runAirflowInit). `scratch` holds the named volumes they share. On a
 * failure what started is stopped again.
 */
export async function startAirflow(
  stack: RenderedStack,
  scratch = stack.dir,
): Promise<AirflowServer[]> {
  const { home, env } = airflowService(stack, 'airflow-apiserver', scratch);
  const hostname = await registeredHostname(env);
  fs.rmSync(home, { recursive: true, force: true });
  const results = await Promise.allSettled(
    AIRFLOW_SERVERS.map(name =>
      startAirflowService(stack, name, scratch, hostname),
    ),
  );
  const servers = results.flatMap(r =>
    r.status === 'fulfilled' ? [r.value] : [],
  );
  const failed = results.find(
    (r): r is PromiseRejectedResult => r.status === 'rejected',
  );
  if (failed) {
    for (const server of servers) await server.stop();
    throw failed.reason;
  }
  return servers;
}
