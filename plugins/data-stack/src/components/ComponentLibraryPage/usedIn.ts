import {
  DEFAULT_NAMESPACE,
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { COMPONENT_ANNOTATION } from '@big-data-stack/backstage-plugin-data-stack-common';

/**
 * Component id → the Systems (entity refs) whose stacks hold it, from the
 * entities the catalog renderer annotates with the component id.
 */
export function systemsByComponent(entities: Entity[]): Map<string, string[]> {
  const systems = new Map<string, Set<string>>();
  for (const entity of entities) {
    const id = entity.metadata.annotations?.[COMPONENT_ANNOTATION];
    const system = entity.spec?.system;
    if (!id || typeof system !== 'string') continue;
    let ref: string;
    try {
      // `spec.system` may omit kind and namespace, as the catalog reads it.
      ref = stringifyEntityRef(
        parseEntityRef(system, {
          defaultKind: 'system',
          defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
        }),
      );
    } catch {
      continue;
    }
    systems.set(id, (systems.get(id) ?? new Set()).add(ref));
  }
  return new Map([...systems].map(([id, refs]) => [id, [...refs].sort()]));
}
