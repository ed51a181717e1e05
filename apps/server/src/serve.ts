// One serving process: connects, warns about unsafe Redis settings, serves, shuts down cleanly.
import { join } from "node:path";
import { checkEvictionPolicy, createRedis } from "@supportdesk/cache";
import type { Env } from "@supportdesk/config";
import type { Logger } from "@supportdesk/logger";
import { createApp } from "./app";
import { createDeps } from "./deps";
import { createServerHub, createWsHandler } from "./ws";

/**
 * Starts the HTTP server on `config.PORT`. `reusePort` (SO_REUSEPORT, Linux) lets several such
 * processes listen on the one port, the kernel spreading connections over them (./processes.ts).
 */
export async function serve(
  config: Env,
  log: Logger,
  options: { reusePort: boolean },
): Promise<{ shutdown(reason: string): Promise<void> }> {
  const deps = await createDeps(config, log);

  checkEvictionPolicy(deps.redis)
    .then((check) => {
      if (!check.ok) log.warn({ policy: check.policy }, check.warning);
    })
    .catch((error: Error) =>
      log.warn({ err: error.message }, "could not read Redis maxmemory-policy"),
    );

  // Realtime: a dedicated subscriber connection (a subscribed connection can run nothing else).
  // SUBSCRIBE waits for Redis instead of failing, so the API starts even while Redis is down.
  const subscriber = createRedis(config.REDIS_URL, {
    name: "server:events",
    maxRetriesPerRequest: null,
  });
  subscriber.on("error", (error) => log.warn({ err: error.message }, "redis subscriber error"));
  const hub = createServerHub(deps, subscriber);
  hub.start().then(
    () => log.info("realtime: subscribed to events"),
    (error: Error) => log.error({ err: error.message }, "realtime: could not subscribe to events"),
  );
  const realtime = createWsHandler(deps, hub);

  const server = Bun.serve({
    port: config.PORT,
    reusePort: options.reusePort,
    fetch: (req, srv) => app.fetch(req, srv),
    websocket: realtime.websocket,
  });
  const app = createApp({
    webRoot: join(import.meta.dir, "..", "..", "web", "dist"),
    deps,
    corsOrigins: config.CORS_ORIGINS,
    trustProxy: config.TRUST_PROXY,
    remoteAddress: (req) => server.requestIP(req)?.address ?? null,
    ws: realtime.route,
    ...(config.INBOUND_WEBHOOK_SECRET
      ? {
          inboundWebhook: {
            secret: config.INBOUND_WEBHOOK_SECRET,
            maxBytes: config.INBOUND_MAX_BYTES,
          },
        }
      : {}),
  });
  log.info({ url: server.url.href, pid: process.pid }, "server listening");

  let stopping: Promise<void> | undefined;
  // Once, whatever asks first: a worker gets both the terminal's SIGINT and its primary's SIGTERM.
  const shutdown = (reason: string) => {
    stopping ??= stop(reason);
    return stopping;
  };
  async function stop(reason: string): Promise<void> {
    log.info({ reason }, "shutting down: finishing in-flight requests");
    // Open WebSockets would keep server.stop() waiting forever: close them first (1001, clients
    // reconnect to another instance).
    realtime.closeAll();
    await server.stop();
    await hub.stop();
    await Promise.allSettled([
      deps.db.close(),
      deps.redis.quit(),
      subscriber.quit(),
      ...Object.values(deps.queues ?? {}).map((q) => q.close()),
    ]);
    process.exit(0);
  }
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  return { shutdown };
}
