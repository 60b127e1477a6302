import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import type {
  CatalogSchemasResponse,
  StackMetricsResponse,
  StackQueryCatalogsResponse,
  StackStatusResponse,
} from '@big-data-stack/backstage-plugin-data-stack-common';

/** A choice of components, as the Create data stack form holds it. */
export interface StackChoice {
  components: string[];
  profile?: string;
  name?: string;
}

/** The resolved plan the data stack backend answers. */
export interface StackPlanPreview {
  components: {
    id: string;
    title: string;
    selected: boolean;
    addedBecause?: string;
  }[];
  budget: { profile: string; cpu: number; memoryMi: number; diskMi: number };
  summary: string;
}

export interface DataStackApi {
  /** Resolves a choice without writing anything; a refused choice rejects with the reasons. */
  plan(choice: StackChoice): Promise<StackPlanPreview>;
  /** The status of each component of the stack entity (a System) or of one component's entity. */
  status(entity: CompoundEntityRef): Promise<StackStatusResponse>;
  /** Each component's status-card metrics: values now and sparkline series. */
  metrics(entity: CompoundEntityRef): Promise<StackMetricsResponse>;
  /** The catalogs of the stack's Trino and Presto. */
  queryCatalogs(entity: CompoundEntityRef): Promise<StackQueryCatalogsResponse>;
  /** The schemas of one catalog of one engine. */
  catalogSchemas(
    entity: CompoundEntityRef,
    engine: string,
    catalog: string,
  ): Promise<CatalogSchemasResponse>;
}

export const dataStackApiRef = createApiRef<DataStackApi>({
  id: 'plugin.data-stack.api',
});
