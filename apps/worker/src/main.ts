// Worker process: outbox relay and purge, queue handlers; finishes in-flight jobs on shutdown.
import { checkEvictionPolicy, createRedis } from "@supportdesk/cache";
import { env, storageSettings } from "@supportdesk/config";
import { createDatabase } from "@supportdesk/database";
import { createMailer } from "@supportdesk/email";
import { createLogger } from "@supportdesk/logger";
import { openQueues, startOutboxPurge, startRelay, startWorkers } from "@supportdesk/queue";
import { createBlobStore } from "@supportdesk/storage";
import { createHandlers } from "./handlers";
import { startInboundSmtp } from "./inbound-smtp";

const config = env();
const storage = createBlobStore(storageSettings(config));
const log = createLogger({ name: "worker", level: config.LOG_LEVEL });
const db = createDatabase({ url: config.DATABASE_URL, max: config.DATABASE_POOL_MAX });

/** BullMQ needs blocking connections that retry forever; each worker gets its own. */
const bullConnection = (name: string) => {
  const redis = createRedis(config.REDIS_URL, { name, maxRetriesPerRequest: null });
  redis.on("error", (error) =>
    log.warn({ err: error.message, connection: name }, "redis connection error"),
  );
  return redis;
};
const producer = bullConnection("worker:relay");
const publisher = bullConnection("worker:publish");

checkEvictionPolicy(producer)
  .then((check) => {
    if (!check.ok) log.warn({ policy: check.policy }, check.warning);
  })
  .catch((error: Error) =>
    log.warn({ err: error.message }, "could not read Redis maxmemory-policy"),
  );

// One SMTP connection per concurrent email job (up to 50): sends are network-bound.
const mailer = createMailer({
  url: config.SMTP_URL,
  from: config.EMAIL_FROM,
  maxConnections: Math.min(config.WORKER_EMAIL_CONCURRENCY, 50),
});
const queues = openQueues(producer, config.QUEUE_PREFIX, (error) =>
  log.debug({ err: error.message }, "queue error"),
);
const relay = await startRelay({
  db,
  queues,
  log,
  since: config.OUTBOX_RELAY_SINCE ? new Date(config.OUTBOX_RELAY_SINCE) : null,
});
// Sent jobs' rows are kept a while for inspection, then deleted (every worker may run this).
const purge = startOutboxPurge({ db, log, retentionDays: config.OUTBOX_RETENTION_DAYS });
const workers = startWorkers({
  db,
  connection: () => bullConnection("worker:jobs"),
  handlers: createHandlers({
    db,
    mailer,
    publisher,
    appUrl: config.APP_URL,
    storage,
    inboundDomain: config.INBOUND_EMAIL_DOMAIN,
    sweepEveryMs: config.SERVICE_LEVEL_SWEEP_SECONDS * 1000,
  }),
  concurrency: {
    email: config.WORKER_EMAIL_CONCURRENCY,
    notification: config.WORKER_NOTIFICATION_CONCURRENCY,
    inbound: config.WORKER_INBOUND_CONCURRENCY,
    automation: config.WORKER_AUTOMATION_CONCURRENCY,
  },
  lockDurationMs: config.WORKER_LOCK_DURATION_MS,
  prefix: config.QUEUE_PREFIX,
  log,
});
log.info(
  { email: config.WORKER_EMAIL_CONCURRENCY, notification: config.WORKER_NOTIFICATION_CONCURRENCY },
  "worker started",
);

// The SMTP receiver: several workers may run it on one port only if the OS balances (it does not
// here), so a deployment runs it where INBOUND_SMTP_ENABLED=true.
const inbound = config.INBOUND_SMTP_ENABLED
  ? await startInboundSmtp({
      db,
      storage,
      inboundDomain: config.INBOUND_EMAIL_DOMAIN,
      maxBytes: config.INBOUND_MAX_BYTES,
      host: config.INBOUND_SMTP_HOST,
      port: config.INBOUND_SMTP_PORT,
      log,
    })
  : null;

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, "shutting down: finishing in-flight jobs");
  await inbound?.close();
  await relay.stop();
  await purge.stop();
  await workers.close();
  await Promise.all(Object.values(queues).map((q) => q.close()));
  mailer.close();
  await Promise.allSettled([db.close(), producer.quit(), publisher.quit()]);
  log.info("worker stopped");
  process.exit(0);
}
process.once("SIGINT", () => void shutdown("SIGINT"));
process.once("SIGTERM", () => void shutdown("SIGTERM"));
