// Part 3 of bench:email, head-of-line blocking: small messages on a steady open-loop schedule
// (`--rate` per second), each timed from its 250 to its filing committed (email-watch.ts), first
// alone for `--baseline-seconds`, then while `--big` big messages are sent over `--big-senders`
// connections and filed; that phase lasts until the last big message is filed.

import { dbNow } from "./email-data";
import { composeBig, composeSmall, type Outgoing, openSender, type Sender } from "./email-mail";
import { cpuMark, cpuSince } from "./email-procs";
import { type Desk, type EmailBenchContext, epochMs, openDesk, warmUp } from "./email-run";
import { type InboundStages, inboundStages } from "./email-stages";
import { type CommitWatcher, startCommitWatcher } from "./email-watch";
import { type LatencySummary, summarize } from "./stats";

const PHASE_LIMIT_MS = 15 * 60_000;

type Sample = {
  scheduledAt: number;
  acceptedAt: number;
  committedAt: number;
  status: string;
};

export type HolPhase = {
  /** From the first scheduled small message to the last (the big messages' window for "withBig"). */
  seconds: number;
  sent: number;
  refused: number;
  firstErrors: string[];
  /** Filed with a status other than processed (should be none). */
  notProcessed: number;
  /** The figure: each small message's 250 → its filing committed. */
  acceptToCommittedMs: LatencySummary;
  /** Scheduled send → 250 (waiting for a free connection included: the schedule is open-loop). */
  sendToAcceptMs: LatencySummary;
  sendToCommittedMs: LatencySummary;
  /** The small messages' inbound jobs: relay wait, BullMQ wait, handler (database clock). */
  stages: InboundStages;
  cpu: Record<string, number>;
};

export type BigMessage = {
  bytes: number;
  sendToAcceptMs: number;
  acceptToCommittedMs: number;
  status: string;
};

export type HolResult = {
  workers: number;
  inboundConcurrency: number;
  rate: number;
  baseline: HolPhase;
  withBig: HolPhase;
  big: BigMessage[];
  /** withBig ÷ baseline of the accept → committed percentiles. */
  ratio: { p50: number; p95: number; p99: number };
  watcher: { queries: number; totalMs: number; maxMs: number };
};

/**
 * Sends small messages every 1000/rate ms from now until `stop()` is true; each is sent on its
 * schedule even when earlier ones are still waiting (so a stall shows as latency, not as fewer
 * messages). Resolves with every message's timings once all are filed.
 */
async function steadySmall(
  context: EmailBenchContext,
  desk: Desk,
  sender: Sender,
  watcher: CommitWatcher,
  first: number,
  stop: () => boolean,
): Promise<{ samples: Sample[]; sent: number; refused: number; firstErrors: string[] }> {
  const { options } = context;
  const samples: Sample[] = [];
  const firstErrors: string[] = [];
  const inFlight: Promise<void>[] = [];
  let refused = 0;
  const start = epochMs();
  for (let k = 0; !stop(); k++) {
    const scheduledAt = start + (k * 1000) / options.rate;
    const wait = scheduledAt - epochMs();
    if (wait > 0) await Bun.sleep(wait);
    if (stop()) break;
    desk.workers.assertAlive();
    const mail = composeSmall(first + k, desk.tenants, {
      customers: options.customers,
      replyPercent: options.replyPercent,
      kb: options.smallKb,
      runTag: `${context.runId}h`,
    });
    inFlight.push(
      sender.send(mail).then(
        async ({ id }) => {
          const acceptedAt = epochMs();
          const filed = await watcher.watch(mail.tenant.id, id);
          samples.push({ scheduledAt, acceptedAt, committedAt: filed.at, status: filed.status });
        },
        (error: Error) => {
          refused++;
          if (firstErrors.length < 5) firstErrors.push(error.message);
        },
      ),
    );
  }
  await within(Promise.all(inFlight), PHASE_LIMIT_MS, "the small messages being filed");
  return { samples, sent: inFlight.length, refused, firstErrors };
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

function phase(
  run: Awaited<ReturnType<typeof steadySmall>>,
  seconds: number,
  cpu: Record<string, number>,
  stages: InboundStages,
): HolPhase {
  const pick = (f: (s: Sample) => number) => summarize(Float64Array.from(run.samples.map(f)));
  return {
    seconds,
    sent: run.sent,
    refused: run.refused,
    firstErrors: run.firstErrors,
    notProcessed: run.samples.filter((s) => s.status !== "processed").length,
    acceptToCommittedMs: pick((s) => s.committedAt - s.acceptedAt),
    sendToAcceptMs: pick((s) => s.acceptedAt - s.scheduledAt),
    sendToCommittedMs: pick((s) => s.committedAt - s.scheduledAt),
    stages,
    cpu,
  };
}

export async function measureHeadOfLine(
  context: EmailBenchContext,
  workers: number,
  inboundConcurrency: number,
): Promise<HolResult> {
  const { options, log } = context;
  const label = `h-w${workers}-c${inboundConcurrency}`;
  const desk = await openDesk(context, label, workers, inboundConcurrency);
  const small = openSender(desk.workers.port, Math.min(options.senders, 4));
  const bigSender = openSender(desk.workers.port, options.bigSenders);
  let watcher: CommitWatcher | undefined;
  try {
    await warmUp(context, desk, 60, 4);
    log(`head-of-line: building ${options.big} messages of ${options.bigMb} MB`);
    const bigMails: Outgoing[] = Array.from({ length: options.big }, (_, k) =>
      composeBig(
        k,
        desk.tenants[k % desk.tenants.length] as Desk["tenants"][number],
        options.bigMb,
        `${context.runId}b`,
      ),
    );
    watcher = await startCommitWatcher(context.owner);
    const w = watcher;

    log(
      `head-of-line: baseline, ${options.rate} small messages/s for ${options.baselineSeconds} s`,
    );
    let groups = await desk.cpuGroups();
    let mark = cpuMark(groups);
    const baselineSince = await dbNow(context.owner.sql);
    const baselineEnd = epochMs() + options.baselineSeconds * 1000;
    const baselineRun = await steadySmall(
      context,
      desk,
      small,
      w,
      0,
      () => epochMs() >= baselineEnd,
    );
    const baselineCpu = cpuSince(mark, { ...groups, postgres: (await desk.cpuGroups()).postgres });
    const bigSince = await dbNow(context.owner.sql);
    const baseline = phase(
      baselineRun,
      options.baselineSeconds,
      baselineCpu,
      await inboundStages(context.owner.sql, baselineSince, bigSince),
    );
    await Bun.sleep(1000);

    log(
      `head-of-line: ${options.big} × ${options.bigMb} MB alongside ${options.rate} small messages/s`,
    );
    groups = await desk.cpuGroups();
    mark = cpuMark(groups);
    let bigDone = false;
    let bigDoneAt = 0;
    const windowStart = epochMs();
    const big: BigMessage[] = [];
    const bigIds: string[] = [];
    const bigRun = Promise.all(
      bigMails.map(async (mail) => {
        const sentAt = epochMs();
        const { id } = await bigSender.send(mail);
        const acceptedAt = epochMs();
        bigIds.push(id);
        const filed = await w.watch(mail.tenant.id, id);
        big.push({
          bytes: mail.raw.byteLength,
          sendToAcceptMs: Math.round(acceptedAt - sentAt),
          acceptToCommittedMs: Math.round(filed.at - acceptedAt),
          status: filed.status,
        });
      }),
    ).finally(() => {
      bigDone = true;
      bigDoneAt = epochMs();
    });
    bigRun.catch(() => {});
    const smallRun = await steadySmall(context, desk, small, w, 1_000_000, () => bigDone);
    await within(bigRun, PHASE_LIMIT_MS, "the big messages being filed");
    const windowSeconds = (bigDoneAt - windowStart) / 1000;
    const withBig = phase(
      smallRun,
      windowSeconds,
      cpuSince(mark, { ...groups, postgres: (await desk.cpuGroups()).postgres }),
      await inboundStages(context.owner.sql, bigSince, null, bigIds),
    );
    const ratio = (key: "p50" | "p95" | "p99") =>
      withBig.acceptToCommittedMs[key] / baseline.acceptToCommittedMs[key];
    const result: HolResult = {
      workers,
      inboundConcurrency,
      rate: options.rate,
      baseline,
      withBig,
      big,
      ratio: { p50: ratio("p50"), p95: ratio("p95"), p99: ratio("p99") },
      watcher: w.stats(),
    };
    log(
      `  small accept → committed p99: ${baseline.acceptToCommittedMs.p99.toFixed(0)} ms alone, ` +
        `${withBig.acceptToCommittedMs.p99.toFixed(0)} ms with big messages (${withBig.seconds.toFixed(1)} s window)`,
    );
    return result;
  } finally {
    small.close();
    bigSender.close();
    await watcher?.stop().catch(() => {});
    await desk.close();
  }
}
