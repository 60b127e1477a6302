import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A server the tests started; `stop()` ends it and removes its files. */
export interface TestServer {
  port: number;
  stop(): Promise<void>;
}

/** A free loopback port, as the kernel hands them out. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A scratch directory, owned by `owner` when the tests run as root. */
export function scratchDir(name: string, owner?: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `datastack-${name}-`));
  if (owner && process.getuid?.() === 0) {
    execFileSync('chown', ['-R', `${owner}:${owner}`, dir]);
  }
  return dir;
}

/**
 * Finds a server binary from Debian's packages; a missing one fails the
 * test with the package to install, never skips it.
 */
export function requireBinary(
  candidates: string[],
  name: string,
  /** How to get it; installing Debian's package `name` by default. */
  remedy = `install Debian's ${name} (make setup does)`,
) {
  const found = candidates.find(c => fs.existsSync(c));
  if (!found) throw new Error(`${name} is missing: ${remedy}`);
  return found;
}

/** Runs a command as `user` when the tests run as root (PostgreSQL refuses root). */
export function asUser(user: string | undefined, command: string[]) {
  return user && process.getuid?.() === 0
    ? ['runuser', '-u', user, '--', ...command]
    : command;
}

/**
 * Spawns a server and waits until `ready()` says yes, or fails with what
 * the server printed.
 */
export async function startProcess(options: {
  name: string;
  command: string[];
  ready: () => Promise<boolean>;
  /** Scratch directory, removed on stop. */
  dir: string;
  timeoutMs?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Keeps all the server printed in this file (it outlives `dir`). */
  logFile?: string;
}): Promise<{ child: ChildProcess; stop(): Promise<void> }> {
  const [bin, ...args] = options.command;
  const child = spawn(bin, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: options.cwd,
    env: options.env ?? process.env,
  });
  let output = '';
  const log = options.logFile
    ? fs.createWriteStream(options.logFile, { flags: 'a' })
    : undefined;
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
    log?.write(chunk);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => {
      log?.end();
      resolve();
    }),
  );

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      // Scratch servers: no need to wait for a clean shutdown.
      const killer = setTimeout(() => child.kill('SIGKILL'), 2_000);
      await exited;
      clearTimeout(killer);
    }
    fs.rmSync(options.dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${options.name} exited (${child.exitCode}):\n${output}`);
    if (await options.ready().catch(() => false)) return { child, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${options.name} did not start in time:\n${output}`);
    }
    await new Promise(r => setTimeout(r, 100));
  }
}

/** True once something accepts connections on the port. */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
