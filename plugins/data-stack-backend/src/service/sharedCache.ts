import type { CacheService } from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';
import type { StackRef } from './endpoints';

/** A cache key for one answer about a stack: `<kind>:<stack>:<namespace>:<parts>`. */
export const stackKey = (kind: string, stack: StackRef, ...parts: string[]) =>
  [kind, stack.name, stack.namespace, ...parts].join(':');

/**
 * `coreServices.cache` plus single flight: concurrent requests for a key
 * that is not cached wait for one load instead of starting their own, so
 * any number of viewers cause at most one upstream call per key and TTL.
 */
export class SharedCache {
  private readonly inFlight = new Map<string, Promise<JsonValue>>();

  constructor(
    private readonly cache: CacheService,
    private readonly ttlMs: number,
  ) {}

  /** `T` must be JSON: the cache may live in Redis or a database. */
  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const pending = this.inFlight.get(key);
    if (pending) return pending as Promise<T>;
    const loading = (async () => {
      const cached = await this.cache.get(key);
      if (cached !== undefined) return cached;
      const value = (await load()) as JsonValue;
      await this.cache.set(key, value, { ttl: this.ttlMs });
      return value;
    })().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, loading);
    return loading as Promise<T>;
  }
}
