import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  COMPONENT_ANNOTATION,
  ComponentDescriptor,
  ComponentLink,
  KUBERNETES_NAMESPACE_ANNOTATION,
  STACK_ANNOTATION,
  ComponentLibrary,
  dnsLabel,
} from '@big-data-stack/backstage-plugin-data-stack-common';
import type { StatusConfig } from '../config/statusConfig';
import type { StackRef } from './endpoints';

/** A stack entity, turned into what the backend may address. */
export interface StackTarget {
  stack: StackRef;
  /** The components to look at: the one of a component entity, or all of the stack's. */
  components: ComponentDescriptor[];
  /** Every component of the stack (its Prometheus answers a component's metrics). */
  stackComponents: ComponentDescriptor[];
  /** Component ids the catalog names but this backend's library lacks. */
  unknown: string[];
  /** The catalog entity of each component id, and its links. */
  entities: Map<string, { entityRef: string; links: ComponentLink[] }>;
}

/** The component id and links of a catalog entity of a stack. */
function componentEntity(entity: Entity) {
  const id = entity.metadata.annotations?.[COMPONENT_ANNOTATION];
  const links = (entity.metadata.links ?? []).flatMap(l =>
    typeof l.url === 'string' && /^https?:\/\//.test(l.url)
      ? [{ title: l.title ?? l.url, url: l.url }]
      : [],
  );
  return { id, entityRef: stringifyEntityRef(entity), links };
}

const isLabel = (value: unknown): value is string =>
  dnsLabel.safeParse(value).success;

/**
 * Checks catalog read permission on the entity, reads it with the caller's
 * credentials, and takes only validated names from it: the stack name, the
 * namespace, and component ids that must be in the library. Endpoints are
 * derived from these later; nothing here becomes a URL.
 */
export async function resolveStackTarget(
  ref: CompoundEntityRef,
  credentials: BackstageCredentials,
  deps: {
    catalog: CatalogService;
    permissions: PermissionsService;
    library: ComponentLibrary;
    config: StatusConfig;
  },
): Promise<StackTarget> {
  const entityRef = stringifyEntityRef(ref);
  // Both at once (one round trip less); nothing of the entity is used
  // before the decision is known.
  const [[decision], entity] = await Promise.all([
    deps.permissions.authorize(
      [{ permission: catalogEntityReadPermission, resourceRef: entityRef }],
      { credentials },
    ),
    deps.catalog.getEntityByRef(entityRef, { credentials }),
  ]);
  if (decision.result !== AuthorizeResult.ALLOW)
    throw new NotAllowedError(`not allowed to read ${entityRef}`);
  if (!entity) throw new NotFoundError(`no entity ${entityRef}`);
  const annotations = entity.metadata.annotations ?? {};
  const name = annotations[STACK_ANNOTATION];
  if (!name)
    throw new NotFoundError(
      `${entityRef} has no ${STACK_ANNOTATION} annotation`,
    );
  if (!isLabel(name))
    throw new NotFoundError(
      `${entityRef}: ${STACK_ANNOTATION} '${name}' is not a stack name (a DNS-1123 label)`,
    );
  const annotatedNamespace = annotations[KUBERNETES_NAMESPACE_ANNOTATION];
  const namespace =
    deps.config.stacks.get(name)?.namespace ??
    (isLabel(annotatedNamespace) ? annotatedNamespace : name);

  // Every entity of the stack: a component's page needs the stack's
  // Prometheus too, and the catalog's links of each component.
  const { items } = await deps.catalog.getEntities(
    {
      filter: {
        [`metadata.annotations.${STACK_ANNOTATION}`]: name,
        'metadata.namespace': entity.metadata.namespace ?? 'default',
      },
      fields: ['kind', 'metadata'],
    },
    { credentials },
  );
  const entities = new Map<
    string,
    { entityRef: string; links: ComponentLink[] }
  >();
  for (const member of [entity, ...items]) {
    const { id, ...rest } = componentEntity(member);
    if (id !== undefined && !entities.has(id)) entities.set(id, rest);
  }
  const descriptorOf = (id: string) =>
    isLabel(id) ? deps.library.components.get(id) : undefined;
  const own = annotations[COMPONENT_ANNOTATION];
  const shown = (own !== undefined ? [own] : [...entities.keys()]).sort();
  return {
    stack: { name, namespace },
    components: shown.flatMap(id => descriptorOf(id) ?? []),
    stackComponents: [...entities.keys()].flatMap(id => descriptorOf(id) ?? []),
    unknown: shown
      .filter(id => !descriptorOf(id))
      .map(id => (isLabel(id) ? id : JSON.stringify(id).slice(0, 70))),
    entities,
  };
}
