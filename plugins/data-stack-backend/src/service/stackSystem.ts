import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { STACK_ANNOTATION } from '@big-data-stack/backstage-plugin-data-stack-common';

const entityNames = makeValidator();

/**
 * A data stack's System, read with the caller's own credentials, so the
 * catalog's read permission decides; one the caller may not see is as
 * missing as one that does not exist.
 */
export async function readStackSystem(
  catalog: CatalogService,
  ref: { namespace: string; name: string } | string,
  credentials: BackstageCredentials,
): Promise<Entity> {
  let parts: { namespace: string; name: string };
  try {
    parts =
      typeof ref === 'string'
        ? parseEntityRef(ref, { defaultKind: 'System' })
        : ref;
  } catch {
    throw new InputError('not a catalog entity reference');
  }
  if (
    !entityNames.isValidNamespace(parts.namespace) ||
    !entityNames.isValidEntityName(parts.name) ||
    (typeof ref === 'string' &&
      parseEntityRef(ref, { defaultKind: 'System' }).kind.toLowerCase() !==
        'system')
  )
    throw new InputError('not the reference of a System');
  const entityRef = stringifyEntityRef({ kind: 'System', ...parts });
  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  if (!entity?.metadata.annotations?.[STACK_ANNOTATION])
    throw new NotFoundError(`${entityRef} is not a data stack in the catalog`);
  return entity;
}
