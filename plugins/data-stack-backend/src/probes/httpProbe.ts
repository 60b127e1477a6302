import {
  type Probe,
  valueAtPath,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import { Agent, fetch as undiciFetch } from 'undici';
import { Endpoint, baseUrlOf } from '../service/endpoints';
import { ProbeResult, failed, withTimeout } from './probeResult';

/** An HTTP probe's options: the descriptor's probe but its type and port. */
export type HttpProbeOptions = Omit<
  Extract<Probe, { type: 'http' }>,
  'type' | 'port'
>;

/**
 * For services that serve a certificate they generated themselves (NiFi):
 * the probe reaches an operator-configured endpoint of the stack, and only
 * reads its health path.
 */
const selfSignedAgent = new Agent({ connect: { rejectUnauthorized: false } });

/** Health bodies are small; a larger one is cut off, not buffered. */
const MAX_BODY = 256 * 1024;

async function readBody(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size >= MAX_BODY) {
      await reader.cancel();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY);
}

/**
 * GET of the descriptor's fixed health path. Redirects are not followed, so
 * an upstream cannot send the backend to another host.
 */
export async function probeHttp(
  endpoint: Endpoint,
  probe: HttpProbeOptions,
  timeoutMs: number,
): Promise<ProbeResult> {
  const started = Date.now();
  const url = `${baseUrlOf(endpoint, probe.scheme)}${probe.path}`;
  try {
    return await withTimeout(timeoutMs, async signal => {
      const init = {
        redirect: 'manual',
        signal,
        headers: { accept: 'application/json, text/plain' },
      } as const;
      // undici's own fetch with its own dispatcher: Node's global fetch is
      // another undici copy and need not accept this one's Agent.
      const res =
        probe.scheme === 'https' && probe.selfSignedCertificate
          ? ((await undiciFetch(url, {
              ...init,
              dispatcher: selfSignedAgent,
            })) as unknown as Response)
          : await fetch(url, init);
      const text = await readBody(res);
      const latencyMs = Date.now() - started;
      if (res.status !== probe.expect.status)
        return {
          status: 'degraded',
          latencyMs,
          reason: `HTTP ${res.status} from ${probe.path}`,
        };
      if (probe.expect.body !== undefined && text.trim() !== probe.expect.body)
        return {
          status: 'degraded',
          latencyMs,
          reason: `${probe.path} answered '${text.trim().slice(0, 40)}', not '${
            probe.expect.body
          }'`,
        };
      if (!probe.expect.json && !probe.versionPath)
        return { status: 'healthy', latencyMs };
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return {
          status: 'degraded',
          latencyMs,
          reason: `${probe.path} did not answer JSON`,
        };
      }
      const reported = probe.versionPath
        ? valueAtPath(body, probe.versionPath)
        : undefined;
      const version =
        typeof reported === 'string' || typeof reported === 'number'
          ? String(reported)
          : undefined;
      const json = probe.expect.json;
      if (json) {
        const value = valueAtPath(body, json.path);
        if (!json.oneOf.some(ok => ok === value))
          return {
            status: 'degraded',
            latencyMs,
            version,
            reason: `${json.path} is ${
              JSON.stringify(value) ?? 'missing'
            }, not ${json.oneOf.join(' or ')}`,
          };
      }
      return { status: 'healthy', latencyMs, ...(version && { version }) };
    });
  } catch (error) {
    return failed(error, started, { target: endpoint, timeoutMs });
  }
}
