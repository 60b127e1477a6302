import type { Entity } from '@backstage/catalog-model';
import {
  COMPONENT_ANNOTATION,
  QUERY_CATALOGS_ANNOTATION,
  STACK_ANNOTATION,
} from '@big-data-stack/backstage-plugin-data-stack-common';

const annotation = (entity: Entity, name: string) =>
  entity.metadata.annotations?.[name];

/** A stack's System, as `datastack render` writes it: the tab goes there. */
export function isDataStackSystem(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() === 'system' &&
    Boolean(annotation(entity, STACK_ANNOTATION))
  );
}

/** A Component or Resource of a stack: the status card goes there. */
export function isDataStackComponent(entity: Entity): boolean {
  return (
    ['component', 'resource'].includes(entity.kind.toLowerCase()) &&
    Boolean(annotation(entity, STACK_ANNOTATION)) &&
    Boolean(annotation(entity, COMPONENT_ANNOTATION))
  );
}

/**
 * A query engine's entity (its descriptor lists SQL catalogs, so the
 * catalog renderer annotated it): the query-catalogs card goes there too.
 */
export function isQueryEngine(entity: Entity): boolean {
  return (
    isDataStackComponent(entity) &&
    Boolean(annotation(entity, QUERY_CATALOGS_ANNOTATION))
  );
}
