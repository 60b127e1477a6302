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
  /** An existing stack's System: the plan is of it with the components added. */
  stack?: string;
}

/** The resolved plan the data stack backend answers. */
export interface StackPlanPreview {
  components: {
    id: string;
    title: string;
    selected: boolean;
    addedBecause?: string;
    /** With a `stack`: whether the stack already has it. */
    present?: boolean;
  }[];
  budget: StackBudget;
  /** With a `stack`: its budget before the change. */
  before?: StackBudget;
  summary: string;
}

/** A plan's resources. */
export interface StackBudget {
  profile: string;
  cpu: number;
  memoryMi: number;
  diskMi: number;
}

/** A component of the library the form offers. */
export interface LibraryComponent {
  id: string;
  title: string;
  description: string;
  layer: string;
}

/** A place a new stack repository can go. */
export interface PublishTarget {
  type: 'local' | 'github' | 'gitlab';
  host: string;
  title: string;
}

/** An existing stack, as its repository's stack.yaml holds it. */
export interface ExistingStack {
  name: string;
  repository: { type: 'local' | 'github' | 'gitlab'; location: string };
  profile: string;
  /** Every component of its plan, companions included. */
  components: string[];
  selected: string[];
}

/** A file a proposed change adds, changes or removes. */
export interface ChangedFile {
  path: string;
  change: 'added' | 'modified' | 'deleted';
  added: number;
  removed: number;
}

/** A change proposed on a stack of this machine: a branch of its repository. */
export interface StackChange {
  branch: string;
  files: ChangedFile[];
  /** The stack.yaml diff; empty when it does not change. */
  stackFilePatch?: string;
  mergeCommand: string;
}

export interface DataStackApi {
  /** The library's components a stack can be made of. */
  components(): Promise<LibraryComponent[]>;
  /** Where a new stack repository can go; empty when nowhere. */
  publishTargets(): Promise<PublishTarget[]>;
  /** Whether a name is free for a stack on this machine. */
  localName(
    name: string,
  ): Promise<{ available: boolean; reason?: string; path: string }>;
  /** An existing stack's components and repository. */
  stack(system: CompoundEntityRef): Promise<ExistingStack>;
  /** The changes proposed on a stack of this machine. */
  changes(system: CompoundEntityRef): Promise<StackChange[]>;
  /** One proposed change with its stack.yaml diff. */
  change(system: CompoundEntityRef, branch: string): Promise<StackChange>;
  /** Merges a proposed change into the stack's main. */
  merge(
    system: CompoundEntityRef,
    branch: string,
  ): Promise<{ commit: string; fastForward: boolean }>;
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
