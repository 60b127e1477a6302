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
