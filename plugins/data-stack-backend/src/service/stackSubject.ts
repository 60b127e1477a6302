import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
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
import type { Authorizer } from './batchedPermissions';
import type { StackRef } from './endpoints';
import type { StackCatalog } from './stackCatalog';
import { stackSystemRef } from './stackMembership';

/**
 * What a status, metrics or query-catalog request is about: the stack of
 * the entity it names, turned into what the backend may address.
 */
export interface StackSubject {
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
 * The stack of the entity a request names, and what this caller may see
 * of it. Membership comes from the catalog (stackCatalog.ts, the plugin's
 * own reads, cached briefly; the rule is stackMembership.ts); what is
 * shown is decided per request by one permission call for this caller:
 * `catalog.entity.read` on the entity itself (else 403, before anything
 * else is said) and on each member, and members the caller may not read
 * are left out. Only validated names are taken from entities: the stack
 * name, the namespace, and component ids that must be in the library.
 * Endpoints are derived from these later; nothing here becomes a URL.
 */
export async function resolveStackSubject(
  ref: CompoundEntityRef,
  credentials: BackstageCredentials,
  deps: {
    stacks: StackCatalog;
    permissions: Authorizer;
    library: ComponentLibrary;
    config: StatusConfig;
  },
): Promise<StackSubject> {
  // Lower case, as the catalog's refs compare.
  const entityRef = stringifyEntityRef(ref);
  const claim = await deps.stacks.claim(entityRef);
  const name = claim.stack;
  const stack = isLabel(name) ? await deps.stacks.members(name) : undefined;
  const members = [...(stack?.members ?? [])];
  // One permission call: the entity, then each member.
  const decisions = await deps.permissions.authorize(
    [entityRef, ...members.map(([memberRef]) => memberRef)].map(
      resourceRef => ({ permission: catalogEntityReadPermission, resourceRef }),
    ),
    { credentials },
  );
  if (decisions[0].result !== AuthorizeResult.ALLOW)
    throw new NotAllowedError(`not allowed to read ${entityRef}`);
  if (!claim.found) throw new NotFoundError(`no entity ${entityRef}`);
  if (!name)
    throw new NotFoundError(
      `${entityRef} has no ${STACK_ANNOTATION} annotation`,
    );
  if (!isLabel(name) || !stack)
    throw new NotFoundError(
      `${entityRef}: ${STACK_ANNOTATION} '${name}' is not a stack name (a DNS-1123 label)`,
    );
  const { system } = stack;
  if (!system)
    throw new NotFoundError(
      `stack ${name} has no System ${stackSystemRef(name)} in the catalog`,
    );
  const own = stack.members.get(entityRef);
  if (!own && entityRef !== stackSystemRef(name))
    throw new NotFoundError(
      `${entityRef} is not part of stack ${name}: ${
        stack.outsiders.get(entityRef) ??
        `it no longer carries ${STACK_ANNOTATION}: ${name}`
      }`,
    );
  const readable = members.flatMap(([, member], i) =>
    decisions[i + 1].result === AuthorizeResult.ALLOW ? [member] : [],
  );

  const annotatedNamespace =
    system.metadata.annotations?.[KUBERNETES_NAMESPACE_ANNOTATION];
  const namespace =
    deps.config.stacks.get(name)?.namespace ??
    (isLabel(annotatedNamespace) ? annotatedNamespace : name);
  const entities = new Map<
    string,
    { entityRef: string; links: ComponentLink[] }
  >();
  // A component's own entity first: its id may appear twice in a stack.
  for (const member of own ? [own, ...readable] : readable) {
    const { id, ...rest } = componentEntity(member);
    if (id !== undefined && !entities.has(id)) entities.set(id, rest);
  }
  // The library's ids are labels, so a hit is one; any string may be looked up.
  const descriptorOf = (id: string) => deps.library.components.get(id);
  const ownId = own?.metadata.annotations?.[COMPONENT_ANNOTATION];
  const shown = own ? [ownId ?? []].flat() : [...entities.keys()].sort();
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
