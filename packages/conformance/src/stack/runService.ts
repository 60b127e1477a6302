import { execFile } from 'node:child_process';
import type { LoadedService } from './renderedStack';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(argv: string[], env: Record<string, string>): Promise<RunResult> {
  return new Promise(resolve => {
    execFile(
      argv[0],
      argv.slice(1),
      {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
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
): Promise<RunResult> {
  const argv = [...(service.entrypoint ?? []), ...(service.command ?? [])];
  if (!argv.length) throw new Error(`${service.image}: no command to run`);
  return run(argv, { ...environmentOf(service), ...extraEnv });
}

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
