import { z } from 'zod';
import { withTimeout } from '../probes/probeResult';

/** One sample as the Prometheus HTTP API encodes it: unix seconds and a string value. */
const sample = z.tuple([z.number(), z.string()]);

/** The documented envelope of `/api/v1/query` and `/api/v1/query_range`. */
const responseSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('success'),
    data: z.discriminatedUnion('resultType', [
      z.object({
        resultType: z.literal('vector'),
        result: z.array(z.object({ value: sample })),
      }),
      z.object({ resultType: z.literal('scalar'), result: sample }),
      z.object({
        resultType: z.literal('matrix'),
        result: z.array(z.object({ values: z.array(sample) })),
      }),
      z.object({ resultType: z.literal('string'), result: sample }),
    ]),
  }),
  z.object({
    status: z.literal('error'),
    errorType: z.string().optional(),
    error: z.string(),
  }),
]);

export class PrometheusQueryError extends Error {}

/** Prometheus writes NaN and ±Inf as strings; JSON has no such numbers. */
function finite(value: string): number | null {
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/**
 * The Prometheus HTTP API, for the descriptors' status-card queries only.
 * Queries are sent as form parameters, so no query text is ever built by
 * hand; redirects are not followed.
 */
export class PrometheusClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  private async call(path: string, params: Record<string, string>) {
    return withTimeout(this.timeoutMs, async signal => {
      const res = await fetch(`${this.baseUrl}${path}`, {
        method: 'POST',
        body: new URLSearchParams(params),
        redirect: 'manual',
        signal,
        headers: { accept: 'application/json' },
      });
      let json: unknown;
      try {
        json = await res.json();
      } catch {
        throw new PrometheusQueryError(
          `Prometheus answered HTTP ${res.status} without JSON`,
        );
      }
      const parsed = responseSchema.safeParse(json);
      if (!parsed.success)
        throw new PrometheusQueryError(
          `Prometheus answered HTTP ${res.status} in an unknown shape`,
        );
      if (parsed.data.status === 'error')
        throw new PrometheusQueryError(parsed.data.error);
      return parsed.data.data;
    });
  }

  /** The query's value now: the first series of a vector, or a scalar; null when nothing matched. */
  async instant(query: string): Promise<number | null> {
    const data = await this.call('/api/v1/query', { query });
    if (data.resultType === 'vector')
      return data.result.length ? finite(data.result[0].value[1]) : null;
    if (data.resultType === 'matrix')
      throw new PrometheusQueryError('the query returns a range, not a value');
    return finite(data.result[1]);
  }

  /** The first series of the query over the last `rangeSeconds`. */
  async range(
    query: string,
    rangeSeconds: number,
    stepSeconds: number,
    now = Date.now() / 1000,
  ): Promise<[number, number][]> {
    const data = await this.call('/api/v1/query_range', {
      query,
      start: String(Math.floor(now - rangeSeconds)),
      end: String(Math.floor(now)),
      step: String(stepSeconds),
    });
    if (data.resultType !== 'matrix' || data.result.length === 0) return [];
    return data.result[0].values.flatMap(([t, v]) => {
      const n = finite(v);
      return n === null ? [] : [[t, n] as [number, number]];
    });
  }
}
