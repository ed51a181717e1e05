// bench:email's table: one block per part, the throughput target judged on the best run.
import type { HolResult } from "./email-hol";
import type { Costs } from "./email-phase";
import type { SplitRun } from "./email-split";
import type { InboundStages } from "./email-stages";
import type { ThroughputRun } from "./email-throughput";
import { ms, num, type Row } from "./report";
import type { LatencySummary } from "./stats";

export const TARGET_PER_SECOND = 300;

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

const perSecond = (v: number) => `${num(v)}/s`;
const pcts = (s: LatencySummary) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`;
const cores = (cpu: Record<string, number>) =>
  Object.entries(cpu)
    .filter(([, v]) => v > 0.005)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(", ");

/** Relay wait / BullMQ wait / handler, at one percentile. */
const stageAt = (s: InboundStages, key: "p50" | "p99") =>
  `${num(s.relayMs[key], 0)} / ${num(s.queueMs[key], 0)} / ${num(s.handlerMs[key], 0)} ms`;

/** CPU and database work of a phase, per message. */
function costRows(c: Costs): Row[] {
  const total = Object.values(c.cpuMsPerMessage).reduce((a, b) => a + b, 0);
  const d = c.dbPerMessage;
  return [
    { figure: "    CPU (cores)", value: cores(c.cpu) },
    {
      figure: "    CPU ms per message: total (workers / PostgreSQL)",
      value: `${num(total, 1)} (${num((c.cpuMsPerMessage.receiverWorker ?? 0) + (c.cpuMsPerMessage.otherWorkers ?? 0), 1)} / ${num(c.cpuMsPerMessage.postgres ?? 0, 1)})`,
    },
    {
      figure: "    per message: DB commits / rows written / worker ctx switches",
      value: `${num(d.commits, 1)} / ${num(d.inserted + d.updated + d.deleted, 1)} / ${num(c.workerSwitchesPerMessage.voluntary + c.workerSwitchesPerMessage.involuntary, 0)}`,
    },
  ];
}

/** The best run: the highest filed rate among the complete ones (any, when none completed). */
export function bestRun(runs: ThroughputRun[]): ThroughputRun | undefined {
  const complete = runs.filter((r) => r.complete);
  return (complete.length > 0 ? complete : runs).reduce<ThroughputRun | undefined>(
    (best, r) => (!best || r.committedPerSecond > best.committedPerSecond ? r : best),
    undefined,
  );
}

export function throughputRows(runs: Outcome<ThroughputRun>[]): Row[] {
  const measured = runs.flatMap((r) => (r.ok ? [r.value] : []));
  const best = bestRun(measured);
  const rows: Row[] = [
    {
      figure: best
        ? `Inbound msgs/s, SMTP → ticket committed (best: ${best.workers} worker(s), c=${best.inboundConcurrency})`
        : "Inbound msgs/s, SMTP → ticket committed",
      value: best ? perSecond(best.committedPerSecond) : "not measured",
      target: `≥ ${TARGET_PER_SECOND}/s`,
      pass: best ? best.complete && best.committedPerSecond >= TARGET_PER_SECOND : false,
    },
  ];
  for (const run of runs) {
    if (!run.ok) {
      rows.push({ figure: "  a run", value: `not measured: ${run.error.slice(0, 60)}` });
      continue;
    }
    const r = run.value;
    const head = `  ${r.workers} worker(s), c=${r.inboundConcurrency}, ${r.senders} senders`;
    rows.push(
      {
        figure: `${head}: committed (steady 10–90%)`,
        value: `${perSecond(r.committedPerSecond)} (${num(r.steadyCommittedPerSecond, 0)}/s)`,
      },
      { figure: "    accepted (SMTP 250s)", value: perSecond(r.acceptPerSecond) },
      {
        figure: "    send → 250 p50 / p95 / p99",
        value: pcts(r.send.sendToAcceptMs),
      },
      {
        figure: "    DB: received → filing began p50 / p99",
        value: `${ms(r.filed.receivedToFilingMs.p50)} / ${ms(r.filed.receivedToFilingMs.p99)}`,
      },
      { figure: "    stages p50: relay / BullMQ wait / handler", value: stageAt(r.stages, "p50") },
      {
        figure: "    backlog at the last 250, then drained in",
        value: `${num(r.backlogAtLastAccept, 0)} msgs, ${num(r.drainSeconds, 1)} s`,
      },
      {
        figure: "    processed / committed messages / new tickets",
        value: `${r.filed.statuses.processed ?? 0} / ${r.filed.committedMessages} / ${r.filed.newTickets} of ${r.messages}`,
        target: "all processed",
        pass: r.complete && (r.filed.statuses.processed ?? 0) === r.messages,
      },
      ...costRows(r.costs),
    );
  }
  return rows;
}

export function splitRows(result: Outcome<SplitRun> | undefined): Row[] {
  if (!result) return [];
  if (!result.ok)
    return [{ figure: "Split: receiver alone / filing alone", value: "not measured" }];
  const r = result.value;
  return [
    {
      figure: `Receiver alone, filing paused (${r.workers} worker(s))`,
      value: perSecond(r.acceptOnlyPerSecond),
    },
    ...costRows(r.acceptCosts),
    {
      figure: `Filing alone, no SMTP traffic (c=${r.inboundConcurrency})`,
      value: perSecond(r.fileOnlyPerSecond),
    },
    ...costRows(r.fileCosts),
  ];
}

export function holRows(result: Outcome<HolResult> | undefined): Row[] {
  if (!result) return [];
  if (!result.ok)
    return [{ figure: "Small-message p99 beside big messages", value: "not measured" }];
  const r = result.value;
  const bigMb = r.big.length ? (r.big[0]?.bytes ?? 0) : 0;
  return [
    {
      figure: `Small msgs, ${r.rate}/s alone: 250 → committed p50 / p95 / p99`,
      value: pcts(r.baseline.acceptToCommittedMs),
    },
    {
      figure: `  beside ${r.big.length} × ${num(bigMb / 2 ** 20, 1)} MB (${num(r.withBig.seconds, 1)} s, ${r.withBig.acceptToCommittedMs.count} msgs)`,
      value: pcts(r.withBig.acceptToCommittedMs),
    },
    {
      figure: "  ratio beside ÷ alone, p50 / p95 / p99",
      value: `${num(r.ratio.p50, 2)} / ${num(r.ratio.p95, 2)} / ${num(r.ratio.p99, 2)}`,
    },
    {
      figure: "  stages p50 alone: relay / BullMQ wait / handler",
      value: stageAt(r.baseline.stages, "p50"),
    },
    { figure: "  stages p99 alone", value: stageAt(r.baseline.stages, "p99") },
    { figure: "  stages p50 beside big messages", value: stageAt(r.withBig.stages, "p50") },
    { figure: "  stages p99 beside big messages", value: stageAt(r.withBig.stages, "p99") },
    {
      figure: "  send → 250 p99 alone / beside",
      value: `${ms(r.baseline.sendToAcceptMs.p99)} / ${ms(r.withBig.sendToAcceptMs.p99)}`,
    },
    {
      figure: "  small messages refused or not processed",
      value: String(
        r.baseline.refused + r.withBig.refused + r.baseline.notProcessed + r.withBig.notProcessed,
      ),
      target: "0",
      pass:
        r.baseline.refused +
          r.withBig.refused +
          r.baseline.notProcessed +
          r.withBig.notProcessed ===
        0,
    },
    {
      figure: "  big: send → 250 / 250 → committed (ms, each)",
      value: r.big.map((b) => `${b.sendToAcceptMs}/${b.acceptToCommittedMs}`).join(" "),
    },
    { figure: "  CPU beside big messages (cores)", value: cores(r.withBig.cpu) },
    {
      figure: "  commit seen late by at most (watcher query mean / max)",
      value: `${ms(r.watcher.totalMs / Math.max(1, r.watcher.queries))} / ${ms(r.watcher.maxMs)}`,
    },
  ];
}
