import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  type Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  type ComponentStatus,
  type HealthRollup,
  STACK_ANNOTATION,
  type StackOverview,
  type StacksOverviewResponse,
  dnsLabel,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import {
  type LoadedLibrary,
  stackRepositoryOf,
} from '@big-data-stack/backstage-plugin-data-stack-node';
import type { StatusConfig } from '../config/statusConfig';
import { type Authorizer, batchedPermissions } from './batchedPermissions';
import type { StackCatalog } from './stackCatalog';
import type { StackSpecReader } from './stackSpecReader';
import { resolveStackSubject } from './stackSubject';
import type { StatusService } from './statusService';

/** What the Data stacks page needs of the backend's services. */
export interface StacksOverviewDeps {
  catalog: CatalogService;
  stacks: StackCatalog;
  permissions: PermissionsService;
  library: () => Promise<LoadedLibrary>;
  statusConfig: StatusConfig;
  /** The shared, cached status service: a page view probes nothing the cache holds. */
  status: StatusService;
  specs: StackSpecReader;
  config: Config;
}

const TECHDOCS_ANNOTATIONS = [
  'backstage.io/techdocs-ref',
  'backstage.io/techdocs-entity',
];

/** Up, down or unknown, counted over a stack's components. */
export function healthRollup(components: ComponentStatus[]): HealthRollup {
  const rollup = { up: 0, down: 0, unknown: 0 };
  for (const c of components) {
    if (c.status === 'healthy') rollup.up += 1;
    else if (c.status === 'unknown') rollup.unknown += 1;
    else rollup.down += 1;
  }
  return rollup;
}

const message = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/**
 * Every data stack the caller may read (the catalog answers with the
 * caller's credentials), each with its owner, its stack.yaml's profile,
 * components and budget, and the health of its components from the status
 * service, whose shared cache answers repeated views without probing again.
 */
export async function stacksOverview(
  credentials: BackstageCredentials,
  deps: StacksOverviewDeps,
): Promise<StacksOverviewResponse> {
  const { items } = await deps.catalog.getEntities(
    {
      filter: {
        kind: 'System',
        [`metadata.annotations.${STACK_ANNOTATION}`]: CATALOG_FILTER_EXISTS,
      },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'metadata.description',
        'metadata.annotations',
        'spec.owner',
      ],
    },
    { credentials },
  );
  const library = await deps.library();
  // Every stack's members in one catalog query, not one query per stack.
  // Should it fail, each stack reads its own below, and a stack that
  // cannot says so in its row.
  await deps.stacks
    .readStacks(
      items.flatMap(entity => {
        const stack = entity.metadata.annotations?.[STACK_ANNOTATION];
        return dnsLabel.safeParse(stack).success ? [stack!] : [];
      }),
    )
    .catch(() => undefined);
  // The stacks' permission checks together, not one call per stack.
  const permissions = batchedPermissions(deps.permissions, credentials);
  const stacks = await Promise.all(
    items.map(entity =>
      overviewOf(entity, credentials, library, { ...deps, permissions }),
    ),
  );
  return { stacks: stacks.sort((a, b) => a.name.localeCompare(b.name)) };
}

async function overviewOf(
  entity: Entity,
  credentials: BackstageCredentials,
  library: LoadedLibrary,
  deps: Omit<StacksOverviewDeps, 'permissions'> & { permissions: Authorizer },
): Promise<StackOverview> {
  const annotations = entity.metadata.annotations ?? {};
  const problems: string[] = [];
  const repository = stackRepositoryOf(entity, deps.config);
  const [status, plan] = await Promise.all([
    resolveStackSubject(getCompoundEntityRef(entity), credentials, {
      stacks: deps.stacks,
      permissions: deps.permissions,
      library,
      config: deps.statusConfig,
    })
      .then(subject => deps.status.stackStatus(subject))
      .catch(error => {
        problems.push(`status: ${message(error)}`);
        return undefined;
      }),
    'problem' in repository
      ? (problems.push(repository.problem), undefined)
      : deps.specs.recentPlan(repository).catch(error => {
          problems.push(`stack.yaml: ${message(error)}`);
          return undefined;
        }),
  ]);
  const total = plan?.budget.total;
  return {
    entityRef: stringifyEntityRef(entity),
    name: entity.metadata.name,
    ...(entity.metadata.title && { title: entity.metadata.title }),
    ...(entity.metadata.description && {
      description: entity.metadata.description,
    }),
    ...(typeof entity.spec?.owner === 'string' && { owner: entity.spec.owner }),
    ...(plan && { profile: plan.profile.id }),
    components:
      plan?.components.map(c => c.id) ??
      status?.components.map(c => c.id) ??
      [],
    ...(total && {
      budget: {
        cpu: total.cpu,
        memoryMi: total.memoryMi,
        diskMi: total.diskMi,
      },
    }),
    health: healthRollup(status?.components ?? []),
    ...(!('problem' in repository) && {
      repository: { type: repository.type, location: repository.location },
    }),
    docs: TECHDOCS_ANNOTATIONS.some(a => annotations[a]),
    ...(problems.length && { problem: problems.join('; ') }),
  };
}
