// Tenant (`t:{tenantId}:`) and platform (`p:`) JSON caches that degrade to misses when Redis fails.
import type { Redis } from "ioredis";

export type JsonCache = {
  /** JSON-decoded value; undefined on a miss (and when Redis is unavailable). */
  get<T>(key: string): Promise<T | undefined>;
  /** Several values in one round trip (MGET), in the keys' order; misses are undefined. */
  getMany<T>(keys: string[]): Promise<(T | undefined)[]>;
  /** Stores `value` as JSON for `ttlSeconds`; a Redis failure goes to onError, not thrown. */
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  /**
   * Returns the cached value, or calls load(), caches its result (unless undefined) for
   * ttlSeconds, and returns it. Falls back to load() when Redis is unavailable.
   */
  getOrLoad<T>(
    key: string,
    ttlSeconds: number,
    load: () => Promise<T | undefined>,
  ): Promise<T | undefined>;
  /** Deletes the keys; a Redis failure is reported to onError, not thrown. */
  del(...keys: string[]): Promise<void>;
  /**
   * Deletes every key under this cache's namespace (optionally under a sub-prefix) with SCAN +
   * UNLINK — never KEYS. Returns how many keys were deleted. Unlike the other methods it throws
   * when Redis fails: a purge is a deliberate step whose caller must know it did not happen.
   */
  purge(subPrefix?: string): Promise<number>;
};

export type JsonCacheOptions = {
  /** Called with every Redis error the cache swallowed, so the caller can log it. */
  onError?: (error: Error) => void;
  /** How long one Redis command may take before it counts as failed (default 200). */
  timeoutMs?: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Glob characters would let a key (or a purge sub-prefix, which becomes a SCAN MATCH pattern) reach
// beyond its namespace; whitespace is never intended in a key.
const UNSAFE_KEY = /[*?[\]\\\s]/;
const SCAN_BATCH = 500;

/**
 * The cache of one tenant: every key lives under `t:{tenantId}:`, so a tenant's entries can never
 * be read as another's and can be purged together. Throws when `tenantId` is not a UUID.
 *
 * @example
 * const cache = tenantCache(redis, ctx.tenant.id, { onError: (error) => log.warn({ error }) });
 * const settings = await cache.getOrLoad("settings", 300, () => loadSettings(db));
 * await cache.del("settings"); // after a change
 */
export function tenantCache(
  redis: Redis,
  tenantId: string,
  options: JsonCacheOptions = {},
): JsonCache {
  if (typeof tenantId !== "string" || !UUID.test(tenantId)) {
    throw new Error(`tenantCache needs a tenant id that is a UUID, got "${String(tenantId)}"`);
  }
  // Lower-case so that one tenant never gets two namespaces from differently cased ids.
  return jsonCache(redis, `t:${tenantId.toLowerCase()}:`, options);
}

/**
 * The platform cache, under `p:`: lookups made before a tenant is known (a tenant id by slug or
 * custom domain, a user's profile). Never put tenant-owned data here.
 *
 * @example
 * const cache = platformCache(redis);
 * const tenantId = await cache.getOrLoad(`tenant-by-slug:${slug}`, 60, () => findTenantId(slug));
 */
export function platformCache(redis: Redis, options: JsonCacheOptions = {}): JsonCache {
  return jsonCache(redis, "p:", options);
}

function jsonCache(redis: Redis, namespace: string, options: JsonCacheOptions): JsonCache {
  if (redis.options.keyPrefix) {
    // SCAN returns prefixed names that UNLINK would prefix again, so purge would delete nothing.
    throw new Error("The JSON cache needs a Redis client without keyPrefix");
  }
  const timeoutMs = options.timeoutMs ?? 200;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0) {
    throw new Error(`Cache option "timeoutMs" must be a positive integer, got ${timeoutMs}`);
  }
  const report = (error: unknown) => {
    options.onError?.(error instanceof Error ? error : new Error(String(error)));
  };
  const fullKey = (key: string) => namespace + checkKey(key);
  const call = <T>(command: Promise<T>) => withTimeout(command, timeoutMs);

  const cache: JsonCache = {
    async get<T>(key: string) {
      const name = fullKey(key);
      let raw: string | null;
      try {
        raw = await call(redis.get(name));
      } catch (error) {
        report(error);
        return undefined;
      }
      if (raw === null) return undefined;
      try {
        return JSON.parse(raw) as T;
      } catch (error) {
        // Not written by this cache (or truncated): treat it as a miss so it gets reloaded.
        report(error);
        return undefined;
      }
    },

    async getMany<T>(keys: string[]) {
      if (keys.length === 0) return [];
      const names = keys.map(fullKey);
      let raw: (string | null)[];
      try {
        raw = await call(redis.mget(...names));
      } catch (error) {
        report(error);
        return keys.map(() => undefined);
      }
      return raw.map((value) => {
        if (value === null) return undefined;
        try {
          return JSON.parse(value) as T;
        } catch (error) {
          report(error);
          return undefined;
        }
      });
    },

    async set(key, value, ttlSeconds) {
      const name = fullKey(key);
      checkTtl(ttlSeconds);
      const json = JSON.stringify(value);
      if (json === undefined) {
        throw new Error(`Cache value for "${key}" is not JSON (undefined or a function)`);
      }
      try {
        await call(redis.set(name, json, "EX", ttlSeconds));
      } catch (error) {
        report(error);
      }
    },

    async getOrLoad<T>(key: string, ttlSeconds: number, load: () => Promise<T | undefined>) {
      checkTtl(ttlSeconds);
      const cached = await cache.get<T>(key);
      if (cached !== undefined) return cached;
      const value = await load();
      // undefined means "nothing to cache"; null is a value, which lets callers cache a not-found.
      if (value !== undefined) await cache.set(key, value, ttlSeconds);
      return value;
    },

    async del(...keys) {
      if (keys.length === 0) return;
      const names = keys.map(fullKey);
      try {
        // UNLINK frees memory off the main thread, so a large value does not stall Redis.
        await call(redis.unlink(...names));
      } catch (error) {
        report(error);
      }
    },

    async purge(subPrefix = "") {
      if (subPrefix !== "") checkKey(subPrefix);
      const pattern = `${namespace}${subPrefix}*`;
      let deleted = 0;
      let cursor = "0";
      // SCAN walks the keyspace in batches instead of blocking Redis the way KEYS does.
      do {
        const [next, names] = await call(redis.scan(cursor, "MATCH", pattern, "COUNT", SCAN_BATCH));
        cursor = next;
        if (names.length > 0) deleted += await call(redis.unlink(...names));
      } while (cursor !== "0");
      return deleted;
    },
  };
  return cache;
}

function checkKey(key: string): string {
  if (typeof key !== "string" || key.length === 0) {
    throw new Error("Cache key must be a non-empty string");
  }
  if (UNSAFE_KEY.test(key)) {
    throw new Error(`Cache key "${key}" must not contain *, ?, [, ], \\ or whitespace`);
  }
  if (key.startsWith("t:") || key.startsWith("p:")) {
    throw new Error(`Cache key "${key}" must not start with a namespace (t: or p:)`);
  }
  return key;
}

function checkTtl(ttlSeconds: number): void {
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new Error(`Cache ttlSeconds must be a positive integer, got ${ttlSeconds}`);
  }
}

/** Rejects when `promise` has not settled after `ms`; a late rejection is swallowed. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  promise.catch(() => {});
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms}ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
