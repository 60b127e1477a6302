import {
  type Probe,
  type ProbeOptions,
  type StatusReasonCode,
  formatPath,
  healthStateSchema,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import type { ProbeType } from '@big-data-stack/backstage-plugin-data-stack-node';
import type { Endpoint } from '../service/endpoints';
import { ProbeResult, describeError, failed, withTimeout } from './probeResult';
import type { ProbeTypeRegistry } from './probeTypeRegistry';

/**
 * What running a descriptor's probe gave: a probe's result, or no probe
 * at all, because no probe type of that name was added to this backend
 * or the probe type refused the descriptor's options.
 */
export type ProbeOutcome =
  | ProbeResult
  | {
      status: 'unknown';
      reason: string;
      code: Extract<
        StatusReasonCode,
        'unknown-probe-type' | 'descriptor-mismatch'
      >;
    };

type CheckedOptions = { options: unknown } | { reason: string };

/**
 * Options checked once per probe type and descriptor probe: descriptors
 * are loaded once and kept, their probes are probed every cache period.
 */
const checked = new WeakMap<
  ProbeType<unknown>,
  WeakMap<Probe, Promise<CheckedOptions>>
>();

function issuesText(
  issues: ReadonlyArray<{
    message: string;
    path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }>;
  }>,
): string {
  return issues
    .slice(0, 3)
    .map(issue => {
      const path = formatPath(
        (issue.path ?? []).map(p => (typeof p === 'object' ? p.key : p)),
      );
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

async function checkOptions(
  probeType: ProbeType<unknown>,
  probe: Probe,
): Promise<CheckedOptions> {
  const { type: _type, port: _port, ...raw } = probe;
  const options = raw as ProbeOptions;
  const what = `the ${probe.type} probe's options`;
  const schema = probeType.options;
  try {
    if (!schema) return { options };
    if (typeof schema === 'function') return { options: schema(options) };
    const result = await schema['~standard'].validate(options);
    if (result.issues)
      return { reason: `${what} are refused: ${issuesText(result.issues)}` };
    return { options: result.value };
  } catch (error) {
    return { reason: `${what} are refused: ${describeError(error)}` };
  }
}

function optionsOf(
  probeType: ProbeType<unknown>,
  probe: Probe,
): Promise<CheckedOptions> {
  let byProbe = checked.get(probeType);
  if (!byProbe) checked.set(probeType, (byProbe = new WeakMap()));
  let options = byProbe.get(probe);
  if (!options) byProbe.set(probe, (options = checkOptions(probeType, probe)));
  return options;
}

/** A module's text as the answer shows it: a non-empty string, cut at 200. */
function text(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  return value.length > 200 ? `${value.slice(0, 197)}...` : value;
}

const STATES = new Set<string>(
  healthStateSchema.options.filter(s => s !== 'unknown'),
);

/** A module's result as the status answer takes it, whatever it returned. */
function checkedResult(
  type: string,
  result: ProbeResult,
  started: number,
): ProbeResult {
  if (!result || !STATES.has(result.status))
    return {
      status: 'degraded',
      latencyMs: Date.now() - started,
      reason: `the ${type} probe gave no status`,
    };
  const version = text(result.version);
  const reason = text(result.reason);
  return {
    status: result.status,
    latencyMs:
      typeof result.latencyMs === 'number' &&
      Number.isFinite(result.latencyMs) &&
      result.latencyMs >= 0
        ? result.latencyMs
        : Date.now() - started,
    ...(version && { version }),
    ...(reason && { reason }),
  };
}

/**
 * Runs the probe the descriptor chose, by its type in the registry: the
 * built-in `http`, `tcp` and `sql` or one a backend module added. Bounded
 * by the timeout even when the probe is not; a thrown error becomes the
 * reason. A type nobody added, or options its type refuses, leave the
 * service `unknown` and say why.
 */
export async function runProbe(
  probeTypes: ProbeTypeRegistry,
  endpoint: Endpoint,
  probe: Probe,
  secrets: ReadonlyMap<string, string> | undefined,
  timeoutMs: number,
): Promise<ProbeOutcome> {
  const probeType = probeTypes.get(probe.type);
  if (!probeType)
    return {
      status: 'unknown',
      reason: `unknown probe type '${probe.type}': no backend module adds it to this backend`,
      code: 'unknown-probe-type',
    };
  const options = await optionsOf(probeType, probe);
  if ('reason' in options)
    return {
      status: 'unknown',
      reason: options.reason,
      code: 'descriptor-mismatch',
    };
  const started = Date.now();
  try {
    const result = await withTimeout(timeoutMs, signal =>
      probeType.probe(endpoint, options.options, {
        timeoutMs,
        signal,
        secret: name => secrets?.get(name),
      }),
    );
    return checkedResult(probe.type, result, started);
  } catch (error) {
    return failed(error, started, { target: endpoint, timeoutMs });
  }
}
