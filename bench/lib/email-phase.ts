// What the throughput and split parts of bench:email share: sending a batch of small messages as
// fast as the receiver answers, waiting until every accepted one is filed, and metering what a
// phase cost (CPU per process group, database work per message).
import { receivedLeft } from "./email-data";
import { composeSmall, type Outgoing, openSender } from "./email-mail";
import { contextSwitches, cpuMark, cpuSince, type Switches, switchesPer } from "./email-procs";
import { type Desk, type EmailBenchContext, epochMs } from "./email-run";
import {
  activityPer,
  countersPer,
  type DbCounters,
  dbCounters,
  type TableActivity,
  tableActivity,
} from "./email-stages";
import { type LatencySummary, Samples, summarize } from "./stats";

const STALL_MS = 60_000;

/** Where a phase's time went: CPU per process group, and database work per message. */
export type Costs = {
  /** Cores per process group over the phase. */
  cpu: Record<string, number>;
  /** CPU milliseconds per message, per process group. */
  cpuMsPerMessage: Record<string, number>;
  /** pg_stat_database counters of the bench database per message. */
  dbPerMessage: DbCounters;
  /** Per table: scans and rows written per message (pg_stat_user_tables). */
  tablesPerMessage: TableActivity;
  /** The worker processes' context switches per message (waits; preemptions). */
  workerSwitchesPerMessage: Switches;
};

/** Starts measuring a phase's costs; `finish(messages)` ends it. */
export async function meter(context: EmailBenchContext, desk: Desk) {
  const sql = context.owner.sql;
  const groups = await desk.cpuGroups();
  const workerPids = desk.workers.children.map((c) => c.pid);
  const mark = cpuMark(groups);
  const counters = await dbCounters(sql);
  const tables = await tableActivity(sql);
  const switches = contextSwitches(workerPids);
  const startedAt = epochMs();
  return {
    async finish(messages: number): Promise<Costs> {
      const cpu = cpuSince(mark, { ...groups, postgres: (await desk.cpuGroups()).postgres });
      const seconds = (epochMs() - startedAt) / 1000;
      const switchesNow = contextSwitches(workerPids);
      await Bun.sleep(1100); // pg_stat counters are flushed about once a second
      const per = Math.max(1, messages);
      const cpuMsPerMessage = Object.fromEntries(
        Object.entries(cpu).map(([k, v]) => [k, Math.round((v * seconds * 10_000) / per) / 10]),
      );
      return {
        cpu,
        cpuMsPerMessage,
        dbPerMessage: countersPer(counters, await dbCounters(sql), per),
        tablesPerMessage: activityPer(tables, await tableActivity(sql), per),
        workerSwitchesPerMessage: switchesPer(switches, switchesNow, per),
      };
    },
  };
}

export type SendResult = {
  accepted: number;
  refused: number;
  firstErrors: string[];
  firstSendAt: number;
  lastAcceptAt: number;
  /** Each message's send → 250. */
  sendToAcceptMs: LatencySummary;
};

/** Sends every message, `connections` at a time, as fast as the receiver answers. */
export async function sendAll(
  desk: Desk,
  mails: Outgoing[],
  connections: number,
  counter: { accepted: number } = { accepted: 0 },
): Promise<SendResult> {
  const sender = openSender(desk.workers.port, connections);
  const latency = new Samples();
  const firstErrors: string[] = [];
  let refused = 0;
  let next = 0;
  let lastAcceptAt = 0;
  const firstSendAt = epochMs();
  try {
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (next < mails.length) {
          const mail = mails[next++] as Outgoing;
          const sentAt = epochMs();
          try {
            await sender.send(mail);
            lastAcceptAt = epochMs();
            latency.push(lastAcceptAt - sentAt);
            counter.accepted++;
          } catch (error) {
            refused++;
            if (firstErrors.length < 5) firstErrors.push((error as Error).message);
          }
        }
      }),
    );
  } finally {
    sender.close();
  }
  return {
    accepted: latency.length,
    refused,
    firstErrors,
    firstSendAt,
    lastAcceptAt,
    sendToAcceptMs: summarize(latency.values()),
  };
}

export function composeAll(context: EmailBenchContext, desk: Desk, tag: string): Outgoing[] {
  const { options } = context;
  return Array.from({ length: options.messages }, (_, i) =>
    composeSmall(i, desk.tenants, {
      customers: options.customers,
      replyPercent: options.replyPercent,
      kb: options.smallKb,
      runTag: `${context.runId}${tag}`,
    }),
  );
}

export type Progress = { at: number; filed: number };

/**
 * Polls until no row is 'received' once `sending` settled; the progress seen on the way (filed =
 * accepted before the query − still waiting, so it may undercount by a few in flight).
 */
export async function untilFiled(
  context: EmailBenchContext,
  desk: Desk,
  sending: Promise<SendResult> | undefined,
  counter: { accepted: number },
): Promise<{ doneAt: number; complete: boolean; progress: Progress[]; leftAtLastAccept: number }> {
  let settled = sending === undefined;
  void sending?.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  const progress: Progress[] = [];
  let leftAtLastAccept = -1;
  let lastLeft = -1;
  let lastChange = Date.now();
  let lastPrint = Date.now();
  for (;;) {
    // Counting reads every waiting row: every 200 ms while many wait (the poll's own load on
    // PostgreSQL stays small), every 50 ms near the end (the end time's resolution).
    await Bun.sleep(lastLeft >= 0 && lastLeft <= 100 ? 50 : 200);
    desk.workers.assertAlive();
    const wasSettled = settled;
    const accepted = counter.accepted;
    const left = await receivedLeft(context.owner.sql, desk.tenantIds);
    const at = epochMs();
    progress.push({ at, filed: Math.max(0, accepted - left) });
    if (wasSettled && leftAtLastAccept < 0) leftAtLastAccept = left;
    if (wasSettled && left === 0) return { doneAt: at, complete: true, progress, leftAtLastAccept };
    if (left !== lastLeft || !wasSettled) {
      lastLeft = left;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > STALL_MS) {
      context.log(`  ${desk.label}: ${left} messages unfiled for ${STALL_MS / 1000} s; cut short`);
      return { doneAt: at, complete: false, progress, leftAtLastAccept };
    }
    if (Date.now() - lastPrint > 5000) {
      lastPrint = Date.now();
      context.log(`  ${desk.label}: ${accepted} accepted, ${left} waiting to be filed`);
    }
  }
}

/** The filing rate between 10% and 90% of the messages filed (no ramp-up, no tail). */
export function steadyRate(progress: Progress[], total: number): number {
  const at = (share: number) => progress.find((p) => p.filed >= share * total)?.at;
  const a = at(0.1);
  const b = at(0.9);
  return a !== undefined && b !== undefined && b > a
    ? (0.8 * total) / ((b - a) / 1000)
    : Number.NaN;
}
