import type { CompoundEntityRef } from '@backstage/catalog-model';
import { createApiRef } from '@backstage/core-plugin-api';
import type {
  CatalogSchemasResponse,
  ExistingStack,
  LibraryComponent,
  LocalNameResponse,
  MergeResponse,
  PlanRequest,
  PublishTarget,
  StackChange,
  StackMetricsResponse,
  StackPlanPreview,
  StackQueryCatalogsResponse,
  StackOverview,
  StackStatusResponse,
} from '@big-data-stack/backstage-plugin-data-stack-common';

/** The data stack backend's routes; their requests and answers are data-stack-common's. */
export interface DataStackApi {
  /** The library's components a stack can be made of. */
  components(): Promise<LibraryComponent[]>;
  /** Where a new stack repository can go; empty when nowhere. */
  publishTargets(): Promise<PublishTarget[]>;
  /** Whether a name is free for a stack on this machine. */
  localName(name: string): Promise<LocalNameResponse>;
  /** Every data stack the user may read, with its health roll-up. */
  stacks(): Promise<StackOverview[]>;
  /** An existing stack's components and repository. */
  stack(system: CompoundEntityRef): Promise<ExistingStack>;
  /** The changes proposed on a stack of this machine. */
  changes(system: CompoundEntityRef): Promise<StackChange[]>;
  /** One proposed change with its stack.yaml diff. */
  change(system: CompoundEntityRef, branch: string): Promise<StackChange>;
  /** Merges a proposed change into the stack's main. */
  merge(system: CompoundEntityRef, branch: string): Promise<MergeResponse>;
  /** Resolves a choice without writing anything; a refused choice rejects with the reasons. */
  plan(request: PlanRequest): Promise<StackPlanPreview>;
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
