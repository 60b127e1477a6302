import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { STACK_ANNOTATION } from '@big-data-stack/backstage-plugin-data-stack-common';
import { StackMembers, stackMembers } from './stackMembership';
import { TtlCache } from './ttlCache';

/** What the stack routes read of an entity. */
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
  'metadata.links',
  'spec.system',
];

/**
 * The catalog as the stack routes need it, read with the plugin's own
 * credentials and kept for `ttlMs`, so that a viewer's request costs no
 * catalog round trip. Nothing read here is shown to a caller before the
 * caller's own read permission on it is checked (stackSubject.ts): the
 * cache holds who belongs to a stack, never who may see it.
 */
export class StackCatalog {
  private readonly claims: TtlCache<{ found: boolean; stack?: string }>;
  private readonly stacks: TtlCache<StackMembers>;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    ttlMs: number,
  ) {
    this.claims = new TtlCache(ttlMs, 1000);
    this.stacks = new TtlCache(ttlMs, 200);
  }

  /** Whether the entity exists, and the stack its annotation names. */
  claim(entityRef: string): Promise<{ found: boolean; stack?: string }> {
    return this.claims.get(entityRef, async () => {
      const entity = await this.catalog.getEntityByRef(entityRef, {
        credentials: await this.auth.getOwnServiceCredentials(),
      });
      return {
        found: entity !== undefined,
        stack: entity?.metadata.annotations?.[STACK_ANNOTATION],
      };
    });
  }

  /**
   * The entities whose annotation names the stack, sorted out once per
   * read. The catalog matches filter values case-insensitively;
   * stackMembership.ts compares exactly.
   */
  members(stack: string): Promise<StackMembers> {
    return this.stacks.get(stack, async () => {
      const { items } = await this.catalog.getEntities(
        {
          filter: { [`metadata.annotations.${STACK_ANNOTATION}`]: stack },
          fields: FIELDS,
        },
        { credentials: await this.auth.getOwnServiceCredentials() },
      );
      return stackMembers(stack, items);
    });
  }
}
