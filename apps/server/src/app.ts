// The HTTP application (Hono): built from its dependencies so tests call it with `app.request`.
import type { Redis } from "@supportdesk/cache";
import type { Database } from "@supportdesk/database";
import { Hono } from "hono";

export type AppDeps = { db: Database; redis: Redis };

/** How long a readiness probe waits for each dependency before calling it down. */
const PROBE_TIMEOUT_MS = 1000;

async function probe(check: () => Promise<unknown>): Promise<"up" | "down"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return "up";
  } catch {
    return "down";
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The server's routes: `/health` (the process is alive) and `/ready` (PostgreSQL and Redis
 * answer; 503 naming the one that does not).
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.get("/health", (c) => c.json({ status: "ok" }));
  app.get("/ready", async (c) => {
    const [postgres, redis] = await Promise.all([
      probe(() => deps.db.sql`select 1`),
      probe(() => deps.redis.ping()),
    ]);
    const ready = postgres === "up" && redis === "up";
    return c.json({ status: ready ? "ready" : "unavailable", postgres, redis }, ready ? 200 : 503);
  });
  return app;
}
