// Rate limiting on Redis: a sliding-window counter evaluated atomically by one Lua script.
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import {
  checkRequest,
  createLocalRateLimiter,
  type LocalRateLimiterOptions,
  requirePositiveInteger,
} from "./local-rate-limit";

export type RateLimitResult = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** unix seconds when the window resets */
  reset: number;
  /** seconds to wait, 0 when allowed */
  retryAfter: number;
  /** Where it was counted: Redis, or this process's memory while Redis was unavailable. */
  source: "redis" | "local";
};

export type RateLimitOptions = {
  /** Units allowed per window. */
  limit: number;
  /** Length of the window in seconds. */
  windowSeconds: number;
  /** Units this request uses (default 1), e.g. the size of a batch. */
  cost?: number;
  /**
   * When Redis is unavailable: `"throw"` (default) RateLimitUnavailableError and let the caller
   * fail open or closed, or `"local"`: count in this process's memory instead (see
   * createLocalRateLimiter), for limits that must hold through an outage, such as sign-in.
   */
  onUnavailable?: "throw" | "local";
};

export type RateLimiter = {
  /**
   * Counts `cost` units (default 1) against `key` in a window of `windowSeconds` allowing `limit`.
   * Atomic (one Lua script via EVALSHA), one round trip. A request whose cost does not fit is
   * refused and NOT counted (so a refused batch does not burn the budget). Throws
   * RateLimitUnavailableError when Redis does not answer within `timeoutMs` (default 200ms) —
   * the caller decides to fail open or closed — unless `onUnavailable: "local"`.
   */
  consume(key: string, options: RateLimitOptions): Promise<RateLimitResult>;
  /**
   * What `consume` would answer now, counting nothing: for limits on outcomes, checked before
   * the work and counted after it only when it failed (e.g. wrong passwords).
   */
  peek(key: string, options: RateLimitOptions): Promise<RateLimitResult>;
};

export type RateLimiterOptions = {
  /** Prepended to every key (default `rl:`). */
  prefix?: string;
  /** How long to wait for Redis before throwing RateLimitUnavailableError (default 200). */
  timeoutMs?: number;
  /** The in-process limiter behind `onUnavailable: "local"` (default 10,000 keys). */
  local?: LocalRateLimiterOptions;
};

/**
 * Redis did not answer (down, unreachable, too slow, or replied with an error). The limiter cannot
 * know whether the request is within its limit, so it leaves the choice to the caller: fail open
 * (let the request through, e.g. for reads) or closed (refuse, e.g. for login attempts). Not
 * thrown for a request with `onUnavailable: "local"`, which is counted in memory instead.
 *
 * @example
 * try {
 *   result = await limiter.consume(`ip:${ip}:login`, { limit: 10, windowSeconds: 60 });
 * } catch (error) {
 *   if (error instanceof RateLimitUnavailableError) throw new AppError("UNAVAILABLE", "…");
 *   throw error;
 * }
 */
export class RateLimitUnavailableError extends Error {
  override name = "RateLimitUnavailableError";
}

// Sliding-window counter: one hash per key holds the current fixed window's index (`w`), its count
// (`c`) and the previous window's count (`p`). The estimate weights the previous window by how
// much of it still overlaps the sliding window, which smooths out the double burst a plain fixed
// window allows at its boundary, at the cost of one small hash per key (not one entry per request
// like a sliding log). One key per limit keeps the script Redis Cluster-safe.
// TIME comes from the server so that clients with skewed clocks agree on the windows; Redis >= 5
// replicates script effects, so TIME before a write is allowed.
// Lua numbers become integer replies by truncation, so everything returned is rounded here.
// `decide` in local-rate-limit.ts is the same computation for the in-process fallback.
// ARGV[4] is "1" to count (consume) and "0" to only look (peek).
const SCRIPT = `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local count = ARGV[4] == "1"
local time = redis.call("TIME")
local now = tonumber(time[1]) + tonumber(time[2]) / 1000000
local index = math.floor(now / window)
local state = redis.call("HMGET", KEYS[1], "w", "c", "p")
local stored = tonumber(state[1])
local current, previous = 0, 0
if stored == index then
  current = tonumber(state[2]) or 0
  previous = tonumber(state[3]) or 0
elseif stored == index - 1 then
  previous = tonumber(state[2]) or 0
end
local start = index * window
local reset = start + window
local used = previous * (1 - (now - start) / window) + current
if used + cost <= limit then
  if count then
    current = current + cost
    redis.call("HSET", KEYS[1], "w", index, "c", current, "p", previous)
    -- the counts matter until the end of the next window, when this one stops overlapping
    redis.call("EXPIRE", KEYS[1], window * 2)
  end
  return {1, math.max(0, math.floor(limit - used - cost)), reset, 0}
end
local wait
if current + cost <= limit then
  -- enough of the previous window fades out before this one ends
  wait = start + (1 - (limit - current - cost) / previous) * window - now
else
  -- only once this window has become the previous one and faded enough
  wait = reset + (1 - (limit - cost) / current) * window - now
end
return {0, math.max(0, math.floor(limit - used)), reset, math.max(1, math.ceil(wait))}
`;

const SCRIPT_SHA = createHash("sha1").update(SCRIPT).digest("hex");

/**
 * A rate limiter on `redis`. Keys are the caller's: tenant-scoped limits start with
 * `t:{tenantId}:` (the tenancy contract), others name what they limit (`ip:{ip}:login`).
 * Counters expire after two windows, so nothing is left behind.
 *
 * @example
 * const limiter = createRateLimiter(redis);
 * const result = await limiter.consume(`t:${tenantId}:api`, { limit: 600, windowSeconds: 60 });
 * if (!result.allowed) c.header("Retry-After", String(result.retryAfter));
 */
export function createRateLimiter(redis: Redis, options: RateLimiterOptions = {}): RateLimiter {
  const prefix = options.prefix ?? "rl:";
  const timeoutMs = options.timeoutMs ?? 200;
  requirePositiveInteger("timeoutMs", timeoutMs);

  async function evaluate(key: string, args: number[]): Promise<unknown> {
    try {
      return await redis.evalsha(SCRIPT_SHA, 1, key, ...args);
    } catch (error) {
      // The script cache is empty after a restart or SCRIPT FLUSH: send the source once.
      if (error instanceof Error && error.message.startsWith("NOSCRIPT")) {
        return await redis.eval(SCRIPT, 1, key, ...args);
      }
      throw error;
    }
  }

  const local = createLocalRateLimiter(options.local);

  async function run(
    key: string,
    request: RateLimitOptions,
    count: boolean,
  ): Promise<RateLimitResult> {
    checkRequest(key, request);
    const { limit, windowSeconds, cost = 1 } = request;
    let reply: unknown;
    try {
      reply = await withTimeout(
        evaluate(prefix + key, [limit, windowSeconds, cost, count ? 1 : 0]),
        timeoutMs,
      );
    } catch (error) {
      if (request.onUnavailable === "local") {
        return count ? local.consume(key, request) : local.peek(key, request);
      }
      throw new RateLimitUnavailableError(
        `Rate limiter could not reach Redis: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    const [allowed, remaining, reset, retryAfter] = reply as [number, number, number, number];
    return { allowed: allowed === 1, limit, remaining, reset, retryAfter, source: "redis" };
  }

  return {
    consume: (key, request) => run(key, request, true),
    peek: (key, request) => run(key, request, false),
  };
}

/** Rejects when `promise` has not settled after `ms`; a late rejection is swallowed. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  promise.catch(() => {});
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms}ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
