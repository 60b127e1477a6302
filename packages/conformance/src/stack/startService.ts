import {
  TestServer,
  startProcess,
} from '@big-data-stack/backstage-plugin-data-stack-backend/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import type { LoadedService, RenderedStack } from './renderedStack';
import { CONFORMANCE_HOME, runHealthcheck } from './runService';
import { serverLog } from './serverLogs';

/**
 * Container paths to native ones: a bind mount's target is its file in the
 * stack, a named volume's a scratch folder of the run. The result turns a
 * command word, an option value or a path inside a shell script native.
 */
export function nativePaths(service: LoadedService, scratch: string) {
  const all = service.volumes ?? [];
  const volumes = all
    .map(v => ({
      target: v.target,
      source:
        v.type === 'bind' ? v.source : path.join(scratch, 'volumes', v.source),
    }))
    // Longer targets first, so /etc/prometheus/x wins over /etc/prometheus.
    .sort((a, b) => b.target.length - a.target.length);
  for (const v of all)
    if (v.type === 'volume')
      fs.mkdirSync(path.join(scratch, 'volumes', v.source), {
        recursive: true,
      });
  return (text: string) =>
    volumes.reduce(
      (native, v) =>
        native.replace(
          new RegExp(
            `(^|[=:\\s;'"])${v.target.replace(
              /[.*+?^${}()|[\]\\]/g,
              '\\$&',
            )}(?=$|[/\\s;'"])`,
            'g',
          ),
          `$1${v.source}`,
        ),
      text,
    );
}

/** A service's environment with its container paths made native. */
export function nativeEnvironment(
  service: LoadedService,
  native: (text: string) => string,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {})
      .filter((e): e is [string, string] => e[1] !== null)
      .map(([k, v]) => [k, native(v)]),
  );
}

/** The stack's service `name`; a stack without it fails the test. */
export function serviceOf(stack: RenderedStack, name: string): LoadedService {
  const service = stack.services[name];
  if (!service) throw new Error(`the stack has no service ${name}`);
  return service;
}

/**
 * Starts a long-running service of the stack as a native process: `binary`
 * stands for the image's entrypoint, given the service's rendered command
 * (container paths turned into the stack's files) and environment. It is
 * ready when its own compose healthcheck passes. Services given the same
 * `scratch` share their named volumes, as containers of one project do.
 */
export async function startService(
  stack: RenderedStack,
  name: string,
  binary: string,
  scratch = stack.dir,
): Promise<TestServer> {
  const service = serviceOf(stack, name);
  const native = nativePaths(service, scratch);
  // The process's own folder goes when it stops; the volumes stay with scratch.
  const own = fs.mkdtempSync(path.join(scratch, `${name}-`));
  const started = await startProcess({
    name,
    dir: own,
    cwd: own,
    logFile: serverLog(name),
    command: [binary, ...(service.command ?? []).map(native)],
    env: {
      PATH: process.env.PATH,
      HOME: CONFORMANCE_HOME,
      ...nativeEnvironment(service, native),
    },
    ready: async () => (await runHealthcheck(service)).code === 0,
  });
  return { port: 0, stop: started.stop };
}
