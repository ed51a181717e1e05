// The eviction-policy check against real Redis servers.
import { afterAll, describe, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import { checkEvictionPolicy, createRedis, type Redis } from "./index";

const opened: Redis[] = [];
const spawned: ReturnType<typeof Bun.spawn>[] = [];

afterAll(async () => {
  for (const redis of opened) redis.disconnect();
  for (const proc of spawned) proc.kill();
});

/** A throwaway redis-server with `policy`, on a free port, from the system binary. */
async function redisWithPolicy(policy: string): Promise<Redis> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const proc = Bun.spawn(
    [
      "redis-server",
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--maxmemory-policy",
      policy,
    ],
    { stdout: "ignore", stderr: "ignore" },
  );
  spawned.push(proc);
  const redis = createRedis(`redis://127.0.0.1:${port}`, { name: "test" });
  redis.on("error", () => {});
  opened.push(redis);
  await redis.ping();
  return redis;
}

describe("checkEvictionPolicy", () => {
  test("the test Redis (from services:up) uses noeviction", async () => {
    const redis = createRedis(env().REDIS_URL, { name: "test" });
    opened.push(redis);
    expect(await checkEvictionPolicy(redis)).toEqual({ ok: true, policy: "noeviction" });
  });

  test("a Redis that may evict gets a warning that names the policy and the fix", async () => {
    const check = await checkEvictionPolicy(await redisWithPolicy("allkeys-lru"));
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.policy).toBe("allkeys-lru");
      expect(check.warning).toContain("maxmemory-policy noeviction");
    }
  });
});
