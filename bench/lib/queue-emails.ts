// Part 1 of bench:queue: emails per second from the outbox, through the relay, BullMQ and the
// worker's email handler, to an SMTP receiver. One run per WORKER_EMAIL_CONCURRENCY value.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { QueueBenchContext } from "./queue-context";
import { prefixFor } from "./queue-context";
import { insertEmailJobs, resetData } from "./queue-db";
import { startSink, startWorker, workerDefaults } from "./queue-procs";
import { logTail } from "./server";

export type EmailRun = {
  concurrency: number;
  /** Worker processes (each with its relay and `concurrency` email handlers). */
  workers: number;
  jobs: number;
  received: number;
  /** job_runs rows with status done when the run ended. */
  done: number;
  /** From the first to the last message received (s). */
  seconds: number;
  /** (received − 1) ÷ seconds. */
  perSecond: number;
  /** The rate between the 10th and the 90th percentile of arrivals (no ramp-up, no tail). */
  steadyPerSecond: number;
  /** From spawning the worker to the first message (s): start-up, connections, JIT. */
  firstMessageAfterSeconds: number;
  /** `job failed` lines in the worker's log. */
  failedJobLines: number;
  /** Whether every job arrived (false: the run stalled and was cut short). */
  complete: boolean;
  /** CPU the worker processes used during the run (user + system seconds ÷ wall seconds). */
  workerCpu: number | null;
  smtpConnections: number;
};

export type EmailResult = { runs: EmailRun[]; best: EmailRun };

const STALL_MS = 30_000;

function cpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100;
  } catch {
    return null;
  }
}

async function runOnce(
  context: QueueBenchContext,
  jobs: number,
  concurrency: number,
  workerCount: number,
): Promise<EmailRun> {
  const { owner, log } = context;
  await resetData(owner.sql);
  const inserted = await insertEmailJobs(owner.sql, jobs);
  const sink = await startSink();
  const label = `c${concurrency}${workerCount > 1 ? `-w${workerCount}` : ""}`;
  const logFiles = Array.from({ length: workerCount }, (_, i) =>
    join(context.workDir, `worker-emails-${label}-${i + 1}.log`),
  );
  const spawnedAt = performance.timeOrigin + performance.now();
  const workers = logFiles.map((logFile) =>
    startWorker({
      databaseUrl: context.urls.app,
      redisUrl: context.redisUrl,
      smtpUrl: sink.url,
      prefix: prefixFor(context, label),
      emailConcurrency: concurrency,
      notificationConcurrency: workerDefaults().notification,
      logFile,
    }),
  );
  const cpu = () => {
    let total = 0;
    for (const worker of workers) {
      const seconds = cpuSeconds(worker.child.pid);
      if (seconds === null) return null;
      total += seconds;
    }
    return total;
  };
  const cpuAtStart = cpu();
  let cpuAtEnd: number | null = null;
  try {
    let last = 0;
    let lastChange = Date.now();
    let lastPrint = Date.now();
    for (;;) {
      await Bun.sleep(250);
      for (const worker of workers) worker.assertAlive();
      const { count } = await sink.count();
      if (count >= inserted) break;
      if (count !== last) {
        last = count;
        lastChange = Date.now();
      } else if (Date.now() - lastChange > STALL_MS) {
        log(
          `  ${label}: no email for ${STALL_MS / 1000} s at ${count}/${inserted}; ` +
            `cutting the run short. Worker log:\n${logTail(logFiles[0] as string, 10)}`,
        );
        break;
      }
      if (Date.now() - lastPrint > 5000) {
        lastPrint = Date.now();
        log(`  ${label}: ${count}/${inserted} emails received`);
      }
    }
    cpuAtEnd = cpu();
  } finally {
    await Promise.all(workers.map((worker) => worker.stop()));
  }
  const report = await sink.report();
  await sink.stop();
  const [row] = await owner.sql<{ done: number }[]>`
    select count(*)::int as done from job_runs where status = 'done'`;
  const times = [...report.times].sort((a, b) => a - b);
  const first = times[0] ?? Number.NaN;
  const lastAt = times[times.length - 1] ?? Number.NaN;
  const seconds = (lastAt - first) / 1000;
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  const lo = Math.floor(0.1 * times.length);
  const hi = Math.floor(0.9 * times.length);
  const steadySeconds = (at(0.9) - at(0.1)) / 1000;
  const failedJobLines = logFiles
    .flatMap((file) => readFileSync(file, "utf8").split("\n"))
    .filter((line) => line.includes("job failed")).length;
  const wall = (lastAt - spawnedAt) / 1000;
  return {
    concurrency,
    workers: workerCount,
    jobs: inserted,
    received: times.length,
    done: row?.done ?? 0,
    seconds,
    perSecond: times.length > 1 ? (times.length - 1) / seconds : Number.NaN,
    steadyPerSecond: hi > lo ? (hi - lo) / steadySeconds : Number.NaN,
    firstMessageAfterSeconds: (first - spawnedAt) / 1000,
    failedJobLines,
    complete: times.length >= inserted,
    workerCpu:
      cpuAtStart !== null && cpuAtEnd !== null && wall > 0 ? (cpuAtEnd - cpuAtStart) / wall : null,
    smtpConnections: report.connections,
  };
}

/** Runs the email part at each concurrency; the best is the highest first-to-last rate. */
export async function measureEmails(
  context: QueueBenchContext,
  jobs: number,
  concurrencies: number[],
  workers: number,
): Promise<EmailResult> {
  const runs: EmailRun[] = [];
  for (const concurrency of concurrencies) {
    context.log(
      `emails: ${jobs} email.verify jobs, WORKER_EMAIL_CONCURRENCY=${concurrency}` +
        (workers > 1 ? `, ${workers} worker processes` : ""),
    );
    const run = await runOnce(context, jobs, concurrency, workers);
    context.log(
      `  c=${concurrency}: ${run.received}/${run.jobs} received in ${run.seconds.toFixed(2)} s: ` +
        `${run.perSecond.toFixed(0)} emails/s (steady ${run.steadyPerSecond.toFixed(0)}/s, ` +
        `worker CPU ${run.workerCpu === null ? "n/a" : `${(run.workerCpu * 100).toFixed(0)}%`}` +
        `${run.failedJobLines ? `, ${run.failedJobLines} failed-job log lines` : ""})`,
    );
    runs.push(run);
  }
  const best = runs.reduce((a, b) =>
    (Number.isFinite(b.perSecond) ? b.perSecond : 0) >
    (Number.isFinite(a.perSecond) ? a.perSecond : 0)
      ? b
      : a,
  );
  return { runs, best };
}
