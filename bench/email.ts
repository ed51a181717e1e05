// `bun run bench:email`: inbound email with the real worker process — its SMTP receiver and its
// 'inbound' queue handler — and real SMTP clients: messages/s from SMTP to a committed ticket,
// which side limits (receiver or filing), and small messages' latency beside big ones. A command,
// not a test: misses are reported, not failed.
import { loadavg } from "node:os";
import { join } from "node:path";
import { ConfigError, loadEnv, repoRoot } from "@supportdesk/config";
import { benchVariable } from "./lib/args";
import { type ChildLogs, childLogs, killAll } from "./lib/children";
import { benchUrls, describe, ensureDatabase, migrate } from "./lib/db-setup";
import { type EmailPart, emailUsage, parseEmailArgs } from "./lib/email-args";
import { INBOUND_DOMAIN } from "./lib/email-data";
import { type HolResult, measureHeadOfLine } from "./lib/email-hol";
import {
  bestRun,
  holRows,
  type Outcome,
  splitRows,
  TARGET_PER_SECOND,
  throughputRows,
} from "./lib/email-report";
import type { EmailBenchContext } from "./lib/email-run";
import { measureSplit, type SplitRun } from "./lib/email-split";
import { measureThroughput, type ThroughputRun } from "./lib/email-throughput";
import { lockRun, openOwner, resetData } from "./lib/queue-db";
import { type PrivateRedis, startPrivateRedis, startSink } from "./lib/queue-procs";
import { formatTable, type Row } from "./lib/report";
import { log, machine, readOptions, runBench, started } from "./lib/run";

const DATABASE = "supportdesk_bench_email";

let logs: ChildLogs | undefined;

async function attempt<T>(part: EmailPart, fn: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    log(`${part}: could not measure: ${describe(error)}`);
    if (benchVariable("BENCH_DEBUG") && error instanceof Error) console.error(error.stack);
    return { ok: false, error: describe(error) };
  }
}

const loadNow = () => loadavg().map((v) => Math.round(v * 100) / 100);

async function main(): Promise<number> {
  const options = readOptions("bench:email", parseEmailArgs, emailUsage);
  if (typeof options === "number") return options;
  const info = machine();
  const resultsDir = join(repoRoot(), "bench", "results");
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  logs = childLogs("email");
  const workDir = logs.dir;
  log(
    `bench:email on ${info.cores} cores, ${info.memoryGiB} GiB (load average ` +
      `${info.loadAverageAtStart.join(" ")}); parts: ${options.parts.join(", ")}` +
      (options.quick ? " (quick)" : ""),
  );

  const config = loadEnv();
  if (!config.DATABASE_ADMIN_URL) {
    throw new ConfigError(
      "DATABASE_ADMIN_URL (the owner role) is not set: run `bun run services:up` or set it.",
    );
  }
  let redis: PrivateRedis | undefined;
  let redisUrl = benchVariable("BENCH_REDIS_URL");
  if (!redisUrl) {
    const binary = Bun.which("redis-server");
    if (!binary) throw new Error("No redis-server binary: set BENCH_REDIS_URL to a Redis to use.");
    redis = await startPrivateRedis(binary, workDir);
    redisUrl = redis.url;
  }
  const urls = benchUrls(config.DATABASE_ADMIN_URL, config.DATABASE_URL, DATABASE);
  await ensureDatabase(urls, log);
  await migrate(urls);
  const owner = openOwner(urls.admin);
  const unlock = await lockRun(owner);
  if (!unlock) {
    await owner.close().catch(() => {});
    await redis?.stop();
    throw new Error(
      `Another run is using ${DATABASE} (each run empties it); wait for it to finish.`,
    );
  }
  const sink = await startSink();
  const context: EmailBenchContext = {
    urls,
    owner,
    redisUrl,
    sinkUrl: sink.url,
    runId: Date.now().toString(36),
    workDir,
    options,
    log,
  };

  const throughput: Outcome<ThroughputRun>[] = [];
  let split: Outcome<SplitRun> | undefined;
  let hol: Outcome<HolResult> | undefined;
  const loadDuring: Record<string, number[]> = {};
  try {
    if (options.parts.includes("throughput")) {
      for (const workers of options.workers) {
        for (const concurrency of options.inboundConcurrency) {
          throughput.push(
            await attempt("throughput", () => measureThroughput(context, workers, concurrency)),
          );
          loadDuring[`throughput w${workers} c${concurrency}`] = loadNow();
        }
      }
    }
    const best = bestRun(throughput.flatMap((r) => (r.ok ? [r.value] : [])));
    const partWorkers = options.partWorkers ?? best?.workers ?? 1;
    const partConcurrency = best?.inboundConcurrency ?? (options.inboundConcurrency[0] as number);
    if (options.parts.includes("split")) {
      split = await attempt("split", () => measureSplit(context, partWorkers, partConcurrency));
      loadDuring.split = loadNow();
    }
    if (options.parts.includes("hol")) {
      hol = await attempt("hol", () => measureHeadOfLine(context, partWorkers, partConcurrency));
      loadDuring.hol = loadNow();
    }
    await resetData(owner.sql).catch(() => {});
  } finally {
    await sink.stop().catch(() => {});
    await unlock();
    await owner.close().catch(() => {});
    await redis?.stop();
  }

  const rows: Row[] = [
    ...(options.parts.includes("throughput") ? throughputRows(throughput) : []),
    ...splitRows(split),
    ...holRows(hol),
  ];
  const measured = throughput.flatMap((r) => (r.ok ? [r.value] : []));
  const best = bestRun(measured);
  const report = {
    startedAt: new Date(started).toISOString(),
    finishedAt: new Date().toISOString(),
    command: ["bun", "bench/email.ts", ...process.argv.slice(2)].join(" "),
    machine: { ...info, loadAverageAtEnd: loadNow(), loadAverageAfterPart: loadDuring },
    parameters: {
      ...options,
      database: DATABASE,
      redis: redis ? `private redis-server on port ${redis.port}` : "BENCH_REDIS_URL",
      inboundDomain: INBOUND_DOMAIN,
      worker:
        "bun apps/worker/src/main.ts, NODE_ENV=production, LOG_LEVEL=warn, own QUEUE_PREFIX, " +
        "STORAGE_DRIVER=local in a temporary directory; worker 1 runs the SMTP receiver " +
        "(INBOUND_SMTP_ENABLED=true), the others only take jobs; SMTP_URL is an SMTP sink",
      senders: "nodemailer pooled transport, raw messages built before the clock starts",
    },
    targets: { committedPerSecond: TARGET_PER_SECOND },
    best: best ? { workers: best.workers, inboundConcurrency: best.inboundConcurrency } : null,
    throughput: throughput.map((r) => (r.ok ? r.value : { error: r.error })),
    split: split && (split.ok ? split.value : { error: split.error }),
    hol: hol && (hol.ok ? hol.value : { error: hol.error }),
    table: rows,
  };
  const file = join(resultsDir, `email-${stamp}.json`);
  await Bun.write(file, `${JSON.stringify(report, null, 2)}\n`);

  console.log(`\n${formatTable(rows)}\n`);
  if (measured.length > 1 && best) {
    console.log(
      `Best worker count: ${best.workers} (${measured
        .map(
          (r) => `${r.workers} w / c=${r.inboundConcurrency}: ${r.committedPerSecond.toFixed(0)}/s`,
        )
        .join(", ")}).`,
    );
  }
  const failed = [...throughput, split, hol].filter((o) => o && !o.ok).length;
  const misses = rows.filter((r) => r.pass === false).length;
  console.log(
    `${misses === 0 ? "All targets met." : `${misses} target(s) missed (reported, not an error).`} ` +
      `Load average now ${loadNow().join(" ")}. Results: ${file.replace(`${repoRoot()}/`, "")}`,
  );
  if (failed > 0) {
    console.error(`${failed} run(s) could not be measured; logs: ${workDir}`);
    return 1;
  }
  logs.remove();
  return 0;
}

runBench("bench:email", main, {
  cleanup: killAll,
  onFailure: () => logs?.onFailure(),
});
