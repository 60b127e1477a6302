import { z } from 'zod';

// The answer of `GET /entities/:kind/:namespace/:name/status`: each
// component's health as the backend's probes saw it.

/** A component's health as the backend's probes saw it. */
export const healthStateSchema = z.enum([
  'healthy',
  'degraded',
  'down',
  'unknown',
]);

export type HealthState = z.infer<typeof healthStateSchema>;

/**
 * Why a status is what it is, for code to decide by; `reason` says the
 * same to people. The backend's status service sets one wherever it
 * gives a reason:
 * - `not-configured`: no endpoint for the service in `dataStack.status`;
 * - `unpublished`: the service publishes no port where the backend looks;
 * - `descriptor-mismatch`: the descriptor names a port or service it lacks,
 *   or gives its probe options that the probe's type refuses;
 * - `unreachable`: nothing answered the probe (status `down`);
 * - `bad-answer`: something answered, but not as expected (`degraded`);
 * - `partial-check`: only part of the check could run (a SQL probe
 *   without its password checks the port);
 * - `pending`: the probe is still running;
 * - `not-in-library`: the backend's component library lacks the component;
 * - `unknown-probe-type`: the descriptor's probe is of a type no backend
 *   module added to this backend (docs/status.md, "Probe types");
 * - `nothing-to-probe`: the component has no service with a probe.
 */
export const statusReasonCodeSchema = z.enum([
  'not-configured',
  'unpublished',
  'descriptor-mismatch',
  'unreachable',
  'bad-answer',
  'partial-check',
  'pending',
  'not-in-library',
  'nothing-to-probe',
  'unknown-probe-type',
]);

export type StatusReasonCode = z.infer<typeof statusReasonCodeSchema>;

/** One probed service of a component. */
export const serviceHealthSchema = z.object({
  service: z.string(),
  status: healthStateSchema,
  latencyMs: z.number().optional(),
  /** As the service reports it (HTTP JSON or SQL), when it does. */
  version: z.string().optional(),
  /** Why the status is not healthy, in a few words. */
  reason: z.string().optional(),
  code: statusReasonCodeSchema.optional(),
  /**
   * The service publishes no port where the backend looks (a Compose
   * service without `ports:`, such as an exporter that only the stack's
   * Prometheus scrapes), so it is not probed and its status is `unknown`.
   */
  unpublished: z.boolean().optional(),
});

export type ServiceHealth = z.infer<typeof serviceHealthSchema>;

export const componentLinkSchema = z.object({
  title: z.string(),
  url: z.string(),
});

export type ComponentLink = z.infer<typeof componentLinkSchema>;

export const componentStatusSchema = z.object({
  id: z.string(),
  title: z.string(),
  layer: z.string(),
  status: healthStateSchema,
  /** The slowest probed service's latency. */
  latencyMs: z.number().optional(),
  version: z.string().optional(),
  /** ISO time of the probe the answer comes from (it may be cached). */
  checkedAt: z.string(),
  reason: z.string().optional(),
  /** The code of the service `reason` comes from, or the component's own. */
  code: statusReasonCodeSchema.optional(),
  services: z.array(serviceHealthSchema),
  /** The component's catalog entity, when the catalog has one. */
  entityRef: z.string().optional(),
  /** The entity's links (its web UIs), for the browser only: never fetched by the backend. */
  links: z.array(componentLinkSchema).optional(),
});

export type ComponentStatus = z.infer<typeof componentStatusSchema>;

export const stackStatusResponseSchema = z.object({
  stack: z.string(),
  components: z.array(componentStatusSchema),
  /**
   * Set when no component of the stack answered: every probed service is
   * down and the other services publish no port. `runsOn` says how the
   * backend expects the stack to run, from `dataStack.status.endpoints.port`:
   * `compose` (ports published on a host, as `docker compose up` does)
   * or `kubernetes` (container ports behind cluster DNS names).
   */
  notRunning: z
    .object({ runsOn: z.enum(['compose', 'kubernetes']) })
    .optional(),
});

export type StackStatusResponse = z.infer<typeof stackStatusResponseSchema>;
