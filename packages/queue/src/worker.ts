// Worker runtime: validates each job, runs its handler at most once to completion, logs with tenant.
import type { Redis } from "@supportdesk/cache";
import { type Database, eq, jobRuns, sql } from "@supportdesk/database";
import type { Logger } from "@supportdesk/logger";
import { type Job, UnrecoverableError, Worker } from "bullmq";
import { jobsByName } from "./jobs";
import { DEFAULT_PREFIX, type QueueName } from "./queues";
import { openPayload } from "./sealed";

/**
 * What a handler receives: the job's outbox id, name, validated payload (sealed fields opened)
 * and attempt number.
 */
export type JobContext = {
  id: string;
  name: string;
  tenantId: string | null;
  payload: Record<string, unknown>;
  attempt: number;
  log: Logger;
};

/** A handler's result is stored on the job run (e.g. the SMTP message id). */
export type JobHandler = (job: JobContext) => Promise<Record<string, unknown> | undefined>;

export type WorkerOptions = {
  db: Database;
  /** Each worker needs its own blocking connection: a factory of `maxRetriesPerRequest: null` clients. */
  connection: () => Redis;
  handlers: Record<string, JobHandler>;
  /** Jobs run at once per queue; a queue left out gets no worker in this process. */
  concurrency: Partial<Record<QueueName, number>>;
  log: Logger;
  /** A job whose worker stops renewing its lock (killed) is redelivered after this long. */
  lockDurationMs?: number;
  /** BullMQ's key prefix (the relay's must match). */
  prefix?: string;
};

/**
 * Runs `fn` unless this job already completed: the run is recorded as `started` before the side
 * effect and `done` after, so a redelivered job (relay retry, stalled worker) does not repeat a
 * finished side effect. The remaining window — killed after the side effect, before `done` — is
 * the irreducible at-least-once edge of SMTP; deterministic Message-IDs let mail systems and
 * people recognise such a duplicate.
 */
export async function runOnce(
  db: Database,
  job: { id: string; name: string; tenantId: string | null },
  fn: () => Promise<Record<string, unknown> | undefined>,
): Promise<Record<string, unknown>> {
  // One statement records the start and tells whether a previous delivery already finished.
  const [run] = await db.platform
    .insert(jobRuns)
    .values({ jobId: job.id, tenantId: job.tenantId, jobName: job.name })
    .onConflictDoUpdate({ target: jobRuns.jobId, set: { jobName: sql`excluded.job_name` } })
    .returning({ status: jobRuns.status, result: jobRuns.result });
  if (run?.status === "done") return { skipped: "already done", ...(run.result ?? {}) };
  const result = (await fn()) ?? {};
  await db.platform
    .update(jobRuns)
    .set({ status: "done", result, finishedAt: sql`now()` })
    .where(eq(jobRuns.jobId, job.id));
  return result;
}

function processor(options: WorkerOptions) {
  return async function process(job: Job): Promise<Record<string, unknown>> {
    const definition = jobsByName[job.name];
    const handler = options.handlers[job.name];
    if (!definition || !handler || !job.id) {
      throw new UnrecoverableError(`no handler for job ${job.name}`);
    }
    let data: unknown;
    try {
      data = openPayload(definition, job.data as Record<string, unknown>);
    } catch (error) {
      // Retrying cannot help a token that does not open: fail the job for inspection.
      throw new UnrecoverableError((error as Error).message);
    }
    const parsed = definition.payload.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UnrecoverableError(
        `invalid payload for ${job.name}: ${issue?.path.join(".")}: ${issue?.message}`,
      );
    }
    const payload = parsed.data as Record<string, unknown>;
    const tenantId = typeof payload.tenantId === "string" ? payload.tenantId : null;
    const log = options.log.child({
      jobId: job.id,
      job: job.name,
      tenantId,
      attempt: job.attemptsMade + 1,
    });
    const run = () =>
      handler({
        id: job.id as string,
        name: job.name,
        tenantId,
        payload,
        attempt: job.attemptsMade + 1,
        log,
      });
    // An idempotent handler guards itself (inbound mail: its row's status, under a lock).
    if (definition.idempotent) return (await run()) ?? {};
    return runOnce(options.db, { id: job.id, name: job.name, tenantId }, run);
  };
}

export type Workers = { close(): Promise<void>; workers: Worker[] };

/**
 * Starts one BullMQ worker per queue. `close()` stops taking jobs and waits for the running ones.
 *
 * @example
 * const workers = startWorkers({ db, connection: () => createRedis(url, { maxRetriesPerRequest: null }), handlers, concurrency: { email: 20, notification: 10 }, log });
 */
export function startWorkers(options: WorkerOptions): Workers {
  const lockDuration = options.lockDurationMs ?? 30_000;
  const workers = (Object.keys(options.concurrency) as QueueName[]).map((queue) => {
    const worker = new Worker(queue, processor(options), {
      connection: options.connection(),
      prefix: options.prefix ?? DEFAULT_PREFIX,
      concurrency: options.concurrency[queue] ?? 1,
      lockDuration,
      stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
      maxStalledCount: 3,
    });
    worker.on("failed", (job, error) => {
      options.log.warn(
        {
          jobId: job?.id,
          job: job?.name,
          tenantId: (job?.data as { tenantId?: string })?.tenantId ?? null,
          attempts: job?.attemptsMade,
          err: error.message,
        },
        "job failed",
      );
    });
    worker.on("error", (error) => options.log.warn({ queue, err: error.message }, "worker error"));
    return worker;
  });
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
