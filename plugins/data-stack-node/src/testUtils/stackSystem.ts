import type { Entity } from '@backstage/catalog-model';

/**
 * A stack's System as the catalog holds it: the stack annotation, and the
 * location the catalog read it from (`file:` in the stacks folder, or
 * `url:` on a forge), which tells the plugins where its repository is.
 */
export function stackSystemEntity(
  name: string,
  location: string,
  options: { stack?: boolean } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': location,
        ...(options.stack !== false && {
          'datastack.backstage.io/stack': name,
        }),
      },
    },
  };
}

/**
 * A component of a stack as the catalog holds it: a Resource named
 * `<system>-<component>` in the System, with the stack and component
 * annotations, read from the System's own catalog file unless `location`
 * says otherwise (which makes it an outsider, stackMembership.ts in the
 * data stack backend).
 */
export function stackMemberEntity(
  system: Entity,
  component: string,
  options: { stack?: string; location?: string } = {},
): Entity {
  const annotations = system.metadata.annotations ?? {};
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: `${system.metadata.name}-${component}`,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location':
          options.location ?? annotations['backstage.io/managed-by-location'],
        'datastack.backstage.io/stack': options.stack ?? system.metadata.name,
        'datastack.backstage.io/component': component,
      },
    },
    spec: {
      type: 'database',
      owner: 'data-platform',
      system: system.metadata.name,
    },
  };
}
