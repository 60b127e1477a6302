import { z } from 'zod';

export const queryCatalogSchema = z.object({
  name: z.string(),
  connector: z.string(),
});

export type QueryCatalog = z.infer<typeof queryCatalogSchema>;

/** The catalogs of one SQL engine of the stack (Trino or Presto). */
export const queryEngineCatalogsSchema = z.object({
  /** The component, e.g. `trino`. */
  id: z.string(),
  title: z.string(),
  protocol: z.enum(['trino', 'presto']),
  catalogs: z.array(queryCatalogSchema),
  reason: z.string().optional(),
});

export type QueryEngineCatalogs = z.infer<typeof queryEngineCatalogsSchema>;

/** The answer of `GET /entities/:kind/:namespace/:name/query-catalogs`. */
export const stackQueryCatalogsResponseSchema = z.object({
  stack: z.string(),
  engines: z.array(queryEngineCatalogsSchema),
});

export type StackQueryCatalogsResponse = z.infer<
  typeof stackQueryCatalogsResponseSchema
>;

/** The answer of `GET …/query-catalogs/:engine/:catalog/schemas`. */
export const catalogSchemasResponseSchema = z.object({
  stack: z.string(),
  engine: z.string(),
  catalog: z.string(),
  schemas: z.array(z.string()),
  reason: z.string().optional(),
});

export type CatalogSchemasResponse = z.infer<
  typeof catalogSchemasResponseSchema
>;
