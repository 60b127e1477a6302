import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type {
  HealthState,
  ProbeOptions,
} from '@big-data-stack/backstage-plugin-data-stack-common';

/**
 * What one probe of one service found. A probe that cannot reach the
 * service, or gets a wrong answer, may also throw: the backend then says
 * why in a sentence (`nothing listens on kafka.data:9092`), `down` when
 * nothing answered (a connection error, the timeout) and `degraded` when
 * something answered wrongly.
 */
export interface ProbeResult {
  status: Exclude<HealthState, 'unknown'>;
  latencyMs: number;
  /** As the service reports it, when it does. */
  version?: string;
  /** Why the status is not plain healthy, in a few words. */
  reason?: string;
}

/**
 * Where the probed service port answers: from the stack's entry in
 * `dataStack.status`, or the configured host pattern. `protocol` is
 * `http:` or `https:` for an endpoint configured as a URL, else `tcp:`
 * (host and port only: the probe brings its own scheme).
 */
export interface ProbeEndpoint {
  protocol: string;
  host: string;
  port: number;
}

/** What a probe gets besides the endpoint and its options. */
export interface ProbeContext {
  /** The backend's probe timeout (`dataStack.status.probeTimeout`). */
  timeoutMs: number;
  /**
   * Fires at the timeout; the backend reports the timeout then whether or
   * not the probe stops, so a probe should close its connections on it.
   */
  signal: AbortSignal;
  /**
   * A secret of the probed stack by its `.env` name, as the operator gives
   * it in `dataStack.status.stacks[].secrets`; undefined when not given.
   */
  secret(name: string): string | undefined;
}

/** The result of a Standard Schema's `validate` (https://standardschema.dev). */
export type ProbeOptionsValidation<TOptions> =
  | { readonly value: TOptions; readonly issues?: undefined }
  | {
      readonly issues: ReadonlyArray<{
        readonly message: string;
        readonly path?:
          | ReadonlyArray<PropertyKey | { readonly key: PropertyKey }>
          | undefined;
      }>;
    };

/**
 * A schema the options of a probe are checked with: the part of the
 * Standard Schema interface the backend uses, which zod (3.24 and later),
 * Valibot and ArkType schemas have.
 */
export interface ProbeOptionsSchema<TOptions> {
  readonly '~standard': {
    readonly validate: (
      value: unknown,
    ) =>
      | ProbeOptionsValidation<TOptions>
      | Promise<ProbeOptionsValidation<TOptions>>;
  };
}

/**
 * A kind of health probe a component descriptor can name in
 * `spec.services.<name>.health.probe.type`. The descriptor gives `type`,
 * the service `port` to probe, and options: every other field of the
 * probe, JSON values that only this probe type knows.
 *
 * The built-in `http`, `tcp` and `sql` probes are probe types too.
 */
export interface ProbeType<TOptions = ProbeOptions> {
  /**
   * The name descriptors use: lower-case letters, digits and `-`,
   * starting with a letter (`kafka`); not `http`, `tcp` or `sql`.
   */
  readonly type: string;
  /**
   * Checks the probe's options (every field but `type` and `port`) before
   * each first use of a descriptor's probe: a Standard Schema such as a zod
   * object, or a function that returns the options or throws. Options it
   * refuses leave the service's status `unknown` with the message as the
   * reason. Without it the probe gets the options as the descriptor
   * gives them.
   */
  readonly options?:
    | ProbeOptionsSchema<TOptions>
    | ((options: ProbeOptions) => TOptions);
  /**
   * Probes the service once. Bounded by `context.timeoutMs` in any case;
   * an error thrown becomes the result's reason.
   */
  probe(
    endpoint: ProbeEndpoint,
    options: TOptions,
    context: ProbeContext,
  ): Promise<ProbeResult>;
}

/**
 * A probe type, with its options' type taken from its `options` schema
 * (or the raw JSON options without one), also where it is written inside
 * `addProbeTypes(…)`.
 */
export function createProbeType<TOptions = ProbeOptions>(
  probeType: ProbeType<TOptions>,
): ProbeType<NoInfer<TOptions>> {
  return probeType;
}

/**
 * Adds probe types to the data stack backend's status service. Registered
 * by `@big-data-stack/backstage-plugin-data-stack-backend` for modules of
 * the `data-stack` plugin (docs/extending.md, "Probe types"). A type
 * added twice, or named as a built-in one, stops the backend at start-up.
 */
export interface DataStackProbeTypesExtensionPoint {
  addProbeTypes(...probeTypes: ProbeType<unknown>[]): void;
}

export const dataStackProbeTypesExtensionPoint =
  createExtensionPoint<DataStackProbeTypesExtensionPoint>({
    id: 'data-stack.probe-types',
  });
