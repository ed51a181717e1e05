// Rate limiting inside one process: the Redis limiter's sliding-window counter in a bounded LRU map.
import type { RateLimiter, RateLimitOptions, RateLimitResult } from "./rate-limit";

export type LocalRateLimiterOptions = {
  /**
   * Most keys held (default 10,000, about 2 MB). Past it the least recently used key is dropped:
   * memory stays bounded whatever the traffic, at the price of forgetting an old counter.
   */
  maxKeys?: number;
  /** The clock in milliseconds (default `Date.now`); tests pass their own. */
  now?: () => number;
};

type Counter = { windowSeconds: number; index: number; current: number; previous: number };

/** The counts of the current and previous fixed windows, as the Redis script keeps them. */
export type WindowCounts = { now: number; index: number; current: number; previous: number };

/**
 * The sliding-window decision, shared by both limiters (the Lua script in rate-limit.ts computes
 * exactly this): the previous window weighs by the share of it still inside the sliding window.
 */
export function decide(
  { limit, windowSeconds: window, cost = 1 }: RateLimitOptions,
  { now, index, current, previous }: WindowCounts,
): Omit<RateLimitResult, "source"> {
  const start = index * window;
  const reset = start + window;
  const used = previous * (1 - (now - start) / window) + current;
  if (used + cost <= limit) {
    return {
      allowed: true,
      limit,
      remaining: Math.max(0, Math.floor(limit - used - cost)),
      reset,
      retryAfter: 0,
    };
  }
  const wait =
    current + cost <= limit
      ? // enough of the previous window fades out before this one ends
        start + (1 - (limit - current - cost) / previous) * window - now
      : // only once this window has become the previous one and faded enough
        reset + (1 - (limit - cost) / current) * window - now;
  return {
    allowed: false,
    limit,
    remaining: Math.max(0, Math.floor(limit - used)),
    reset,
    retryAfter: Math.max(1, Math.ceil(wait)),
  };
}

/** Throws an Error naming the bad option; both limiters check the same way. */
export function checkRequest(key: string, { limit, windowSeconds, cost = 1 }: RateLimitOptions) {
  if (typeof key !== "string" || key.length === 0) {
    throw new Error("Rate limit key must be a non-empty string");
  }
  requirePositiveInteger("limit", limit);
  requirePositiveInteger("windowSeconds", windowSeconds);
  requirePositiveInteger("cost", cost);
  if (cost > limit) {
    // It could never be allowed; refusing forever with a retryAfter would mislead the client.
    throw new Error(`Rate limit option "cost" (${cost}) exceeds "limit" (${limit})`);
  }
}

export function requirePositiveInteger(name: string, value: unknown): void {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`Rate limit option "${name}" must be a positive integer, got ${String(value)}`);
  }
}

/**
 * A rate limiter in this process's memory, with the same answers as the Redis one. It is what
 * the Redis limiter falls back to (`onUnavailable: "local"`): counts are per process and start
 * from zero, so with N server processes a client may get up to N times the limit — still a limit,
 * where failing open would be none.
 *
 * @example
 * const limiter = createLocalRateLimiter({ maxKeys: 1000 });
 * const result = await limiter.consume(`ip:${ip}:auth`, { limit: 10, windowSeconds: 60 });
 */
export function createLocalRateLimiter(options: LocalRateLimiterOptions = {}): RateLimiter {
  const maxKeys = options.maxKeys ?? 10_000;
  requirePositiveInteger("maxKeys", maxKeys);
  const clock = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on every use keeps the least recently used
  // key first, so eviction is one `keys().next()`.
  const counters = new Map<string, Counter>();

  function evaluate(key: string, request: RateLimitOptions, count: boolean): RateLimitResult {
    checkRequest(key, request);
    const { windowSeconds, cost = 1 } = request;
    const now = clock() / 1000;
    const index = Math.floor(now / windowSeconds);
    const stored = counters.get(key);
    let current = 0;
    let previous = 0;
    // A key reused with another window starts afresh rather than mixing two windows' counts.
    if (stored?.windowSeconds === windowSeconds) {
      if (stored.index === index) {
        current = stored.current;
        previous = stored.previous;
      } else if (stored.index === index - 1) {
        previous = stored.current;
      }
    }
    const result = decide(request, { now, index, current, previous });
    if (stored || (count && result.allowed)) {
      counters.delete(key);
      const added = count && result.allowed ? cost : 0;
      counters.set(key, { windowSeconds, index, current: current + added, previous });
      if (counters.size > maxKeys) {
        const oldest = counters.keys().next().value;
        if (oldest !== undefined) counters.delete(oldest);
      }
    }
    return { ...result, source: "local" };
  }

  return {
    consume: async (key, request) => evaluate(key, request, true),
    peek: async (key, request) => evaluate(key, request, false),
  };
}
