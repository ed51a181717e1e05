// /health and /ready through HTTP (app.request) against the real PostgreSQL and Redis.
import { afterAll, describe, expect, test } from "bun:test";
import { createRedis } from "@supportdesk/cache";
import { env } from "@supportdesk/config";
import { createDatabase } from "@supportdesk/database";
import { createApp } from "./app";

const config = env();
const db = createDatabase({ url: config.DATABASE_URL, max: 2 });
const redis = createRedis(config.REDIS_URL, { name: "test" });
// Nothing listens on port 1: a Redis that is down.
const deadRedis = createRedis("redis://127.0.0.1:1", {
  name: "test-dead",
  maxRetriesPerRequest: 0,
  enableOfflineQueue: false,
  retryStrategy: () => null,
});
deadRedis.on("error", () => {});

afterAll(async () => {
  await db.close();
  redis.disconnect();
  deadRedis.disconnect();
});

describe("probes", () => {
  test("/health answers while the process lives", async () => {
    const res = await createApp({ db, redis }).request("/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  test("/ready is 200 when PostgreSQL and Redis answer", async () => {
    const res = await createApp({ db, redis }).request("/ready");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready", postgres: "up", redis: "up" });
  });

  test("/ready is 503 naming Redis when Redis is down", async () => {
    const res = await createApp({ db, redis: deadRedis }).request("/ready");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "unavailable", postgres: "up", redis: "down" });
  });
});
