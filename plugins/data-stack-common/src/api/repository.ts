import { z } from 'zod';

const repositoryTypeSchema = z.enum(['local', 'github', 'gitlab']);

/** A place a new stack repository can go. */
export const publishTargetSchema = z.object({
  type: repositoryTypeSchema,
  /** The integration's host; `local` for this machine. */
  host: z.string(),
  /** What the form shows. */
  title: z.string(),
});

export type PublishTarget = z.infer<typeof publishTargetSchema>;

/** The answer of `GET /publish-targets`; empty when nowhere. */
export const publishTargetsResponseSchema = z.object({
  targets: z.array(publishTargetSchema),
});

export type PublishTargetsResponse = z.infer<
  typeof publishTargetsResponseSchema
>;

/** The answer of `GET /publish-targets/local/:name`: whether the name is free. */
export const localNameResponseSchema = z.object({
  name: z.string(),
  path: z.string(),
  available: z.boolean(),
  reason: z.string().optional(),
});

export type LocalNameResponse = z.infer<typeof localNameResponseSchema>;

/** Where a stack's repository is: a folder of this machine or a forge URL. */
export const repositoryRefSchema = z.object({
  type: repositoryTypeSchema,
  location: z.string(),
});

/** The answer of `GET /stacks/:namespace/:name`: a stack as its stack.yaml on main holds it. */
export const existingStackSchema = z.object({
  name: z.string(),
  repository: repositoryRefSchema,
  profile: z.string(),
  /** Every component of its plan, companions included. */
  components: z.array(z.string()),
  selected: z.array(z.string()),
});

export type ExistingStack = z.infer<typeof existingStackSchema>;

/** A file a proposed change adds, changes or removes. */
export const changedFileSchema = z.object({
  path: z.string(),
  change: z.enum(['added', 'modified', 'deleted']),
  added: z.number(),
  removed: z.number(),
});

export type ChangedFile = z.infer<typeof changedFileSchema>;

/**
 * A change proposed on a stack of this machine: a branch of its
 * repository. The answer of `GET /stacks/:namespace/:name/changes/diff`.
 */
export const stackChangeSchema = z.object({
  branch: z.string(),
  files: z.array(changedFileSchema),
  /** The stack.yaml diff; empty when it does not change. */
  stackFilePatch: z.string().optional(),
  mergeCommand: z.string(),
});

export type StackChange = z.infer<typeof stackChangeSchema>;

/** The answer of `GET /stacks/:namespace/:name/changes`. */
export const stackChangesResponseSchema = z.object({
  /** The repository as people read it. */
  repository: z.string(),
  changes: z.array(stackChangeSchema),
});

export type StackChangesResponse = z.infer<typeof stackChangesResponseSchema>;

/** `POST /stacks/:namespace/:name/changes/merge`: the branch to merge. */
export const mergeRequestSchema = z.strictObject({
  branch: z.string().min(1).max(200),
});

export type MergeRequest = z.infer<typeof mergeRequestSchema>;

/** The answer of a merge. */
export const mergeResponseSchema = z.object({
  branch: z.string(),
  commit: z.string(),
  fastForward: z.boolean(),
});

export type MergeResponse = z.infer<typeof mergeResponseSchema>;
