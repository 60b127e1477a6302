import {
  ANNOTATION_LOCATION,
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { STACK_ANNOTATION } from '@big-data-stack/backstage-plugin-data-stack-common';

/**
 * Which catalog entities belong to a stack. The annotation alone proves
 * nothing (anyone who can register a catalog file can write it), and
 * neither does `spec.system`, nor the System's `hasPart` relations, which
 * the catalog derives from any entity's `spec.system`
 * (BuiltinKindsEntityProcessor in backstage/backstage). What a stranger
 * cannot forge is the file an entity was read from: the catalog overwrites
 * `backstage.io/managed-by-location` with it (ProcessorOutputCollector in
 * backstage/backstage), and `datastack render` writes a stack's System and
 * its components into one catalog-info.yaml.
 */

/** The ref of a stack's System: `datastack render` names it after the stack, in the default namespace. */
export const stackSystemRef = (stack: string) =>
  `system:${DEFAULT_NAMESPACE}/${stack}`;

/** An entity's ref, lower case: the catalog compares refs case-insensitively. */
const refKey = (entity: Entity) => stringifyEntityRef(entity);

const isKind = (entity: Entity, ...kinds: string[]) =>
  kinds.includes(entity.kind.toLowerCase());

/** `spec.system` as a full ref (it may omit kind and namespace), or undefined. */
function systemOf(entity: Entity): string | undefined {
  const system = entity.spec?.system;
  if (typeof system !== 'string') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(system, {
        defaultKind: 'system',
        defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
      }),
    );
  } catch {
    return undefined;
  }
}

/** Why `entity` is not the System of `stack`, or undefined if it is. */
function notTheSystem(stack: string, entity: Entity): string | undefined {
  if (entity.metadata.annotations?.[STACK_ANNOTATION] !== stack)
    return `${refKey(entity)} does not carry ${STACK_ANNOTATION}: ${stack}`;
  if (refKey(entity) !== stackSystemRef(stack))
    return `${refKey(
      entity,
    )} claims stack ${stack}, whose System is ${stackSystemRef(stack)}`;
  return undefined;
}

/**
 * Why `entity` is not a member of the stack whose System is `system`, or
 * undefined if it is: a Component or Resource carrying the same stack
 * annotation, whose `spec.system` is that System, read from the System's
 * own catalog file.
 */
function notAMember(
  stack: string,
  system: Entity,
  entity: Entity,
): string | undefined {
  const ref = refKey(entity);
  if (!isKind(entity, 'component', 'resource'))
    return `${ref} is neither a Component nor a Resource`;
  if (entity.metadata.annotations?.[STACK_ANNOTATION] !== stack)
    return `${ref} does not carry ${STACK_ANNOTATION}: ${stack}`;
  if (systemOf(entity) !== refKey(system))
    return `${ref} is not part of ${refKey(system)} (spec.system)`;
  const location = system.metadata.annotations?.[ANNOTATION_LOCATION];
  if (
    !location ||
    entity.metadata.annotations?.[ANNOTATION_LOCATION] !== location
  )
    return `${ref} was not read from the catalog file of ${refKey(
      system,
    )} (${ANNOTATION_LOCATION})`;
  return undefined;
}

/** Why `entity` is neither the stack's System nor a member, or undefined. */
function outside(stack: string, system: Entity | undefined, entity: Entity) {
  if (!system) return `stack ${stack} has no System ${stackSystemRef(stack)}`;
  return isKind(entity, 'system')
    ? notTheSystem(stack, entity)
    : notAMember(stack, system, entity);
}

/** The entities that claim a stack, sorted out. */
export interface StackMembers {
  /** The stack's System, if the catalog has it. */
  system?: Entity;
  /** Its Components and Resources, by ref. */
  members: Map<string, Entity>;
  /** Every other claimant, by ref: why it is neither. */
  outsiders: Map<string, string>;
}

/** Sorts out the entities whose annotation names the stack. */
export function stackMembers(stack: string, claimants: Entity[]): StackMembers {
  const system = claimants.find(e => !notTheSystem(stack, e));
  const members = new Map<string, Entity>();
  const outsiders = new Map<string, string>();
  for (const entity of claimants) {
    if (entity === system) continue;
    const why = outside(stack, system, entity);
    if (why) outsiders.set(refKey(entity), why);
    else members.set(refKey(entity), entity);
  }
  return { system, members, outsiders };
}
