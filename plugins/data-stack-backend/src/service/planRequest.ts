import { z } from 'zod';

/** What the plan preview sends: the form's current choice. */
export const planRequestSchema = z.strictObject({
  name: z.string().optional(),
  components: z.array(z.string()),
  profile: z.string().optional(),
  overrides: z
    .record(
      z.string(),
      z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    )
    .optional(),
});

export type PlanRequest = z.output<typeof planRequestSchema>;
