import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Waits until the catalog has an entity, so the task's "open in the
 * catalog" link works when the task ends. Returns false after `timeoutMs`.
 */
export async function waitForEntity(options: {
  catalog: CatalogService;
  entityRef: string;
  credentials: () => Promise<BackstageCredentials>;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const entity = await options.catalog.getEntityByRef(options.entityRef, {
      credentials: await options.credentials(),
    });
    if (entity) return true;
    if (Date.now() > deadline || options.signal?.aborted) return false;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
