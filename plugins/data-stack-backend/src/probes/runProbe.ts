import type { Probe } from '@big-data-stack/backstage-plugin-data-stack-common';
import type { Endpoint } from '../service/endpoints';
import { probeHttp } from './httpProbe';
import { ProbeResult } from './probeResult';
import { probeSql } from './sqlProbe';
import { probeTcp } from './tcpProbe';

/**
 * Runs the probe the descriptor chose. A SQL probe whose password the
 * stack's config does not give falls back to a TCP check and says so.
 */
export async function runProbe(
  endpoint: Endpoint,
  probe: Probe,
  secrets: ReadonlyMap<string, string> | undefined,
  timeoutMs: number,
): Promise<ProbeResult> {
  switch (probe.type) {
    case 'http':
      return probeHttp(endpoint, probe, timeoutMs);
    case 'tcp':
      return probeTcp(endpoint, timeoutMs);
    case 'sql': {
      const password = probe.passwordSecret
        ? secrets?.get(probe.passwordSecret)
        : undefined;
      if (probe.passwordSecret && password === undefined) {
        const result = await probeTcp(endpoint, timeoutMs);
        return {
          ...result,
          reason:
            result.reason ??
            `port open; no ${probe.passwordSecret} in dataStack.status.stacks[].secrets for a SQL check`,
        };
      }
      return probeSql(endpoint, probe, password, timeoutMs);
    }
    default:
      throw new Error(`unknown probe type ${(probe as Probe).type}`);
  }
}
