import type { ProbeResult } from '@big-data-stack/backstage-plugin-data-stack-node';

// Probe types of backend modules return it too: the type is data-stack-node's.
export type { ProbeResult };

/** `2 s`, `1.5 s` or `300 ms`: a duration as a person reads it. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return `${Number((ms / 1000).toFixed(1))} s`;
}

export class ProbeTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${formatDuration(timeoutMs)}`);
    this.name = 'ProbeTimeoutError';
  }
}

/** What a probe was talking to, for the reason it gives. */
export interface ProbeTarget {
  host: string;
  port: number;
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

/** The first error in the chain (fetch wraps socket errors in `cause`) that has a code. */
function codedError(error: unknown): any {
  for (let e = error as any, depth = 0; e && depth < 5; e = e.cause, depth++)
    if (e.code) return e;
  return undefined;
}

/**
 * Node's error codes (`man 3 errno`, Node's `errors` and `tls` docs,
 * undici's and llhttp's own codes) as sentences about the target, so
 * that every reason the portal shows reads as one.
 */
const SENTENCES: Record<
  string,
  (t: { where: string; host: string; timeout?: string }) => string
> = {
  ECONNREFUSED: t => `nothing listens on ${t.where}`,
  ECONNRESET: t => `${t.where} closed the connection`,
  EPIPE: t => `${t.where} closed the connection`,
  UND_ERR_SOCKET: t => `${t.where} closed the connection`,
  ETIMEDOUT: t =>
    t.timeout ? `no answer within ${t.timeout}` : `no answer from ${t.where}`,
  UND_ERR_CONNECT_TIMEOUT: t =>
    t.timeout ? `no answer within ${t.timeout}` : `no answer from ${t.where}`,
  UND_ERR_HEADERS_TIMEOUT: t =>
    `${t.where} accepted the connection but did not answer`,
  ENOTFOUND: t => `the name ${t.host} does not resolve`,
  EAI_AGAIN: t =>
    `the name ${t.host} could not be resolved (DNS did not answer)`,
  EHOSTUNREACH: t => `there is no route to ${t.host}`,
  ENETUNREACH: t => `the network of ${t.host} is unreachable`,
  EADDRNOTAVAIL: t => `${t.where} is not an address this machine can reach`,
  DEPTH_ZERO_SELF_SIGNED_CERT: t =>
    `${t.where} serves a self-signed certificate`,
  SELF_SIGNED_CERT_IN_CHAIN: t =>
    `${t.where} serves a certificate signed by an untrusted authority`,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: t =>
    `${t.where} serves a certificate signed by an untrusted authority`,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: t =>
    `${t.where} serves a certificate signed by an untrusted authority`,
  CERT_HAS_EXPIRED: t => `the certificate of ${t.where} has expired`,
  ERR_TLS_CERT_ALTNAME_INVALID: t =>
    `the certificate of ${t.where} is not for ${t.host}`,
  ERR_SSL_WRONG_VERSION_NUMBER: t =>
    `${t.where} does not speak TLS (is it plain HTTP?)`,
  EPROTO: t => `${t.where} does not speak TLS (is it plain HTTP?)`,
};

/** Where an error happened: the probe's own target, else what the error says. */
function targetOf(coded: any, target?: ProbeTarget) {
  const host = target?.host ?? coded?.hostname ?? coded?.address;
  const port = target?.port ?? coded?.port;
  if (!host) return { host: 'the service', where: 'the service' };
  return { host, where: port ? `${host}:${port}` : host };
}

/**
 * A short reason as a sentence: what a known error code means for the
 * target (`nothing listens on localhost:8123`), else the error's own
 * message without the code or a stack.
 */
export function describeError(
  error: unknown,
  context: { target?: ProbeTarget; timeoutMs?: number } = {},
): string {
  if (error instanceof ProbeTimeoutError) return error.message;
  const coded = codedError(error);
  const code = coded?.code ? String(coded.code) : undefined;
  let text: string;
  if (code && SENTENCES[code])
    text = SENTENCES[code]({
      ...targetOf(coded, context.target),
      timeout:
        context.timeoutMs === undefined
          ? undefined
          : formatDuration(context.timeoutMs),
    });
  else if (code?.startsWith('HPE_'))
    text = `${targetOf(coded, context.target).where} did not answer HTTP`;
  else {
    const message =
      (error as any)?.cause?.message ||
      (error as Error)?.message ||
      String(error);
    // Libraries put the code in front ("ECONNABORTED: ..."); the rest is the sentence.
    text =
      (code
        ? message.replace(new RegExp(`^\\s*${code}:?\\s*`), '')
        : message
      ).trim() || 'failed without saying why';
  }
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** `down` when nothing answered in time, `degraded` when something answered wrongly. */
export function failed(
  error: unknown,
  started: number,
  context: { target?: ProbeTarget; timeoutMs?: number } = {},
): ProbeResult {
  const code = codedError(error)?.code;
  const unreachable =
    (code && UNREACHABLE.has(String(code))) ||
    error instanceof ProbeTimeoutError;
  return {
    status: unreachable ? 'down' : 'degraded',
    latencyMs: Date.now() - started,
    reason: describeError(error, context),
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
