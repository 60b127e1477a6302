import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The tools users run on a stack repository, run as validators: the files
 * must load in them, not only in our own parsers. `make setup` builds them
 * from their Go modules (scripts/setup-go-tools.sh).
 */
export const STACK_TOOLS = {
  helm: {
    env: 'DATASTACK_HELM',
    purpose:
      'helm template (and with full checks helm lint --strict) of every chart',
  },
  'docker-compose': {
    env: 'DATASTACK_DOCKER_COMPOSE',
    purpose: 'loads the compose files as `docker compose up` does',
  },
  helmfile: {
    env: 'DATASTACK_HELMFILE',
    purpose:
      'helmfile build (and with full checks helmfile lint and helmfile template)',
  },
  promtool: {
    env: 'DATASTACK_PROMTOOL',
    purpose: 'promtool check config of the Prometheus configuration',
  },
} as const;

export type StackTool = keyof typeof STACK_TOOLS;

export interface ToolResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/** The binary of a tool: its `DATASTACK_*` variable, else its name on the PATH. */
export function toolBinary(tool: StackTool): string {
  return process.env[STACK_TOOLS[tool].env] || tool;
}

/** Whether the tool can be run: an executable file on the PATH or at its variable's path. */
export function toolAvailable(tool: StackTool): boolean {
  const bin = toolBinary(tool);
  const candidates = bin.includes('/')
    ? [bin]
    : (process.env.PATH ?? '')
        .split(path.delimiter)
        .filter(Boolean)
        .map(dir => path.join(dir, bin));
  return candidates.some(file => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

/**
 * The tools are Go programs that run for a fraction of a second: their
 * garbage collector runs only near a memory limit, which saves about a
 * fifth of the CPU of a helm run (https://go.dev/doc/gc-guide#Memory_limit).
 */
const SHORT_RUN_GO_ENV = { GOGC: 'off', GOMEMLIMIT: '512MiB' };

/** Runs a tool; a failing command is a result, a missing binary an error. */
export function runTool(
  tool: StackTool,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<ToolResult> {
  const bin = toolBinary(tool);
  return new Promise((resolve, reject) => {
    execFile(
      bin,
      args,
      {
        cwd: options.cwd,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, ...SHORT_RUN_GO_ENV, ...options.env },
      },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(new Error(missingToolMessage(tool)));
          return;
        }
        resolve({ ok: !error, stdout, stderr });
      },
    );
  });
}

export function missingToolMessage(tool: StackTool): string {
  return `${tool} was not found (looked for '${toolBinary(
    tool,
  )}'); run 'make setup', or set ${STACK_TOOLS[tool].env}`;
}

/**
 * The lines of a tool's output that say what is wrong, as one message: those
 * `relevant` picks (a tool's own error prefixes), else all of them.
 */
export function toolMessage(
  result: ToolResult,
  relevant = /error|warn|fail|invalid|not found|cannot|unknown/i,
  most = 8,
): string {
  const lines = `${result.stderr}\n${result.stdout}`
    .split('\n')
    .map(l => l.trim())
    .filter(Boolean);
  const picked = lines.filter(l => relevant.test(l));
  return [...new Set(picked.length ? picked : lines)].slice(0, most).join('; ');
}

/** Runs `fn` in a fresh temporary directory, removed once it settles. */
export async function inScratchDir<T>(
  fn: (dir: string) => Promise<T>,
  prefix = 'datastack-tool-',
): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    return await fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
