import { MAX_COMPONENTS } from '@big-data-stack/backstage-plugin-data-stack-common';
import { z } from 'zod';

/** What the plan preview sends: the form's current choice. */
export const planRequestSchema = z.strictObject({
  name: z.string().max(63).optional(),
  /** An existing stack's System: the plan is of it with the components added. */
  stack: z.string().max(300).optional(),
  components: z.array(z.string().max(63)).max(MAX_COMPONENTS),
  profile: z.string().optional(),
  overrides: z
    .record(
      z.string(),
      z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    )
    .optional(),
});

export type PlanRequest = z.output<typeof planRequestSchema>;
