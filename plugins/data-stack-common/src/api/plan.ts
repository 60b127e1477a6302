import { z } from 'zod';
import { MAX_COMPONENTS } from '../model/stackSpec';

/** Settings per component, e.g. `{ trino: { workers: 2 } }`. */
const overridesSchema = z.record(
  z.string(),
  z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
);

/**
 * A choice of components and settings: what `datastack:stack:resolve`
 * takes. The resolver validates it; this only says its shape.
 */
export const stackChoiceSchema = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  owner: z.string().optional(),
  components: z.array(z.string()),
  profile: z.string().optional(),
  targets: z.array(z.string()).optional(),
  namespace: z.string().optional(),
  overrides: overridesSchema.optional(),
});

export type StackChoice = z.infer<typeof stackChoiceSchema>;

/**
 * `POST /plan`: the part of a choice the Create data stack form previews,
 * or, with `stack`, the components to add to an existing stack. Bounded,
 * as it comes from any caller.
 */
export const planRequestSchema = z.strictObject({
  name: z.string().max(63).optional(),
  /** An existing stack's System: the plan is of it with the components added. */
  stack: z.string().max(300).optional(),
  components: z.array(z.string().max(63)).max(MAX_COMPONENTS),
  profile: z.string().optional(),
  overrides: overridesSchema.optional(),
});

export type PlanRequest = z.infer<typeof planRequestSchema>;

/** A plan's resources. */
export const stackBudgetSchema = z.object({
  profile: z.string(),
  cpu: z.number(),
  memoryMi: z.number(),
  diskMi: z.number(),
});

export type StackBudget = z.infer<typeof stackBudgetSchema>;

/** The answer of `POST /plan`: the plan summary the form shows. */
export const stackPlanPreviewSchema = z.object({
  components: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      selected: z.boolean(),
      addedBecause: z.string().optional(),
      /** With a `stack`: whether the stack already has it. */
      present: z.boolean().optional(),
    }),
  ),
  budget: stackBudgetSchema,
  /** With a `stack`: its budget before the change. */
  before: stackBudgetSchema.optional(),
  /** The plan in Markdown. */
  summary: z.string(),
});

export type StackPlanPreview = z.infer<typeof stackPlanPreviewSchema>;
