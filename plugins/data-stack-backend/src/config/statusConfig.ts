import type { Config } from '@backstage/config';
import { readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import { dnsLabel } from '@big-data-stack/backstage-plugin-data-stack-common';

/** A stack's own entry: its namespace, fixed endpoints and secrets. */
export interface StackEntry {
  namespace?: string;
  /** Service name → base URL. */
  endpoints: Map<string, URL>;
  /** `.env` name → value, for the SQL probes. */
  secrets: Map<string, string>;
}

/** `dataStack.status`, read and checked once at start-up. */
export interface StatusConfig {
  probeTimeoutMs: number;
  cacheTtlMs: number;
  concurrency: number;
  queryUser: string;
  metricsRangeSeconds: number;
  metricsStepSeconds: number;
  pattern?: { host: string; port: 'container' | 'published' };
  stacks: Map<string, StackEntry>;
}

const PLACEHOLDER = /\{(service|stack|namespace)\}/g;

function durationMs(config: Config | undefined, key: string, fallback: number) {
  return config?.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : fallback;
}

/**
 * The host pattern may only hold hostname characters around its
 * placeholders, so a filled-in pattern can only name hosts the operator
 * chose: the placeholders take validated DNS labels.
 */
function checkHostPattern(host: string): string {
  const literal = host.replace(PLACEHOLDER, 'x');
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/i.test(literal))
    throw new InputError(
      `dataStack.status.endpoints.host '${host}' must be a host name, optionally with {service}, {stack} and {namespace}`,
    );
  return host;
}

function baseUrl(service: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(
      `dataStack.status.stacks[].endpoints.${service} '${value}' is not a URL`,
    );
  }
  // http and https have default ports; a bare TCP address does not.
  if (
    !['http:', 'https:', 'tcp:'].includes(url.protocol) ||
    (url.protocol === 'tcp:' && !url.port)
  )
    throw new InputError(
      `dataStack.status.stacks[].endpoints.${service} must be an http, https or tcp URL (tcp with a port), e.g. http://${service}.example.com:8080`,
    );
  return url;
}

export function readStatusConfig(root: Config): StatusConfig {
  const config = root.getOptionalConfig('dataStack.status');
  const patternConfig = config?.getOptionalConfig('endpoints');
  const port = patternConfig?.getString('port');
  if (port && port !== 'container' && port !== 'published')
    throw new InputError(
      `dataStack.status.endpoints.port must be 'container' or 'published', not '${port}'`,
    );
  const stacks = new Map<string, StackEntry>();
  for (const entry of config?.getOptionalConfigArray('stacks') ?? []) {
    const name = entry.getString('name');
    const namespace = entry.getOptionalString('namespace');
    for (const label of [name, namespace ?? name])
      if (!dnsLabel.safeParse(label).success)
        throw new InputError(
          `dataStack.status.stacks[]: '${label}' is not a DNS-1123 label`,
        );
    const endpoints = entry.getOptionalConfig('endpoints');
    const secrets = entry.getOptionalConfig('secrets');
    stacks.set(name, {
      namespace,
      endpoints: new Map(
        (endpoints?.keys() ?? []).map(service => [
          service,
          baseUrl(service, endpoints!.getString(service)),
        ]),
      ),
      secrets: new Map(
        (secrets?.keys() ?? []).map(key => [key, secrets!.getString(key)]),
      ),
    });
  }
  const concurrency = config?.getOptionalNumber('concurrency') ?? 16;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new InputError(
      'dataStack.status.concurrency must be a positive integer',
    );
  return {
    probeTimeoutMs: durationMs(config, 'probeTimeout', 2000),
    cacheTtlMs: durationMs(config, 'cacheTtl', 30_000),
    concurrency,
    queryUser: config?.getOptionalString('queryUser') ?? 'backstage',
    metricsRangeSeconds: durationMs(config, 'metricsRange', 30 * 60_000) / 1000,
    metricsStepSeconds: durationMs(config, 'metricsStep', 60_000) / 1000,
    pattern:
      patternConfig && port
        ? {
            host: checkHostPattern(patternConfig.getString('host')),
            port: port as 'container' | 'published',
          }
        : undefined,
    stacks,
  };
}
