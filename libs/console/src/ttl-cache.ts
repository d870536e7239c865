import { LRUCache } from 'lru-cache';

/**
 * Memoizes an async read for a few seconds. Concurrent requests for the same key share one read
 * (a burst on the runs page costs one DynamoDB query per TTL), and nothing is served older than
 * `ttlMs`. Failures are not cached.
 */
export class TtlCache<V extends object> {
  private readonly cache: LRUCache<string, V, () => Promise<V>>;

  constructor(readonly ttlMs: number, maxEntries = 500) {
    this.cache = new LRUCache<string, V, () => Promise<V>>({
      max: maxEntries,
      ttl: ttlMs,
      // fetchMethod dedupes in-flight reads for a key.
      fetchMethod: (_key, _stale, { context }) => context(),
    });
  }

  async get(key: string, read: () => Promise<V>): Promise<V> {
    const value = await this.cache.fetch(key, { context: read });
    if (value === undefined) throw new Error(`cache read of ${key} returned nothing`);
    return value;
  }
}
