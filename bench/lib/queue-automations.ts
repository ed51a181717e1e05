// Part 4 of bench:queue: automation rules run by the real worker. 100 tenants × 100 rules:
// (a) a backlog of 10,000 ticket events → rule evaluations per second; (b) events recorded one at
// a time at a steady rate → event-to-action latency; (c) one noisy tenant's 100,000-event backlog
// while quiet tenants record events → the quiet tenants' event-to-action latency.
import { join } from "node:path";
import {
  type BenchTenant,
  createRuleTenants,
  insertAutomationEvents,
  installRunReaders,
  MATCH_EVERY,
  recordEvent,
} from "./queue-automations-data";
import type { QueueBenchContext } from "./queue-context";
import { prefixFor } from "./queue-context";
import type { Db } from "./queue-db";
import { resetData } from "./queue-db";
import { type RunningWorker, startWorker, workerDefaults } from "./queue-procs";
import { logTail } from "./server";
import { type LatencySummary, summarize } from "./stats";

type Sql = Db["sql"];

export type AutomationOptions = {
  tenants: number;
  rules: number;
  events: number;
  latencyEvents: number;
  latencyRate: number;
  noisyEvents: number;
  quietEvents: number;
  quietIntervalMs: number;
  concurrency: number;
};

export type AutomationResult = {
  tenants: number;
  rulesPerTenant: number;
  matchingRulesPerTenant: number;
  concurrency: number;
  throughput: {
    events: number;
    evaluations: number;
    seconds: number;
    evaluationsPerSecond: number;
    eventsPerSecond: number;
    complete: boolean;
  };
  /** occurredAt (the change's commit) → the event's last rule run done. */
  latency: {
    events: number;
    ratePerSecond: number;
    eventToActionMs: LatencySummary;
    notDone: number;
  };
  noisy: {
    backlog: number;
    quietEvents: number;
    quietEventToActionMs: LatencySummary;
    quietNotDone: number;
    /** The quiet events' outbox insert → dispatched to BullMQ by the relay. */
    quietRelayWaitMs: LatencySummary | undefined;
    noisyEventsDoneInWindow: number;
  };
};

const STALL_MS = 60_000;

function worker(context: QueueBenchContext, part: string, concurrency: number): RunningWorker {
  const defaults = workerDefaults();
  return startWorker({
    databaseUrl: context.urls.app,
    redisUrl: context.redisUrl,
    smtpUrl: "smtp://127.0.0.1:9",
    prefix: prefixFor(context, part),
    emailConcurrency: defaults.email,
    notificationConcurrency: defaults.notification,
    automationConcurrency: concurrency,
    logFile: join(context.workDir, `worker-${part}.log`),
  });
}

/** Runs rows of these tenants (or all), polled until `target` or no progress for STALL_MS. */
async function waitForRuns(
  sql: Sql,
  tenants: string[],
  running: RunningWorker,
  target: number,
  log: (line: string) => void,
  label: string,
): Promise<number> {
  let last = -1;
  let lastProgress = Date.now();
  let lastPrint = Date.now();
  for (;;) {
    running.assertAlive();
    const n = await runCount(sql, tenants);
    if (n >= target) return n;
    if (n !== last) {
      last = n;
      lastProgress = Date.now();
    } else if (Date.now() - lastProgress > STALL_MS) {
      log(
        `  ${label}: no progress for ${STALL_MS / 1000} s at ${n}/${target}; worker log:\n${logTail(running.logFile)}`,
      );
      return n;
    }
    if (Date.now() - lastPrint > 5000) {
      lastPrint = Date.now();
      log(`  ${label}: ${n}/${target} rule runs`);
    }
    await Bun.sleep(250);
  }
}

async function runCount(sql: Sql, tenants: string[]): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select bench_run_count(${tenants}::uuid[])::int as n`;
  return row?.n ?? 0;
}

/** Each event's latency: its occurredAt → its last rule run's end (latency_ms, from the engine). */
async function eventLatencies(sql: Sql, tenants: string[], eventIds: string[]) {
  const rows = await sql<{ ms: number | null }[]>`
    select ms from bench_event_latency(${tenants}::uuid[], ${eventIds}::text[])`;
  const done = rows.filter((r) => r.ms !== null).map((r) => Number(r.ms));
  return { summary: summarize(Float64Array.from(done)), notDone: eventIds.length - done.length };
}

async function paced(
  sql: Sql,
  tenants: BenchTenant[],
  count: number,
  intervalMs: number,
): Promise<string[]> {
  const ids: string[] = [];
  const inserts: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const wait = start + i * intervalMs - performance.now();
    if (wait > 0) await Bun.sleep(wait);
    const tenant = tenants[i % tenants.length] as BenchTenant;
    inserts.push(recordEvent(sql, tenant).then((id) => void ids.push(id)));
  }
  await Promise.all(inserts);
  return ids;
}

export async function measureAutomations(
  context: QueueBenchContext,
  options: AutomationOptions,
): Promise<AutomationResult> {
  const { owner, log } = context;
  const sql = owner.sql;
  await resetData(sql);
  await installRunReaders(sql);
  log(`automations: ${options.tenants} tenants × ${options.rules} rules`);
  const tenants = await createRuleTenants(sql, "rules", options.tenants, options.rules);
  const ids = tenants.map((t) => t.tenantId);
  const perTenant = Math.max(1, Math.floor(options.events / options.tenants));
  const events = await insertAutomationEvents(sql, tenants, perTenant);
  const expected = events * options.rules;

  // (a) Throughput: the whole backlog, first run to last.
  log(`  (a) ${events} events queued (${expected} rule evaluations); starting the worker`);
  let running = worker(context, "auto-a", options.concurrency);
  let evaluations: number;
  try {
    evaluations = await waitForRuns(sql, ids, running, expected, log, "(a)");
  } finally {
    await running.stop();
  }
  const [span] = await sql<{ seconds: number }[]>`
    select bench_run_span(${ids}::uuid[]) as seconds`;
  const seconds = span?.seconds ?? Number.NaN;

  // (b) Latency at a steady rate.
  const intervalMs = 1000 / options.latencyRate;
  log(`  (b) ${options.latencyEvents} events at ${options.latencyRate}/s`);
  running = worker(context, "auto-b", options.concurrency);
  let latency: Awaited<ReturnType<typeof eventLatencies>>;
  try {
    await Bun.sleep(2000);
    const before = evaluations;
    const events = await paced(sql, tenants, options.latencyEvents, intervalMs);
    await waitForRuns(sql, ids, running, before + events.length * options.rules, log, "(b)");
    latency = await eventLatencies(sql, ids, events);
  } finally {
    await running.stop();
  }

  // (c) A noisy tenant's backlog while the quiet tenants record events.
  const [noisy] = await createRuleTenants(sql, "noisy", 1, options.rules);
  if (!noisy) throw new Error("no noisy tenant");
  log(`  (c) noisy tenant: ${options.noisyEvents} events queued`);
  const backlog = await insertAutomationEvents(sql, [noisy], options.noisyEvents);
  const noisyRuns = () => runCount(sql, [noisy.tenantId]);
  running = worker(context, "auto-c", options.concurrency);
  let quiet: Awaited<ReturnType<typeof eventLatencies>>;
  let noisyInWindow = 0;
  let relayWait: LatencySummary | undefined;
  try {
    const warmDeadline = Date.now() + 120_000;
    while ((await noisyRuns()) < options.rules * 50) {
      running.assertAlive();
      if (Date.now() > warmDeadline) throw new Error("the noisy backlog did not start draining");
      await Bun.sleep(200);
    }
    const noisyBefore = await noisyRuns();
    const quietBefore = await runCount(sql, ids);
    const events = await paced(sql, tenants, options.quietEvents, options.quietIntervalMs);
    const deadline = Date.now() + STALL_MS;
    for (;;) {
      running.assertAlive();
      const done = (await runCount(sql, ids)) - quietBefore;
      if (done >= events.length * options.rules || Date.now() > deadline) break;
      await Bun.sleep(200);
    }
    noisyInWindow = Math.floor(((await noisyRuns()) - noisyBefore) / options.rules);
    quiet = await eventLatencies(sql, ids, events);
    const waits = await sql<{ ms: number | null }[]>`
      select extract(epoch from (dispatched_at - created_at))::float8 * 1000 as ms from outbox
      where job_name = 'automation.event' and payload->>'eventId' = any(${events}::text[])`;
    relayWait = summarize(
      Float64Array.from(waits.filter((w) => w.ms !== null).map((w) => Number(w.ms))),
    );
  } finally {
    await running.stop();
  }
  return {
    tenants: options.tenants,
    rulesPerTenant: options.rules,
    matchingRulesPerTenant: Math.floor(options.rules / MATCH_EVERY),
    concurrency: options.concurrency,
    throughput: {
      events,
      evaluations,
      seconds,
      evaluationsPerSecond: evaluations / seconds,
      eventsPerSecond: evaluations / options.rules / seconds,
      complete: evaluations >= expected,
    },
    latency: {
      events: options.latencyEvents,
      ratePerSecond: options.latencyRate,
      eventToActionMs: latency.summary,
      notDone: latency.notDone,
    },
    noisy: {
      backlog,
      quietEvents: options.quietEvents,
      quietEventToActionMs: quiet.summary,
      quietNotDone: quiet.notDone,
      quietRelayWaitMs: relayWait,
      noisyEventsDoneInWindow: noisyInWindow,
    },
  };
}
