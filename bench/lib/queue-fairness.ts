// Part 2 of bench:queue: a quiet tenant's job latency while a noisy tenant's backlog drains.
// Tenant X has a backlog of `ticket.event` jobs; tenant Y records single `ticket.event` jobs the
// way a request does (its own transaction, through `enqueue`), spaced out. Both are on the
// notification queue, so they meet in the relay's per-tenant lanes and in BullMQ's FIFO.
import { join } from "node:path";
import { createDatabase } from "@supportdesk/database";
// Not dependencies of the root package (only config and database are): imported by path.
import { enqueue, ticketEventJob } from "@supportdesk/queue";
import type { QueueBenchContext } from "./queue-context";
import { prefixFor } from "./queue-context";
import { createTenantWithTicket, insertTicketEvents, resetData } from "./queue-db";
import { startWorker, workerDefaults } from "./queue-procs";
import { logTail } from "./server";
import { type LatencySummary, summarize } from "./stats";

export type FairnessResult = {
  backlog: number;
  quietJobs: number;
  quietIntervalMs: number;
  notificationConcurrency: number;
  /** Y's outbox insert (created_at) → handler done (job_runs.finished_at). */
  latencyMs: LatencySummary;
  /** Y's outbox insert → dispatched to BullMQ by the relay. */
  relayWaitMs: LatencySummary;
  /** Y's dispatch → handler done: BullMQ wait behind X's queued jobs, plus the handler. */
  queueAndRunMs: LatencySummary;
  /** Y jobs not done when the part ended (count; their latency is not in the figures). */
  quietNotDone: number;
  /** X's jobs done per second during Y's window (first Y insert → last Y done). */
  noisyPerSecondDuringWindow: number;
  /** X's jobs done per second from its first to its last done job (whole part). */
  noisyPerSecondOverall: number;
  windowSeconds: number;
  noisyDoneBeforeWindow: number;
  noisyDoneInWindow: number;
  /** X's jobs still pending in the outbox when Y's window ended (0: the backlog ran out). */
  noisyPendingAtWindowEnd: number;
  /** X's jobs not yet dispatched when the relay dispatched Y's last job. */
  noisyPendingAtLastQuietRelay: number;
  /**
   * Whether X still had jobs waiting in the outbox when Y's last job was relayed (false: Y's
   * jobs were relayed only once X's backlog ran out, or the backlog was too small).
   */
  backlogLastedWindow: boolean;
  /**
   * X's rows per relay round while Y's jobs waited (rows sharing a dispatched_at were moved by
   * one round): Y's job fits in a round only when the round has room for X's lane and Y's.
   */
  noisyRowsPerRound: { rounds: number; p50: number; max: number; roomFor: number };
};

const STALL_MS = 60_000;
/** The relay's default `perTenant` (packages/queue/src/relay.ts), for reading the batch sizes. */
const RELAY_PER_TENANT = 50;

type LatencyRow = { total: number; relay: number | null; rest: number | null; done: boolean };

export async function measureFairness(
  context: QueueBenchContext,
  options: { backlog: number; quietJobs: number; quietIntervalMs: number },
): Promise<FairnessResult> {
  const { owner, log } = context;
  const sql = owner.sql;
  await resetData(sql);
  const noisy = await createTenantWithTicket(sql, "bench-noisy", "Noisy Tenant X");
  const quiet = await createTenantWithTicket(sql, "bench-quiet", "Quiet Tenant Y");
  log(`fairness: inserting tenant X's backlog of ${options.backlog} ticket.event jobs`);
  const backlog = await insertTicketEvents(sql, noisy.tenantId, noisy.ticketId, options.backlog);
  const concurrency = workerDefaults();

  const noisyDone = async () => {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from job_runs
      where tenant_id = ${noisy.tenantId}::uuid and status = 'done'`;
    return row?.n ?? 0;
  };

  const logFile = join(context.workDir, "worker-fairness.log");
  const worker = startWorker({
    databaseUrl: context.urls.app,
    redisUrl: context.redisUrl,
    // Nothing here sends email (the tenants have no agents to notify); the mailer never connects.
    smtpUrl: "smtp://127.0.0.1:9",
    prefix: prefixFor(context, "fair"),
    emailConcurrency: concurrency.email,
    notificationConcurrency: concurrency.notification,
    logFile,
  });
  const app = createDatabase({ url: context.urls.app, max: 4 });
  try {
    // Let X's drain reach its steady state before Y starts.
    const warm = Math.min(2000, Math.max(1, Math.floor(backlog / 20)));
    const warmDeadline = Date.now() + 120_000;
    while ((await noisyDone()) < warm) {
      worker.assertAlive();
      if (Date.now() > warmDeadline) {
        throw new Error(
          `X's backlog did not start draining within 120 s (${await noisyDone()} done). ` +
            `Worker log:\n${logTail(logFile)}`,
        );
      }
      await Bun.sleep(100);
    }
    const doneBefore = await noisyDone();
    log(
      `  X is draining (${doneBefore} done); Y records ${options.quietJobs} jobs, one every ` +
        `${options.quietIntervalMs} ms`,
    );

    // Y's jobs: each in its own tenant transaction through the producer API, on a fixed schedule.
    const ids: string[] = [];
    const failures: string[] = [];
    const inserts: Promise<void>[] = [];
    const start = performance.now();
    for (let i = 0; i < options.quietJobs; i++) {
      const wait = start + i * options.quietIntervalMs - performance.now();
      if (wait > 0) await Bun.sleep(wait);
      inserts.push(
        app
          .withTenant(quiet.tenantId, (tx) =>
            enqueue(tx, ticketEventJob, {
              tenantId: quiet.tenantId,
              ticketId: quiet.ticketId,
              kind: "created",
              actorUserId: null,
            }),
          )
          .then(
            (row) => {
              ids.push(row.id);
            },
            (error: Error) => {
              failures.push(error.message);
            },
          ),
      );
    }
    await Promise.all(inserts);
    if (failures.length > 0) {
      throw new Error(`${failures.length} of Y's inserts failed, e.g.: ${failures[0]}`);
    }

    // Wait for every Y job; X keeps draining meanwhile.
    const quietDone = async () => {
      const [row] = await sql<{ n: number }[]>`
        select count(*)::int as n from job_runs
        where job_id = any(${ids}::uuid[]) and status = 'done'`;
      return row?.n ?? 0;
    };
    let lastProgress = Date.now();
    let lastSeen = -1;
    let lastPrint = Date.now();
    for (;;) {
      worker.assertAlive();
      const [y, x] = await Promise.all([quietDone(), noisyDone()]);
      if (y >= ids.length) break;
      if (x + y !== lastSeen) {
        lastSeen = x + y;
        lastProgress = Date.now();
      } else if (Date.now() - lastProgress > STALL_MS) {
        log(`  no progress for ${STALL_MS / 1000} s (Y ${y}/${ids.length} done); giving up`);
        break;
      }
      if (Date.now() - lastPrint > 5000) {
        lastPrint = Date.now();
        log(`  Y ${y}/${ids.length} done, X ${x}/${backlog} done`);
      }
      await Bun.sleep(200);
    }

    const rows = await sql<LatencyRow[]>`
      select extract(epoch from (coalesce(r.finished_at, now()) - o.created_at)) * 1000 as total,
             extract(epoch from (o.dispatched_at - o.created_at)) * 1000 as relay,
             extract(epoch from (r.finished_at - o.dispatched_at)) * 1000 as rest,
             coalesce(r.status = 'done', false) as done
      from outbox o left join job_runs r on r.job_id = o.id
      where o.id = any(${ids}::uuid[])`;
    const doneRows = rows.filter((r) => r.done);
    const summary = (values: (number | null)[]) =>
      summarize(Float64Array.from(values.filter((v): v is number => v !== null).map(Number)));

    // The window: Y's first insert to Y's last completion. X's "pending" at an instant counts
    // the rows not yet dispatched then (exact, from dispatched_at, not sampled).
    const [window] = await sql<
      {
        from: string | null;
        to: string | null;
        seconds: number | null;
        pendingAtEnd: number;
        pendingAtLastRelay: number;
      }[]
    >`
      with y as (
        select min(o.created_at) as "from", max(r.finished_at) as "to",
               max(o.dispatched_at) as relayed
        from outbox o left join job_runs r on r.job_id = o.id
        where o.id = any(${ids}::uuid[]))
      select y."from"::text as "from", y."to"::text as "to",
             extract(epoch from (y."to" - y."from"))::float8 as seconds,
             (select count(*)::int from outbox x
               where x.tenant_id = ${noisy.tenantId}::uuid
                 and (x.dispatched_at is null or x.dispatched_at > y."to")) as "pendingAtEnd",
             (select count(*)::int from outbox x
               where x.tenant_id = ${noisy.tenantId}::uuid
                 and (x.dispatched_at is null or x.dispatched_at > y.relayed))
               as "pendingAtLastRelay"
      from y`;
    const [counts] = await sql<
      { inWindow: number; before: number; overall: number; overallSeconds: number | null }[]
    >`
      select count(*) filter (where finished_at >= ${window?.from ?? null}::timestamptz
                                and finished_at <= ${window?.to ?? null}::timestamptz)::int
               as "inWindow",
             count(*) filter (where finished_at < ${window?.from ?? null}::timestamptz)::int
               as before,
             count(*)::int as overall,
             extract(epoch from (max(finished_at) - min(finished_at)))::float8 as "overallSeconds"
      from job_runs where tenant_id = ${noisy.tenantId}::uuid and status = 'done'`;
    const [rounds] = await sql<{ rounds: number; p50: number | null; max: number | null }[]>`
      select count(*)::int as rounds,
             percentile_disc(0.5) within group (order by n)::int as p50, max(n)::int as max
      from (select count(*) as n from outbox
            where tenant_id = ${noisy.tenantId}::uuid
              and dispatched_at between ${window?.from ?? null}::timestamptz
                                    and ${window?.to ?? null}::timestamptz
            group by dispatched_at) per_round`;
    const windowSeconds = window?.seconds ?? Number.NaN;
    return {
      backlog,
      quietJobs: ids.length,
      quietIntervalMs: options.quietIntervalMs,
      notificationConcurrency: concurrency.notification,
      latencyMs: summary(doneRows.map((r) => r.total)),
      relayWaitMs: summary(doneRows.map((r) => r.relay)),
      queueAndRunMs: summary(doneRows.map((r) => r.rest)),
      quietNotDone: rows.length - doneRows.length,
      noisyPerSecondDuringWindow: (counts?.inWindow ?? 0) / windowSeconds,
      noisyPerSecondOverall: (counts?.overall ?? 0) / (counts?.overallSeconds ?? Number.NaN),
      windowSeconds,
      noisyDoneBeforeWindow: counts?.before ?? 0,
      noisyDoneInWindow: counts?.inWindow ?? 0,
      noisyPendingAtWindowEnd: window?.pendingAtEnd ?? 0,
      noisyPendingAtLastQuietRelay: window?.pendingAtLastRelay ?? 0,
      backlogLastedWindow: (window?.pendingAtLastRelay ?? 0) > 0,
      noisyRowsPerRound: {
        rounds: rounds?.rounds ?? 0,
        p50: rounds?.p50 ?? Number.NaN,
        max: rounds?.max ?? Number.NaN,
        roomFor: RELAY_PER_TENANT + 1,
      },
    };
  } finally {
    await worker.stop();
    await app.close().catch(() => {});
  }
}
