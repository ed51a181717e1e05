// The sliding-window rate limiter against the real test Redis, plus a dead and a silent one.
import { afterAll, describe, expect, spyOn, test } from "bun:test";
import { env } from "@supportdesk/config";
import { createRedis, type Redis } from "./index";
import { createRateLimiter, RateLimitUnavailableError } from "./rate-limit";

const opened: Redis[] = [];
const listeners: { stop(closeActiveConnections?: boolean): void }[] = [];

afterAll(() => {
  for (const redis of opened) redis.disconnect();
  for (const listener of listeners) listener.stop(true);
});

function connect(url = env().REDIS_URL, extra: Parameters<typeof createRedis>[1] = {}): Redis {
  const redis = createRedis(url, { name: "test", ...extra });
  redis.on("error", () => {});
  opened.push(redis);
  return redis;
}

const redis = connect();
// Each test run gets its own prefix so runs never collide.
const prefix = `rl-test:${crypto.randomUUID()}:`;
const limiter = createRateLimiter(redis, { prefix });
const uniqueKey = () => `t:${crypto.randomUUID()}:api`;

describe("createRateLimiter", () => {
  test("allows up to the limit, then refuses with a wait and nothing remaining", async () => {
    const key = uniqueKey();
    const options = { limit: 5, windowSeconds: 60 };
    for (let i = 0; i < 5; i++) {
      const result = await limiter.consume(key, options);
      expect(result).toMatchObject({ allowed: true, limit: 5, remaining: 4 - i, retryAfter: 0 });
    }
    const refused = await limiter.consume(key, options);
    expect(refused.allowed).toBe(false);
    expect(refused.remaining).toBe(0);
    expect(refused.retryAfter).toBeGreaterThan(0);
    expect(refused.retryAfter).toBeLessThanOrEqual(120);
  });

  test("reset is the end of the current window in unix seconds", async () => {
    const result = await limiter.consume(uniqueKey(), { limit: 1, windowSeconds: 60 });
    const now = Date.now() / 1000;
    expect(Number.isInteger(result.reset)).toBe(true);
    expect(result.reset % 60).toBe(0);
    expect(result.reset).toBeGreaterThan(now - 1);
    expect(result.reset).toBeLessThanOrEqual(now + 61);
  });

  test("a cost counts that many units, and a cost that does not fit is refused uncounted", async () => {
    const key = uniqueKey();
    const options = { limit: 10, windowSeconds: 60 };
    expect((await limiter.consume(key, { ...options, cost: 4 })).remaining).toBe(6);
    expect((await limiter.consume(key, { ...options, cost: 4 })).remaining).toBe(2);
    const refused = await limiter.consume(key, { ...options, cost: 4 });
    expect(refused).toMatchObject({ allowed: false, remaining: 2 });
    // the refused batch did not burn the 2 units still left
    expect(await limiter.consume(key, { ...options, cost: 2 })).toMatchObject({
      allowed: true,
      remaining: 0,
    });
    expect((await limiter.consume(key, options)).allowed).toBe(false);
  });

  test("two keys are counted independently", async () => {
    const a = uniqueKey();
    const b = uniqueKey();
    const options = { limit: 2, windowSeconds: 60 };
    await limiter.consume(a, options);
    await limiter.consume(a, options);
    expect((await limiter.consume(a, options)).allowed).toBe(false);
    expect(await limiter.consume(b, options)).toMatchObject({ allowed: true, remaining: 1 });
  });

  test("the counter lives under the prefix with a TTL of two windows", async () => {
    const key = uniqueKey();
    await limiter.consume(key, { limit: 3, windowSeconds: 30 });
    const ttl = await redis.ttl(prefix + key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60);
    const other = createRateLimiter(redis);
    const bare = `ip:${crypto.randomUUID()}:login`;
    await other.consume(bare, { limit: 3, windowSeconds: 30 });
    expect(await redis.exists(`rl:${bare}`)).toBe(1);
    await redis.unlink(`rl:${bare}`);
  });

  test("after waiting retryAfter seconds the request is allowed again", async () => {
    const key = uniqueKey();
    const options = { limit: 3, windowSeconds: 1 };
    for (let i = 0; i < 3; i++) await limiter.consume(key, options);
    const refused = await limiter.consume(key, options);
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfter).toBeLessThanOrEqual(2);
    await Bun.sleep(refused.retryAfter * 1000 + 50);
    expect((await limiter.consume(key, options)).allowed).toBe(true);
  });

  test("the whole budget is back once two windows have passed", async () => {
    const key = uniqueKey();
    const options = { limit: 4, windowSeconds: 1 };
    for (let i = 0; i < 4; i++) await limiter.consume(key, options);
    expect((await limiter.consume(key, options)).allowed).toBe(false);
    await Bun.sleep(2100);
    expect(await limiter.consume(key, { ...options, cost: 4 })).toMatchObject({
      allowed: true,
      remaining: 0,
    });
  });

  test("200 parallel requests over four connections with limit 50 → exactly 50 allowed", async () => {
    const clients = [redis, connect(), connect(), connect()];
    const limiters = clients.map((client) => createRateLimiter(client, { prefix }));
    const key = uniqueKey();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        // biome-ignore lint/style/noNonNullAssertion: i % 4 indexes the four limiters
        limiters[i % 4]!.consume(key, { limit: 50, windowSeconds: 60 }),
      ),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(50);
    expect(results.filter((result) => !result.allowed)).toHaveLength(150);
  });

  test("falls back to EVAL when Redis has lost the script (restart, SCRIPT FLUSH)", async () => {
    // Simulated rather than flushing the shared server's script cache under other test runs.
    const evalsha = spyOn(redis, "evalsha").mockImplementationOnce(() =>
      Promise.reject(new Error("NOSCRIPT No matching script. Please use EVAL.")),
    );
    try {
      const key = uniqueKey();
      await limiter.consume(key, { limit: 3, windowSeconds: 60 });
      expect(await limiter.consume(key, { limit: 3, windowSeconds: 60 })).toMatchObject({
        allowed: true,
        remaining: 1,
      });
      expect(evalsha).toHaveBeenCalledTimes(2);
    } finally {
      evalsha.mockRestore();
    }
  });

  test("bad options are refused with an error naming the option", async () => {
    const key = uniqueKey();
    await expect(limiter.consume(key, { limit: 0, windowSeconds: 60 })).rejects.toThrow('"limit"');
    await expect(limiter.consume(key, { limit: 1.5, windowSeconds: 60 })).rejects.toThrow(
      '"limit"',
    );
    await expect(limiter.consume(key, { limit: 5, windowSeconds: -1 })).rejects.toThrow(
      '"windowSeconds"',
    );
    await expect(limiter.consume(key, { limit: 5, windowSeconds: 60, cost: 0 })).rejects.toThrow(
      '"cost"',
    );
    await expect(limiter.consume(key, { limit: 5, windowSeconds: 60, cost: 6 })).rejects.toThrow(
      '"cost"',
    );
    await expect(limiter.consume("", { limit: 5, windowSeconds: 60 })).rejects.toThrow("key");
    expect(() => createRateLimiter(redis, { timeoutMs: 0 })).toThrow('"timeoutMs"');
  });

  test("peek answers what consume would, and counts nothing", async () => {
    const key = uniqueKey();
    const options = { limit: 2, windowSeconds: 60 };
    expect(await limiter.peek(key, options)).toMatchObject({ allowed: true, remaining: 1 });
    expect(await redis.exists(prefix + key)).toBe(0);
    await limiter.consume(key, options);
    await limiter.consume(key, options);
    const peeked = await limiter.peek(key, options);
    expect(peeked).toMatchObject({ allowed: false, remaining: 0, source: "redis" });
    expect(peeked.retryAfter).toBeGreaterThan(0);
    expect(await redis.hget(prefix + key, "c")).toBe("2");
  });

  test("Redis down → RateLimitUnavailableError at once, so the caller can fail open or closed", async () => {
    const down = connect("redis://127.0.0.1:1", { enableOfflineQueue: false, retryStrategy: null });
    const started = performance.now();
    const error = await createRateLimiter(down)
      .consume(uniqueKey(), { limit: 5, windowSeconds: 60 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitUnavailableError);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test("a Redis that never answers → RateLimitUnavailableError after timeoutMs", async () => {
    // Accepts connections and never replies, like a wedged server or a black-holed network.
    const silent = Bun.listen({
      hostname: "127.0.0.1",
      port: 0,
      socket: { data() {} },
    });
    listeners.push(silent);
    const hung = connect(`redis://127.0.0.1:${silent.port}`);
    const started = performance.now();
    const error = await createRateLimiter(hung, { timeoutMs: 100 })
      .consume(uniqueKey(), { limit: 5, windowSeconds: 60 })
      .catch((caught: unknown) => caught);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(RateLimitUnavailableError);
    expect(elapsed).toBeGreaterThanOrEqual(90);
    expect(elapsed).toBeLessThan(1000);
  });

  test('Redis down with onUnavailable "local" → counted in this process instead', async () => {
    const down = connect("redis://127.0.0.1:1", { enableOfflineQueue: false, retryStrategy: null });
    const fallback = createRateLimiter(down);
    const key = uniqueKey();
    const options = { limit: 2, windowSeconds: 60, onUnavailable: "local" } as const;
    expect(await fallback.peek(key, options)).toMatchObject({ allowed: true, source: "local" });
    expect(await fallback.consume(key, options)).toMatchObject({ allowed: true, remaining: 1 });
    expect(await fallback.consume(key, options)).toMatchObject({ allowed: true, remaining: 0 });
    const refused = await fallback.consume(key, options);
    expect(refused).toMatchObject({ allowed: false, source: "local" });
    expect(refused.retryAfter).toBeGreaterThan(0);
  });

  test('a Redis that never answers with onUnavailable "local" → local answer after timeoutMs', async () => {
    const silent = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    listeners.push(silent);
    const hung = connect(`redis://127.0.0.1:${silent.port}`);
    const started = performance.now();
    const result = await createRateLimiter(hung, { timeoutMs: 100 }).consume(uniqueKey(), {
      limit: 1,
      windowSeconds: 60,
      onUnavailable: "local",
    });
    expect(result).toMatchObject({ allowed: true, source: "local" });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
