import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadedService } from './renderedStack';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A home of the suite's own, as a container has one: clients that keep
 * state there (mc's aliases) leave the machine's alone.
 */
export const CONFORMANCE_HOME = path.join(
  os.tmpdir(),
  'datastack-conformance-home',
);

function run(argv: string[], env: Record<string, string>): Promise<RunResult> {
  fs.mkdirSync(CONFORMANCE_HOME, { recursive: true });
  return new Promise(resolve => {
    execFile(
      argv[0],
      argv.slice(1),
      {
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: CONFORMANCE_HOME,
          ...env,
        },
        timeout: 120_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number((error as { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
        }),
    );
  });
}

const environmentOf = (s: LoadedService) =>
  Object.fromEntries(
    Object.entries(s.environment ?? {}).filter(
      (e): e is [string, string] => e[1] !== null,
    ),
  );

/**
 * Runs what a service's container would run (entrypoint, then command),
 * as a native process with the service's environment. For services whose
 * image's own entrypoint only passes the command on (the database images
 * for a command that is not the server), this is what the container does.
 */
export function runServiceCommand(
  service: LoadedService,
  extraEnv: Record<string, string> = {},
  options: { internet?: boolean } = {},
): Promise<RunResult> {
  const argv = [...(service.entrypoint ?? []), ...(service.command ?? [])];
  if (!argv.length) throw new Error(`${service.image}: no command to run`);
  // The suite's namespace has loopback only; a job that downloads at start
  // reaches the internet from the machine's own network namespace, which
  // scripts/conformance/run.sh names for it.
  const host = process.env.CONFORMANCE_HOST_NETNS;
  if (options.internet && !host)
    throw new Error(
      'CONFORMANCE_HOST_NETNS is not set: run the suite with make conformance',
    );
  const network = options.internet ? ['ip', 'netns', 'exec', host!] : [];
  return run([...network, ...argv], { ...environmentOf(service), ...extraEnv });
}

/** Runs a command as the suite's jobs run, e.g. a client checking what a job made. */
export const runCommand = (argv: string[], env: Record<string, string> = {}) =>
  run(argv, env);

/** Runs a service's compose healthcheck as Docker does: CMD or CMD-SHELL. */
export function runHealthcheck(
  service: LoadedService,
  extraEnv: Record<string, string> = {},
): Promise<RunResult> {
  const [kind, ...test] = service.healthcheck?.test ?? [];
  const env = { ...environmentOf(service), ...extraEnv };
  if (kind === 'CMD-SHELL') return run(['sh', '-c', test.join(' ')], env);
  if (kind === 'CMD') return run(test, env);
  throw new Error(`${service.image}: no healthcheck to run`);
}

/**
 * Runs each job twice, as a second deploy would (every job must be safe to
 * re-run), in the order given; what failed, with the job's own words.
 */
export async function failuresRunningTwice(
  jobs: [string, LoadedService][],
): Promise<string[]> {
  const failed: string[] = [];
  for (const round of [1, 2])
    for (const [name, job] of jobs) {
      const result = await runServiceCommand(job);
      if (result.code !== 0)
        failed.push(
          `${name} (run ${round}): exit ${
            result.code
          }: ${result.stderr.trim()}`,
        );
    }
  return failed;
}
