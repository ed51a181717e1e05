// Server process: reads config, connects, warns about unsafe Redis settings, serves, shuts down cleanly.
import { checkEvictionPolicy } from "@supportdesk/cache";
import { env } from "@supportdesk/config";
import { createLogger } from "@supportdesk/logger";
import { createApp } from "./app";
import { createDeps } from "./deps";

const config = env();
const log = createLogger({ name: "server", level: config.LOG_LEVEL });
const deps = await createDeps(config, log);

checkEvictionPolicy(deps.redis)
  .then((check) => {
    if (!check.ok) log.warn({ policy: check.policy }, check.warning);
  })
  .catch((error: Error) =>
    log.warn({ err: error.message }, "could not read Redis maxmemory-policy"),
  );

const server = Bun.serve({
  port: config.PORT,
  fetch: (req, srv) => app.fetch(req, srv),
});
const app = createApp({
  deps,
  corsOrigins: config.CORS_ORIGINS,
  trustProxy: config.TRUST_PROXY,
  remoteAddress: (req) => server.requestIP(req)?.address ?? null,
});
log.info({ url: server.url.href }, "server listening");

async function shutdown(signal: string): Promise<void> {
  log.info({ signal }, "shutting down: finishing in-flight requests");
  await server.stop();
  await Promise.allSettled([deps.db.close(), deps.redis.quit()]);
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
