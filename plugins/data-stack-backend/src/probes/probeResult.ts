import type { HealthState } from '@big-data-stack/backstage-plugin-data-stack-common';

/** What one probe of one service found. */
export interface ProbeResult {
  status: Exclude<HealthState, 'unknown'>;
  latencyMs: number;
  version?: string;
  reason?: string;
}

export class ProbeTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'ProbeTimeoutError';
  }
}

/** Errors that mean nothing answered, as opposed to a wrong answer. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/** The code of an error or of its cause (fetch wraps socket errors). */
function codeOf(error: unknown): string | undefined {
  for (let e = error as any; e; e = e.cause) if (e.code) return String(e.code);
  return undefined;
}

/** A short reason: the error's code and message, without stacks. */
export function describeError(error: unknown): string {
  const code = codeOf(error);
  const message =
    (error as any)?.cause?.message ||
    (error as Error)?.message ||
    String(error);
  const text =
    code && !message.includes(code) ? `${code}: ${message}` : message;
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** `down` when nothing answered in time, `degraded` when something answered wrongly. */
export function failed(error: unknown, started: number): ProbeResult {
  const code = codeOf(error);
  const unreachable =
    (code && UNREACHABLE.has(code)) || error instanceof ProbeTimeoutError;
  return {
    status: unreachable ? 'down' : 'degraded',
    latencyMs: Date.now() - started,
    reason: describeError(error),
  };
}

/**
 * Runs `work` with an abort signal that fires after `timeoutMs`, and fails
 * with a timeout then even when the work ignores the signal.
 */
export async function withTimeout<T>(
  timeoutMs: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new ProbeTimeoutError(timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
