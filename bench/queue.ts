// `bun run bench:queue`: the job pipeline and realtime delivery, with the real worker and server
// processes: emails/s from the outbox to SMTP, a quiet tenant's wait behind a noisy tenant's
// backlog, WebSocket fan-out latency, and automation rules (evaluations/s, event-to-action
// latency, a noisy tenant's effect on quiet ones). A command, not a test: misses are reported.
import { loadavg } from "node:os";
import { join } from "node:path";
// Not a dependency of the root package (only config and database are): imported by path.
import { createRedis } from "@supportdesk/cache";
import { ConfigError, loadEnv, repoRoot } from "@supportdesk/config";
import { benchVariable } from "./lib/args";
import { type ChildLogs, childLogs, killAll } from "./lib/children";
import { benchUrls, describe, ensureDatabase, migrate } from "./lib/db-setup";
import { type Part, parseQueueArgs, queueUsage } from "./lib/queue-args";
import { type AutomationResult, measureAutomations } from "./lib/queue-automations";
import { automationRows } from "./lib/queue-automations-report";
import type { QueueBenchContext } from "./lib/queue-context";
import { lockRun, openOwner, resetData } from "./lib/queue-db";
import { type EmailResult, measureEmails } from "./lib/queue-emails";
import { type FairnessResult, measureFairness } from "./lib/queue-fairness";
import { type FanoutResult, measureFanout } from "./lib/queue-fanout";
import { type PrivateRedis, startPrivateRedis, workerDefaults } from "./lib/queue-procs";
import {
  emailRows,
  fairnessRows,
  fanoutRows,
  type Outcome,
  TARGET_EMAILS_PER_SECOND,
  TARGET_FANOUT_P99_MS,
  TARGET_QUIET_P99_MS,
} from "./lib/queue-rows";
import { formatTable, type Row } from "./lib/report";
import { log, machine, readOptions, runBench, started } from "./lib/run";

const DATABASE = "supportdesk_bench_queue";

let logs: ChildLogs | undefined;

type RedisChoice = { url: string; kind: string; server?: PrivateRedis };

/** A private redis-server when one can be started: BullMQ keys and, above all, the realtime
 * pub/sub channel (which ignores database numbers) are then shared with nobody. */
async function chooseRedis(workDir: string, sharedUrl: string): Promise<RedisChoice> {
  const configured = benchVariable("BENCH_REDIS_URL");
  if (configured) return { url: configured, kind: "BENCH_REDIS_URL" };
  const binary = Bun.which("redis-server");
  if (binary) {
    const server = await startPrivateRedis(binary, workDir);
    return { url: server.url, kind: `private redis-server on port ${server.port}`, server };
  }
  const url = new URL(sharedUrl);
  url.pathname = "/3";
  log(
    "warning: no redis-server binary; using REDIS_URL database 3. Its realtime channel sd:events " +
      "is shared with every process on that Redis (pub/sub ignores database numbers).",
  );
  return { url: url.toString(), kind: "REDIS_URL database 3 (shared)" };
}

/** Deletes the run's BullMQ keys from a shared Redis (a private one simply goes away). */
async function dropRunKeys(redisUrl: string, runId: string): Promise<void> {
  const redis = createRedis(redisUrl, { name: "bench:cleanup" });
  redis.on("error", () => {});
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `bq-${runId}-*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) await redis.unlink(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

async function attempt<T>(part: Part, fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    log(`${part}: could not measure: ${describe(error)}`);
    if (benchVariable("BENCH_DEBUG") && error instanceof Error) console.error(error.stack);
    return { ok: false, error: describe(error) };
  }
}

async function main(): Promise<number> {
  const options = readOptions("bench:queue", parseQueueArgs, queueUsage);
  if (typeof options === "number") return options;

  const info = machine();
  const resultsDir = join(repoRoot(), "bench", "results");
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  logs = childLogs("queue");
  const workDir = logs.dir;
  const runId = Date.now().toString(36);
  log(
    `bench:queue on ${info.cores} cores, ${info.memoryGiB} GiB (load average ` +
      `${info.loadAverageAtStart.join(" ")}); parts: ${options.parts.join(", ")}`,
  );

  const config = loadEnv();
  if (!config.DATABASE_ADMIN_URL) {
    throw new ConfigError(
      "DATABASE_ADMIN_URL (the owner role) is not set: run `bun run services:up` or set it.",
    );
  }
  const redis = await chooseRedis(workDir, config.REDIS_URL);
  log(`redis: ${redis.kind}`);
  const urls = benchUrls(config.DATABASE_ADMIN_URL, config.DATABASE_URL, DATABASE);
  await ensureDatabase(urls, log);
  await migrate(urls);
  const owner = openOwner(urls.admin);
  const unlock = await lockRun(owner);
  if (!unlock) {
    await owner.close().catch(() => {});
    await redis.server?.stop();
    throw new Error(
      `Another bench:queue run is using ${DATABASE} (it empties the database for each part); ` +
        "wait for it to finish.",
    );
  }
  const context: QueueBenchContext = { urls, owner, redisUrl: redis.url, runId, workDir, log };

  let emails: Outcome<EmailResult> | undefined;
  let fairness: Outcome<FairnessResult> | undefined;
  let fanout: Outcome<FanoutResult> | undefined;
  let automations: Outcome<AutomationResult> | undefined;
  try {
    if (options.parts.includes("emails")) {
      emails = await attempt("emails", () =>
        measureEmails(context, options.emails, options.emailConcurrency, options.emailWorkers),
      );
    }
    if (options.parts.includes("fairness")) {
      fairness = await attempt("fairness", () =>
        measureFairness(context, {
          backlog: options.backlog,
          quietJobs: options.quietJobs,
          quietIntervalMs: options.quietIntervalMs,
        }),
      );
    }
    if (options.parts.includes("fanout")) {
      fanout = await attempt("fanout", () =>
        measureFanout(context, {
          sockets: options.sockets,
          events: options.events,
          eventIntervalMs: options.eventIntervalMs,
        }),
      );
    }
    if (options.parts.includes("automations")) {
      automations = await attempt("automations", () =>
        measureAutomations(context, {
          tenants: options.ruleTenants,
          rules: options.rules,
          events: options.ruleEvents,
          latencyEvents: options.ruleLatencyEvents,
          latencyRate: options.ruleRate,
          noisyEvents: options.noisyRuleEvents,
          quietEvents: options.quietRuleEvents,
          quietIntervalMs: 50,
          concurrency: options.automationConcurrency,
        }),
      );
    }
    // Leave the bench database small; the next run empties it anyway.
    await resetData(owner.sql).catch(() => {});
  } finally {
    await unlock();
    await owner.close().catch(() => {});
    if (redis.server) await redis.server.stop();
    else await dropRunKeys(redis.url, runId).catch(() => {});
  }

  const rows: Row[] = [
    ...emailRows(emails),
    ...fairnessRows(fairness),
    ...fanoutRows(fanout),
    ...automationRows(automations),
  ];
  const defaults = workerDefaults();
  const report = {
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date().toISOString(),
    command: ["bun", "bench/queue.ts", ...process.argv.slice(2)].join(" "),
    machine: { ...info, loadAverageAtEnd: loadavg().map((v) => Math.round(v * 100) / 100) },
    parameters: {
      ...options,
      database: DATABASE,
      redis: redis.kind,
      worker:
        "bun apps/worker/src/main.ts, NODE_ENV=production, LOG_LEVEL=warn, own QUEUE_PREFIX, " +
        `DATABASE_POOL_MAX ${defaults.poolMax}, WORKER_NOTIFICATION_CONCURRENCY ${defaults.notification}`,
      emailJobs: "email.verify (platform jobs) inserted with one INSERT … SELECT generate_series",
      fairnessJobs:
        "ticket.event (kind created, no actor) on the notification queue for both tenants, about " +
        "an existing ticket of a tenant without agents: the handler reads the ticket and the " +
        "agents, notifies nobody, publishes one ticket.created event",
      server: "bun apps/server/src/main.ts, NODE_ENV=production, LOG_LEVEL=warn",
    },
    targets: {
      emailsPerSecond: TARGET_EMAILS_PER_SECOND,
      quietTenantP99Ms: TARGET_QUIET_P99_MS,
      fanoutP99Ms: TARGET_FANOUT_P99_MS,
      automationEventToActionP99Ms: TARGET_QUIET_P99_MS,
    },
    emails: emails && (emails.ok ? emails.value : { error: emails.error }),
    fairness: fairness && (fairness.ok ? fairness.value : { error: fairness.error }),
    fanout: fanout && (fanout.ok ? fanout.value : { error: fanout.error }),
    automations: automations && (automations.ok ? automations.value : { error: automations.error }),
    table: rows,
  };
  const file = join(resultsDir, `queue-${stamp}.json`);
  await Bun.write(file, `${JSON.stringify(report, null, 2)}\n`);

  console.log(`\n${formatTable(rows)}\n`);
  const failedParts = [emails, fairness, fanout, automations].filter((o) => o && !o.ok).length;
  const misses = rows.filter((r) => r.pass === false).length;
  console.log(
    `${misses === 0 ? "All targets met." : `${misses} target(s) missed (reported, not an error).`} ` +
      `Results: ${file.replace(`${repoRoot()}/`, "")}`,
  );
  if (failedParts > 0) {
    console.error(`${failedParts} part(s) could not be measured; logs: ${workDir}`);
    return 1;
  }
  logs.remove();
  return 0;
}

runBench("bench:queue", main, {
  cleanup: killAll,
  onFailure: () => logs?.onFailure(),
});
