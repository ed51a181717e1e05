// The in-process sliding-window limiter on a hand-driven clock: limits, fading, peeking, LRU bound.
import { describe, expect, test } from "bun:test";
import { createLocalRateLimiter, decide } from "./local-rate-limit";

/** A clock the test moves; starts on a window boundary (t = 600 s). */
function clock() {
  let ms = 600_000;
  return { now: () => ms, advance: (seconds: number) => (ms += seconds * 1000) };
}

describe("createLocalRateLimiter", () => {
  test("allows up to the limit, then refuses with a wait, without counting the refusal", async () => {
    const time = clock();
    const limiter = createLocalRateLimiter({ now: time.now });
    const options = { limit: 3, windowSeconds: 60 };
    for (let i = 0; i < 3; i++) {
      expect(await limiter.consume("k", options)).toMatchObject({
        allowed: true,
        remaining: 2 - i,
        reset: 660,
        retryAfter: 0,
        source: "local",
      });
    }
    const refused = await limiter.consume("k", options);
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    // Three in the window [600, 660): one more fits once a third of them has faded, 20 s into
    // the next window (3 × 2/3 + 1 = 3), i.e. at 680 s.
    expect(refused.retryAfter).toBe(80);
  });

  test("the previous window fades: half-way through the next one, half of it still counts", async () => {
    const time = clock();
    const limiter = createLocalRateLimiter({ now: time.now });
    const options = { limit: 4, windowSeconds: 60 };
    for (let i = 0; i < 4; i++) await limiter.consume("k", options);
    time.advance(90); // 30 s into the next window: 4 × 0.5 = 2 still used
    expect(await limiter.consume("k", options)).toMatchObject({ allowed: true, remaining: 1 });
    expect(await limiter.consume("k", options)).toMatchObject({ allowed: true, remaining: 0 });
    expect((await limiter.consume("k", options)).allowed).toBe(false);
    time.advance(120); // two windows later nothing is left
    expect(await limiter.consume("k", { ...options, cost: 4 })).toMatchObject({ allowed: true });
  });

  test("peek answers what consume would, and counts nothing", async () => {
    const limiter = createLocalRateLimiter({ now: clock().now });
    const options = { limit: 1, windowSeconds: 60 };
    for (let i = 0; i < 3; i++) {
      expect(await limiter.peek("k", options)).toMatchObject({ allowed: true, remaining: 0 });
    }
    await limiter.consume("k", options);
    expect((await limiter.peek("k", options)).allowed).toBe(false);
  });

  test("holds at most maxKeys counters, forgetting the least recently used", async () => {
    const limiter = createLocalRateLimiter({ maxKeys: 2, now: clock().now });
    const options = { limit: 1, windowSeconds: 60 };
    await limiter.consume("a", options);
    await limiter.consume("b", options);
    await limiter.peek("a", options); // "a" is now more recent than "b"
    await limiter.consume("c", options); // evicts "b"
    expect((await limiter.consume("a", options)).allowed).toBe(false);
    expect((await limiter.consume("c", options)).allowed).toBe(false);
    expect((await limiter.consume("b", options)).allowed).toBe(true);
  });

  test("memory stays bounded under a flood of distinct keys", async () => {
    const limiter = createLocalRateLimiter({ maxKeys: 100, now: clock().now });
    for (let i = 0; i < 10_000; i++)
      await limiter.consume(`ip:${i}`, { limit: 5, windowSeconds: 60 });
    // The 100 newest are still counted; the oldest was forgotten.
    const newest = await limiter.consume("ip:9999", { limit: 5, windowSeconds: 60 });
    expect(newest.remaining).toBe(3);
    expect((await limiter.peek("ip:0", { limit: 5, windowSeconds: 60 })).remaining).toBe(4);
  });

  test("bad options throw an error naming the option, as the Redis limiter's do", async () => {
    const limiter = createLocalRateLimiter();
    await expect(limiter.consume("k", { limit: 0, windowSeconds: 60 })).rejects.toThrow('"limit"');
    await expect(limiter.peek("k", { limit: 2, windowSeconds: 60, cost: 3 })).rejects.toThrow(
      '"cost"',
    );
    await expect(limiter.consume("", { limit: 1, windowSeconds: 60 })).rejects.toThrow("key");
    expect(() => createLocalRateLimiter({ maxKeys: 0 })).toThrow('"maxKeys"');
  });
});

describe("decide", () => {
  test("a request that does not fit in the current window waits for it to fade", () => {
    // 60 s windows, 10 s into window 10 (starts 600), current full at limit 2, previous empty.
    const result = decide(
      { limit: 2, windowSeconds: 60 },
      { now: 610, index: 10, current: 2, previous: 0 },
    );
    // fits again once the current window, as the previous one, has faded by half: 660 + 30 − 610
    expect(result).toMatchObject({ allowed: false, remaining: 0, reset: 660, retryAfter: 80 });
  });
});
