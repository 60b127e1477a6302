import {
  httpProbeSchema,
  sqlProbeSchema,
  tcpProbeSchema,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  type ProbeType,
  createProbeType,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import { probeHttp } from './httpProbe';
import { probeSql } from './sqlProbe';
import { probeTcp } from './tcpProbe';

/** GET of the descriptor's fixed health path (httpProbe.ts). */
export const httpProbeType = createProbeType({
  type: 'http',
  options: httpProbeSchema.omit({ type: true, port: true }),
  probe: (endpoint, options, { timeoutMs }) =>
    probeHttp(endpoint, options, timeoutMs),
});

/** A TCP connect. */
export const tcpProbeType = createProbeType({
  type: 'tcp',
  options: tcpProbeSchema.omit({ type: true, port: true }),
  probe: (endpoint, _options, { timeoutMs }) => probeTcp(endpoint, timeoutMs),
});

/**
 * `select 1` as the descriptor's user with the stack's secret. Without
 * that secret in the backend's config, a TCP check that says so.
 */
export const sqlProbeType = createProbeType({
  type: 'sql',
  options: sqlProbeSchema.omit({ type: true, port: true }),
  async probe(endpoint, options, { timeoutMs, secret }) {
    const password = options.passwordSecret
      ? secret(options.passwordSecret)
      : undefined;
    if (options.passwordSecret && password === undefined) {
      const result = await probeTcp(endpoint, timeoutMs);
      return {
        ...result,
        reason:
          result.reason ??
          `port open; no ${options.passwordSecret} in dataStack.status.stacks[].secrets for a SQL check`,
      };
    }
    return probeSql(endpoint, options, password, timeoutMs);
  },
});

/** `http`, `tcp` and `sql`: every backend has them; no module replaces them. */
export const builtInProbeTypes: ReadonlyArray<ProbeType<unknown>> = [
  httpProbeType,
  tcpProbeType,
  sqlProbeType,
];
