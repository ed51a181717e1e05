// Server process: reads config, connects, warns about unsafe Redis settings, serves, shuts down cleanly.
import { checkEvictionPolicy, createRedis } from "@supportdesk/cache";
import { env } from "@supportdesk/config";
import { createDatabase } from "@supportdesk/database";
import { createLogger } from "@supportdesk/logger";
import { createApp } from "./app";

const config = env();
const log = createLogger({ name: "server", level: config.LOG_LEVEL });
const db = createDatabase({ url: config.DATABASE_URL, max: config.DATABASE_POOL_MAX });
const redis = createRedis(config.REDIS_URL, { name: "server" });
redis.on("error", (error) => log.warn({ err: error.message }, "redis connection error"));

checkEvictionPolicy(redis)
  .then((check) => {
    if (!check.ok) log.warn({ policy: check.policy }, check.warning);
  })
  .catch((error: Error) =>
    log.warn({ err: error.message }, "could not read Redis maxmemory-policy"),
  );

const server = Bun.serve({ port: config.PORT, fetch: createApp({ db, redis }).fetch });
log.info({ url: server.url.href }, "server listening");

async function shutdown(signal: string): Promise<void> {
  log.info({ signal }, "shutting down: finishing in-flight requests");
  await server.stop();
  await Promise.allSettled([db.close(), redis.quit()]);
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
