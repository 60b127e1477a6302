import { z } from 'zod';

/** One status-card metric: the instant value and a short range for a sparkline. */
export const metricValueSchema = z.object({
  title: z.string(),
  unit: z.string(),
  /** `null` when the query matched no series. */
  value: z.number().nullable(),
  /** `[unix seconds, value]` pairs, oldest first. */
  series: z.array(z.tuple([z.number(), z.number()])),
});

export type MetricValue = z.infer<typeof metricValueSchema>;

export const componentMetricsSchema = z.object({
  id: z.string(),
  metrics: z.array(metricValueSchema),
  /** Why there are no values (no Prometheus, a failed query). */
  reason: z.string().optional(),
});

export type ComponentMetrics = z.infer<typeof componentMetricsSchema>;

/** The answer of `GET /entities/:kind/:namespace/:name/metrics`. */
export const stackMetricsResponseSchema = z.object({
  stack: z.string(),
  /** The range the series cover, in seconds, and their step. */
  rangeSeconds: z.number(),
  stepSeconds: z.number(),
  components: z.array(componentMetricsSchema),
});

export type StackMetricsResponse = z.infer<typeof stackMetricsResponseSchema>;
