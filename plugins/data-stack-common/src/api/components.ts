import { z } from 'zod';
import { stackBudgetSchema } from './plan';

/** A component of the loaded library, as the form and the library page show it. */
export const libraryComponentSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  layer: z.string(),
  version: z.string(),
  docs: z.string().optional(),
  /** Added by the resolver for others; the form does not offer it. */
  companion: z.boolean(),
  /** The library layer it comes from: shipped, a team directory, a URL. */
  origin: z.object({
    kind: z.enum(['shipped', 'directory', 'url']),
    location: z.string(),
  }),
  /** The capabilities and components it cannot run without. */
  requires: z.array(z.string()),
  /** What the resolver adds when it is chosen alone, and why. */
  adds: z.array(z.object({ id: z.string(), reason: z.string() })),
  /** Why it cannot be chosen alone, when the resolver refuses it. */
  problem: z.string().optional(),
  /** Its own services' CPU, memory and disk in each profile. */
  resources: z.array(stackBudgetSchema),
});

export type LibraryComponent = z.infer<typeof libraryComponentSchema>;

/** The answer of `GET /components`: every component of the library, by title. */
export const componentsResponseSchema = z.object({
  components: z.array(libraryComponentSchema),
});

export type ComponentsResponse = z.infer<typeof componentsResponseSchema>;
