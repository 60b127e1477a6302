/*
 * Starts scripts/bench/statusBackend.ts in its own process, as the status
 * and Data stacks page benchmarks run it: the real catalog on an in-memory
 * SQLite and the data stack backend, on 127.0.0.1, reached with a static
 * token. The caller gives the catalog's rules and locations and the
 * dataStack section; the rest of the config is the same for every bench.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stringifyYaml } from '@big-data-stack/backstage-plugin-data-stack-node';

/** The static token the benchmarks send (backend.auth.externalAccess). */
export const TOKEN = 'bench-static-token-0123456789abcdef';

export interface StatusBackendProcess {
  process: ChildProcess;
  /** The last 4000 characters it printed on stderr. */
  stderr(): string;
  /** Called with each whole line it prints on stderr. */
  onStderrLine(listener: (line: string) => void): void;
}

/** Writes `<dir>/app-config.yaml` and starts the backend on `port`. */
export function startStatusBackend(options: {
  dir: string;
  port: number;
  /** The catalog's rules and locations, and any other catalog settings. */
  catalog: { rules: object[]; locations: object[]; [key: string]: unknown };
  dataStack: object;
  /** Lets the backend answer SIGUSR2 with its live heap after a full GC. */
  exposeGc?: boolean;
}): StatusBackendProcess {
  const { port } = options;
  const configFile = path.join(options.dir, 'app-config.yaml');
  fs.writeFileSync(
    configFile,
    stringifyYaml({
      app: { baseUrl: `http://localhost:${port}` },
      backend: {
        baseUrl: `http://localhost:${port}`,
        listen: { port, host: '127.0.0.1' },
        database: { client: 'better-sqlite3', connection: ':memory:' },
        auth: {
          externalAccess: [
            { type: 'static', options: { token: TOKEN, subject: 'bench' } },
          ],
        },
      },
      catalog: options.catalog,
      dataStack: options.dataStack,
    }),
  );
  const child = spawn(
    process.execPath,
    [
      ...(options.exposeGc ? ['--expose-gc'] : []),
      '-r',
      '@backstage/cli/config/nodeTransform.cjs',
      'scripts/bench/statusBackend.ts',
      '--config',
      configFile,
    ],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'warn' },
    },
  );
  let stderr = '';
  let partial = '';
  const listeners: ((line: string) => void)[] = [];
  child.stderr!.on('data', chunk => {
    stderr = (stderr + chunk).slice(-4000);
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    for (const line of lines) listeners.forEach(listener => listener(line));
  });
  return {
    process: child,
    stderr: () => stderr,
    onStderrLine: listener => listeners.push(listener),
  };
}
