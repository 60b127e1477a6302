import type { CacheService } from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';
import type { StackRef } from './endpoints';

/** A cache key for one answer about a stack: `<kind>:<stack>:<namespace>:<parts>`. */
export const stackKey = (kind: string, stack: StackRef, ...parts: string[]) =>
  [kind, stack.name, stack.namespace, ...parts].join(':');

/** Expired answers are swept from the in-process copy beyond this many keys. */
const SWEEP_ABOVE = 1000;

/**
 * `coreServices.cache` plus single flight: concurrent requests for a key
 * that is not cached wait for one load instead of starting their own, so
 * any number of viewers cause at most one upstream call per key and TTL.
 *
 * What this process loaded itself it also keeps as the object, until the
 * same expiry it gave the shared cache: reading it back would parse it
 * anew for every request (the memory store keeps it serialised), which
 * under load cost about a tenth of the backend's CPU. Answers are shared
 * between callers, so nobody may modify one.
 */
export class SharedCache {
  private readonly inFlight = new Map<string, Promise<JsonValue>>();
  private readonly loaded = new Map<
    string,
    { value: JsonValue; expires: number }
  >();

  constructor(
    private readonly cache: CacheService,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** `T` must be JSON: the cache may live in Redis or a database. */
  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const own = this.loaded.get(key);
    if (own && own.expires > this.now()) return own.value as T;
    const pending = this.inFlight.get(key);
    if (pending) return pending as Promise<T>;
    const loading = (async () => {
      const cached = await this.cache.get(key);
      if (cached !== undefined) return cached;
      const value = (await load()) as JsonValue;
      await this.cache.set(key, value, { ttl: this.ttlMs });
      this.keep(key, value);
      return value;
    })().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, loading);
    return loading as Promise<T>;
  }

  private keep(key: string, value: JsonValue) {
    const now = this.now();
    if (this.loaded.size >= SWEEP_ABOVE)
      for (const [k, { expires }] of this.loaded)
        if (expires <= now) this.loaded.delete(k);
    this.loaded.set(key, { value, expires: now + this.ttlMs });
  }
}
