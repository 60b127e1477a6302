import { z } from 'zod';
import { stackBudgetSchema } from './plan';
import { repositoryRefSchema } from './repository';

/** How many of a stack's components are up, down or not known to be either. */
export const healthRollupSchema = z.object({
  up: z.number(),
  down: z.number(),
  unknown: z.number(),
});

export type HealthRollup = z.infer<typeof healthRollupSchema>;

/** One data stack of the Data stacks page. */
export const stackOverviewSchema = z.object({
  /** The stack's System, e.g. `system:default/analytics`. */
  entityRef: z.string(),
  name: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  owner: z.string().optional(),
  /** From its stack.yaml, when the repository could be read. */
  profile: z.string().optional(),
  components: z.array(z.string()),
  budget: stackBudgetSchema.omit({ profile: true }).optional(),
  health: healthRollupSchema,
  repository: repositoryRefSchema.optional(),
  /** Whether the System has TechDocs. */
  docs: z.boolean(),
  /** Why the repository or the status could not be read. */
  problem: z.string().optional(),
});

export type StackOverview = z.infer<typeof stackOverviewSchema>;

/** The answer of `GET /stacks`: every data stack the caller may read, by name. */
export const stacksOverviewResponseSchema = z.object({
  stacks: z.array(stackOverviewSchema),
});

export type StacksOverviewResponse = z.infer<
  typeof stacksOverviewResponseSchema
>;
