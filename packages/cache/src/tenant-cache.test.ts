// Tenant and platform JSON caches against the real test Redis, plus a dead and a silent one.
import { afterAll, describe, expect, spyOn, test } from "bun:test";
import { env } from "@supportdesk/config";
import { createRedis, type Redis } from "./index";
import { platformCache, tenantCache } from "./tenant-cache";

const opened: Redis[] = [];
const listeners: { stop(closeActiveConnections?: boolean): void }[] = [];
// Random tenants (and platform keys) per run, cleaned up at the end, so runs never collide.
const tenantsUsed: string[] = [];
const platformRun = `cache-test-${crypto.randomUUID()}`;

function connect(url = env().REDIS_URL, extra: Parameters<typeof createRedis>[1] = {}): Redis {
  const redis = createRedis(url, { name: "test", ...extra });
  redis.on("error", () => {});
  opened.push(redis);
  return redis;
}

const redis = connect();

function newTenant(): string {
  const id = crypto.randomUUID();
  tenantsUsed.push(id);
  return id;
}

afterAll(async () => {
  for (const id of tenantsUsed) await tenantCache(redis, id).purge();
  await platformCache(redis).purge(platformRun);
  for (const client of opened) client.disconnect();
  for (const listener of listeners) listener.stop(true);
});

/** A client whose every command fails at once, like a Redis that is down. */
function downRedis(): Redis {
  return connect("redis://127.0.0.1:1", { enableOfflineQueue: false, retryStrategy: null });
}

describe("tenantCache", () => {
  test("two tenants with the same key do not collide; the raw key is t:<id>:key", async () => {
    const a = newTenant();
    const b = newTenant();
    await tenantCache(redis, a).set("settings", { theme: "dark" }, 60);
    await tenantCache(redis, b).set("settings", { theme: "light" }, 60);
    expect(await tenantCache(redis, a).get("settings")).toEqual({ theme: "dark" });
    expect(await tenantCache(redis, b).get("settings")).toEqual({ theme: "light" });
    expect(await redis.get(`t:${a}:settings`)).toBe('{"theme":"dark"}');
  });

  test("a tenant id in upper case names the same namespace", async () => {
    const id = newTenant();
    await tenantCache(redis, id.toUpperCase()).set("k", 1, 60);
    expect(await tenantCache(redis, id).get<number>("k")).toBe(1);
  });

  test("get is undefined on a miss; null and falsy values are hits", async () => {
    const cache = tenantCache(redis, newTenant());
    expect(await cache.get("missing")).toBeUndefined();
    await cache.set("null", null, 60);
    await cache.set("zero", 0, 60);
    await cache.set("empty", "", 60);
    expect(await cache.get("null")).toBeNull();
    expect(await cache.get("zero")).toBe(0);
    expect(await cache.get("empty")).toBe("");
  });

  test("set stores the value with its TTL", async () => {
    const id = newTenant();
    await tenantCache(redis, id).set("ttl", [1, 2, 3], 90);
    const ttl = await redis.ttl(`t:${id}:ttl`);
    expect(ttl).toBeGreaterThan(85);
    expect(ttl).toBeLessThanOrEqual(90);
  });

  test("getOrLoad loads once, then serves the cached value", async () => {
    const id = newTenant();
    const cache = tenantCache(redis, id);
    let loads = 0;
    const load = async () => {
      loads++;
      return { name: "Acme", plan: "pro" };
    };
    expect(await cache.getOrLoad("tenant", 30, load)).toEqual({ name: "Acme", plan: "pro" });
    expect(await cache.getOrLoad("tenant", 30, load)).toEqual({ name: "Acme", plan: "pro" });
    expect(loads).toBe(1);
    expect(await redis.ttl(`t:${id}:tenant`)).toBeGreaterThan(0);
  });

  test("getOrLoad does not cache undefined, so the next call loads again", async () => {
    const id = newTenant();
    const cache = tenantCache(redis, id);
    let loads = 0;
    const load = async () => {
      loads++;
      return undefined;
    };
    expect(await cache.getOrLoad("nothing", 30, load)).toBeUndefined();
    expect(await cache.getOrLoad("nothing", 30, load)).toBeUndefined();
    expect(loads).toBe(2);
    expect(await redis.exists(`t:${id}:nothing`)).toBe(0);
  });

  test("del removes the given keys only", async () => {
    const cache = tenantCache(redis, newTenant());
    await cache.set("a", 1, 60);
    await cache.set("b", 2, 60);
    await cache.set("c", 3, 60);
    await cache.del("a", "b");
    expect(await cache.get("a")).toBeUndefined();
    expect(await cache.get("b")).toBeUndefined();
    expect(await cache.get<number>("c")).toBe(3);
  });

  test("purge removes only that tenant's keys, in SCAN batches and never with KEYS", async () => {
    const a = newTenant();
    const b = newTenant();
    const pipeline = redis.pipeline();
    for (let i = 0; i < 400; i++) {
      pipeline.set(`t:${a}:ticket:${i}`, "1", "EX", 60);
      pipeline.set(`t:${b}:ticket:${i}`, "1", "EX", 60);
    }
    await pipeline.exec();
    const keys = spyOn(redis, "keys");
    const scan = spyOn(redis, "scan");
    try {
      expect(await tenantCache(redis, a).purge()).toBe(400);
      expect(keys).not.toHaveBeenCalled();
      // 800+ keys with COUNT 500 cannot come back in one SCAN call
      expect(scan.mock.calls.length).toBeGreaterThan(1);
    } finally {
      keys.mockRestore();
      scan.mockRestore();
    }
    expect(await countKeys(`t:${a}:*`)).toBe(0);
    expect(await countKeys(`t:${b}:*`)).toBe(400);
  });

  test("purge with a sub-prefix leaves the tenant's other keys", async () => {
    const cache = tenantCache(redis, newTenant());
    await cache.set("article:1", 1, 60);
    await cache.set("article:2", 2, 60);
    await cache.set("settings", 3, 60);
    expect(await cache.purge("article:")).toBe(2);
    expect(await cache.get<number>("settings")).toBe(3);
  });

  test("tenant ids that are not UUIDs are refused", () => {
    expect(() => tenantCache(redis, "acme")).toThrow("UUID");
    expect(() => tenantCache(redis, "")).toThrow("UUID");
    expect(() => tenantCache(redis, `${crypto.randomUUID()}:x`)).toThrow("UUID");
  });

  test("keys that could escape the namespace are refused", async () => {
    const cache = tenantCache(redis, newTenant());
    for (const key of ["*", "a?", "a[b]", "a b", "a\nb", "a\\b", "", "t:other", "p:user"]) {
      await expect(cache.get(key)).rejects.toThrow("Cache key");
      await expect(cache.set(key, 1, 60)).rejects.toThrow("Cache key");
      await expect(cache.del(key)).rejects.toThrow("Cache key");
    }
    await expect(cache.purge("*")).rejects.toThrow("Cache key");
    await expect(cache.set("ok", 1, 0)).rejects.toThrow("ttlSeconds");
    await expect(cache.set("ok", undefined, 60)).rejects.toThrow("not JSON");
  });

  test("Redis down: get is a miss, getOrLoad returns load(), set and del do not throw", async () => {
    const errors: Error[] = [];
    const cache = tenantCache(downRedis(), newTenant(), { onError: (error) => errors.push(error) });
    expect(await cache.get("settings")).toBeUndefined();
    expect(await cache.getOrLoad("settings", 60, async () => ({ theme: "dark" }))).toEqual({
      theme: "dark",
    });
    await cache.set("settings", { theme: "dark" }, 60);
    await cache.del("settings");
    // get, getOrLoad's get and set, set, del
    expect(errors).toHaveLength(5);
    expect(errors.every((error) => error instanceof Error)).toBe(true);
  });

  test("Redis down: purge throws, because its caller must know nothing was purged", async () => {
    await expect(tenantCache(downRedis(), newTenant()).purge()).rejects.toThrow();
  });

  test("a Redis that never answers degrades to a miss after timeoutMs", async () => {
    const silent = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    listeners.push(silent);
    const cache = tenantCache(connect(`redis://127.0.0.1:${silent.port}`), newTenant(), {
      timeoutMs: 100,
    });
    const started = performance.now();
    expect(await cache.getOrLoad("settings", 60, async () => "loaded")).toBe("loaded");
    const elapsed = performance.now() - started;
    // one timed-out get, then one timed-out set
    expect(elapsed).toBeGreaterThanOrEqual(180);
    expect(elapsed).toBeLessThan(1000);
  });

  test("a value that is not JSON is a miss", async () => {
    const id = newTenant();
    await redis.set(`t:${id}:broken`, "{not json", "EX", 60);
    const errors: Error[] = [];
    const cache = tenantCache(redis, id, { onError: (error) => errors.push(error) });
    expect(await cache.get("broken")).toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});

describe("platformCache", () => {
  test("keys live under p: and never meet a tenant's keys", async () => {
    const key = `${platformRun}:tenant-by-slug:acme`;
    const id = newTenant();
    await platformCache(redis).set(key, id, 60);
    expect(await redis.get(`p:${key}`)).toBe(JSON.stringify(id));
    expect(await platformCache(redis).get<string>(key)).toBe(id);
    expect(await tenantCache(redis, id).get(key)).toBeUndefined();
  });

  test("purge with a sub-prefix removes only those platform keys", async () => {
    const cache = platformCache(redis);
    await cache.set(`${platformRun}:slug:a`, 1, 60);
    await cache.set(`${platformRun}:slug:b`, 2, 60);
    await cache.set(`${platformRun}:user:1`, 3, 60);
    expect(await cache.purge(`${platformRun}:slug:`)).toBe(2);
    expect(await cache.get<number>(`${platformRun}:user:1`)).toBe(3);
  });
});

async function countKeys(pattern: string): Promise<number> {
  let count = 0;
  let cursor = "0";
  do {
    const [next, names] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    cursor = next;
    count += names.length;
  } while (cursor !== "0");
  return count;
}

describe("getMany", () => {
  test("reads several keys of one namespace in one round trip, in order, misses undefined", async () => {
    const redis = createRedis(env().REDIS_URL, { name: "test-many" });
    try {
      const id = crypto.randomUUID();
      const other = tenantCache(redis, crypto.randomUUID());
      const cache = tenantCache(redis, id);
      await cache.set("a", { n: 1 }, 60);
      await cache.set("c", null, 60);
      await other.set("b", "not yours", 60);
      expect(await cache.getMany(["a", "b", "c"])).toEqual([{ n: 1 }, undefined, null]);
      expect(await cache.getMany([])).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
