import { z } from 'zod';

/** A component of the library the form offers. */
export const libraryComponentSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  layer: z.string(),
});

export type LibraryComponent = z.infer<typeof libraryComponentSchema>;

/** The answer of `GET /components`: the library's components, by title. */
export const componentsResponseSchema = z.object({
  components: z.array(libraryComponentSchema),
});

export type ComponentsResponse = z.infer<typeof componentsResponseSchema>;
