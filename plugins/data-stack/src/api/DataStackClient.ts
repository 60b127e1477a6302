import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import type {
  CatalogSchemasResponse,
  StackMetricsResponse,
  StackQueryCatalogsResponse,
  StackStatusResponse,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import type {
  DataStackApi,
  ExistingStack,
  LibraryComponent,
  PublishTarget,
  StackChange,
  StackChoice,
  StackPlanPreview,
} from './DataStackApi';

/** The backend's error message, or what it answered. */
export class DataStackResponseError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = 'DataStackResponseError';
  }
}

/** Talks to the data stack backend through discovery and the authenticated fetch. */
export class DataStackClient implements DataStackApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  private async call<T>(path: string, init?: RequestInit): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl('data-stack');
    const res = await this.deps.fetchApi.fetch(`${base}${path}`, init);
    const body = await res.json().catch(() => undefined);
    if (!res.ok)
      throw new DataStackResponseError(
        body?.error?.message ?? `the data stack backend answered ${res.status}`,
        res.status,
      );
    return body as T;
  }

  private entityPath(entity: CompoundEntityRef, ...rest: string[]) {
    return ['/entities', entity.kind, entity.namespace, entity.name, ...rest]
      .map((part, i) => (i === 0 ? part : encodeURIComponent(part)))
      .join('/');
  }

  private stackPath(system: CompoundEntityRef, ...rest: string[]) {
    return ['/stacks', system.namespace, system.name, ...rest]
      .map((part, i) => (i === 0 ? part : encodeURIComponent(part)))
      .join('/');
  }

  async components(): Promise<LibraryComponent[]> {
    return (await this.call<{ components: LibraryComponent[] }>('/components'))
      .components;
  }

  async publishTargets(): Promise<PublishTarget[]> {
    return (await this.call<{ targets: PublishTarget[] }>('/publish-targets'))
      .targets;
  }

  localName(name: string) {
    return this.call<{ available: boolean; reason?: string; path: string }>(
      `/publish-targets/local/${encodeURIComponent(name)}`,
    );
  }

  stack(system: CompoundEntityRef): Promise<ExistingStack> {
    return this.call(this.stackPath(system));
  }

  async changes(system: CompoundEntityRef): Promise<StackChange[]> {
    return (
      await this.call<{ changes: StackChange[] }>(
        this.stackPath(system, 'changes'),
      )
    ).changes;
  }

  change(system: CompoundEntityRef, branch: string): Promise<StackChange> {
    return this.call(
      `${this.stackPath(system, 'changes', 'diff')}?branch=${encodeURIComponent(
        branch,
      )}`,
    );
  }

  merge(system: CompoundEntityRef, branch: string) {
    return this.call<{ commit: string; fastForward: boolean }>(
      this.stackPath(system, 'changes', 'merge'),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ branch }),
      },
    );
  }

  plan(choice: StackChoice): Promise<StackPlanPreview> {
    return this.call('/plan', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(choice),
    });
  }

  status(entity: CompoundEntityRef): Promise<StackStatusResponse> {
    return this.call(this.entityPath(entity, 'status'));
  }

  metrics(entity: CompoundEntityRef): Promise<StackMetricsResponse> {
    return this.call(this.entityPath(entity, 'metrics'));
  }

  queryCatalogs(
    entity: CompoundEntityRef,
  ): Promise<StackQueryCatalogsResponse> {
    return this.call(this.entityPath(entity, 'query-catalogs'));
  }

  catalogSchemas(
    entity: CompoundEntityRef,
    engine: string,
    catalog: string,
  ): Promise<CatalogSchemasResponse> {
    return this.call(
      this.entityPath(entity, 'query-catalogs', engine, catalog, 'schemas'),
    );
  }
}
