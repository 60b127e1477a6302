import type { AuthService } from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
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
  /** Every stack's claimants, by the annotation's value in lower case. */
  private readonly everyStack: TtlCache<Map<string, Entity[]>>;

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    ttlMs: number,
  ) {
    this.claims = new TtlCache(ttlMs, 1000);
    this.stacks = new TtlCache(ttlMs, 200);
    this.everyStack = new TtlCache(ttlMs, 1);
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

  /**
   * Keeps what `members` would answer for each of `stacks`, and what
   * `claim` would for their Systems, read in one catalog query. The Data
   * stacks page resolves every stack at once: with 50 stacks, reading each
   * on its own was 100 catalog calls a view (scripts/bench/stacksPage.ts).
   */
  async readStacks(stacks: string[]): Promise<void> {
    const claimants = () => this.everyStack.get('', () => this.claimants());
    await Promise.all(
      stacks.map(async stack => {
        const { system } = await this.stacks.get(stack, async () =>
          // Grouped as the catalog matches a filter value: ignoring case.
          stackMembers(
            stack,
            (await claimants()).get(stack.toLowerCase()) ?? [],
          ),
        );
        if (system)
          await this.claims.get(stringifyEntityRef(system), async () => ({
            found: true,
            stack: system.metadata.annotations?.[STACK_ANNOTATION],
          }));
      }),
    );
  }

  private async claimants(): Promise<Map<string, Entity[]>> {
    const { items } = await this.catalog.getEntities(
      {
        filter: {
          [`metadata.annotations.${STACK_ANNOTATION}`]: CATALOG_FILTER_EXISTS,
        },
        fields: FIELDS,
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const byStack = new Map<string, Entity[]>();
    for (const entity of items) {
      const stack = entity.metadata.annotations?.[STACK_ANNOTATION];
      if (typeof stack !== 'string') continue;
      const key = stack.toLowerCase();
      if (!byStack.has(key)) byStack.set(key, []);
      byStack.get(key)!.push(entity);
    }
    return byStack;
  }
}
