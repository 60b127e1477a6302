import type { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  PlanRequest,
  catalogSchemasResponseSchema,
  componentsResponseSchema,
  existingStackSchema,
  localNameResponseSchema,
  mergeResponseSchema,
  publishTargetsResponseSchema,
  stackChangeSchema,
  stackChangesResponseSchema,
  stackMetricsResponseSchema,
  stackPlanPreviewSchema,
  stackQueryCatalogsResponseSchema,
  stackStatusResponseSchema,
  stacksOverviewResponseSchema,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import type { DataStackApi } from './DataStackApi';

/** An answer of the backend that is not what its route answers. */
export class DataStackResponseError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = 'DataStackResponseError';
  }
}

/**
 * What the client needs of an answer's zod schema (data-stack-common's),
 * without a zod dependency of its own.
 */
interface AnswerSchema<T> {
  safeParse(value: unknown):
    | { success: true; data: T }
    | {
        success: false;
        error: { issues: { path: PropertyKey[]; message: string }[] };
      };
}

/** Talks to the data stack backend through discovery and the authenticated fetch. */
export class DataStackClient implements DataStackApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  /** The route's answer, checked against its schema. */
  private async call<T>(
    path: string,
    schema: AnswerSchema<T>,
    init?: RequestInit,
  ): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl('data-stack');
    const res = await this.deps.fetchApi.fetch(`${base}${path}`, init);
    // Backstage's error body, its status and the backend's error as `cause`.
    if (!res.ok) throw await ResponseError.fromResponse(res);
    const body = await res.json().catch(() => undefined);
    const answer = schema.safeParse(body);
    if (!answer.success) {
      const [issue] = answer.error.issues;
      throw new DataStackResponseError(
        `the data stack backend answered ${path} with something else than expected (${issue.path.join(
          '.',
        )}: ${issue.message})`,
        res.status,
      );
    }
    return answer.data;
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

  private post<T>(path: string, schema: AnswerSchema<T>, body: unknown) {
    return this.call(path, schema, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  async components() {
    return (await this.call('/components', componentsResponseSchema))
      .components;
  }

  async publishTargets() {
    return (await this.call('/publish-targets', publishTargetsResponseSchema))
      .targets;
  }

  localName(name: string) {
    return this.call(
      `/publish-targets/local/${encodeURIComponent(name)}`,
      localNameResponseSchema,
    );
  }

  async stacks() {
    return (await this.call('/stacks', stacksOverviewResponseSchema)).stacks;
  }

  stack(system: CompoundEntityRef) {
    return this.call(this.stackPath(system), existingStackSchema);
  }

  async changes(system: CompoundEntityRef) {
    return (
      await this.call(
        this.stackPath(system, 'changes'),
        stackChangesResponseSchema,
      )
    ).changes;
  }

  change(system: CompoundEntityRef, branch: string) {
    return this.call(
      `${this.stackPath(system, 'changes', 'diff')}?branch=${encodeURIComponent(
        branch,
      )}`,
      stackChangeSchema,
    );
  }

  merge(system: CompoundEntityRef, branch: string) {
    return this.post(
      this.stackPath(system, 'changes', 'merge'),
      mergeResponseSchema,
      { branch },
    );
  }

  plan(request: PlanRequest) {
    return this.post('/plan', stackPlanPreviewSchema, request);
  }

  status(entity: CompoundEntityRef) {
    return this.call(
      this.entityPath(entity, 'status'),
      stackStatusResponseSchema,
    );
  }

  metrics(entity: CompoundEntityRef) {
    return this.call(
      this.entityPath(entity, 'metrics'),
      stackMetricsResponseSchema,
    );
  }

  queryCatalogs(entity: CompoundEntityRef) {
    return this.call(
      this.entityPath(entity, 'query-catalogs'),
      stackQueryCatalogsResponseSchema,
    );
  }

  catalogSchemas(entity: CompoundEntityRef, engine: string, catalog: string) {
    return this.call(
      this.entityPath(entity, 'query-catalogs', engine, catalog, 'schemas'),
      catalogSchemasResponseSchema,
    );
  }
}
