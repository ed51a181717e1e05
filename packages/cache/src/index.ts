// @supportdesk/cache: Redis connections (ioredis) and the checks the platform needs of the server.
import { Redis, type RedisOptions } from "ioredis";

export type { Redis } from "ioredis";
export {
  createLocalRateLimiter,
  type LocalRateLimiterOptions,
} from "./local-rate-limit";
export {
  createRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
  type RateLimitOptions,
  type RateLimitResult,
  RateLimitUnavailableError,
} from "./rate-limit";
export { type JsonCache, type JsonCacheOptions, platformCache, tenantCache } from "./tenant-cache";

/**
 * A Redis connection that reconnects by itself (backoff capped at 2 s) and fails commands fast
 * while disconnected instead of queueing them forever.
 *
 * @example
 * const redis = createRedis(env().REDIS_URL, { name: "server" });
 */
export function createRedis(url: string, options: RedisOptions & { name?: string } = {}): Redis {
  const { name, ...rest } = options;
  return new Redis(url, {
    connectionName: name ? `supportdesk:${name}` : "supportdesk",
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    lazyConnect: false,
    ...rest,
  });
}

export type EvictionCheck =
  | { ok: true; policy: "noeviction" }
  | { ok: false; policy: string; warning: string };

/**
 * BullMQ needs `maxmemory-policy noeviction`: under any other policy Redis may evict queued jobs
 * when memory fills. Servers and workers call this at start and log the warning when not ok.
 */
export async function checkEvictionPolicy(redis: Redis): Promise<EvictionCheck> {
  const reply = (await redis.config("GET", "maxmemory-policy")) as string[];
  const policy = reply[1] ?? "unknown";
  if (policy === "noeviction") return { ok: true, policy };
  return {
    ok: false,
    policy,
    warning: `Redis maxmemory-policy is "${policy}", not "noeviction": queued jobs may be evicted and lost when Redis fills. Set \`maxmemory-policy noeviction\` in redis.conf (or CONFIG SET).`,
  };
}
