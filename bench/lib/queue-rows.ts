// bench:queue's figures as table rows: emails/s, the quiet tenant's wait, WebSocket fan-out
// (the automations part has its own, queue-automations-report.ts).
import type { EmailResult } from "./queue-emails";
import type { FairnessResult } from "./queue-fairness";
import type { FanoutResult } from "./queue-fanout";
import { ms, num, type Row } from "./report";

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

export const TARGET_EMAILS_PER_SECOND = 1000;
export const TARGET_QUIET_P99_MS = 1000;
export const TARGET_FANOUT_P99_MS = 50;

const perSecond = (value: number) => `${num(value)}/s`;

export function emailRows(result: Outcome<EmailResult> | undefined): Row[] {
  if (!result) return [];
  if (!result.ok) return [{ figure: "Emails/s outbox → SMTP", value: "not measured", pass: false }];
  const { best, runs } = result.value;
  return [
    {
      figure: `Emails/s outbox → SMTP (best, c=${best.concurrency}${best.workers > 1 ? ` × ${best.workers} workers` : ""})`,
      value: perSecond(best.perSecond),
      target: `≥ ${num(TARGET_EMAILS_PER_SECOND, 0)}/s`,
      pass: best.complete && best.perSecond >= TARGET_EMAILS_PER_SECOND,
    },
    ...runs.map((run) => ({
      figure: `  c=${run.concurrency}: first→last (steady 10–90%)`,
      value: `${perSecond(run.perSecond)} (${num(run.steadyPerSecond, 0)}/s)${run.complete ? "" : ` only ${run.received}/${run.jobs}`}`,
    })),
  ];
}

export function fairnessRows(result: Outcome<FairnessResult> | undefined): Row[] {
  if (!result) return [];
  if (!result.ok) return [{ figure: "Quiet tenant wait p99", value: "not measured", pass: false }];
  const r = result.value;
  return [
    { figure: "Quiet tenant Y wait p50", value: ms(r.latencyMs.p50) },
    { figure: "Quiet tenant Y wait p95", value: ms(r.latencyMs.p95) },
    {
      figure: `Quiet tenant Y wait p99 (${num(r.backlog, 0)}-job backlog)`,
      value: ms(r.latencyMs.p99),
      target: `< ${num(TARGET_QUIET_P99_MS, 0)} ms`,
      pass: r.quietNotDone === 0 && r.latencyMs.p99 < TARGET_QUIET_P99_MS,
    },
    { figure: "Quiet tenant Y wait max", value: ms(r.latencyMs.max) },
    {
      figure: "  Y relay wait p50 / p99",
      value: `${ms(r.relayWaitMs.p50)} / ${ms(r.relayWaitMs.p99)}`,
    },
    {
      figure: "  Y BullMQ wait + handler p50 / p99",
      value: `${ms(r.queueAndRunMs.p50)} / ${ms(r.queueAndRunMs.p99)}`,
    },
    ...(r.quietNotDone > 0
      ? [{ figure: "  Y jobs never done", value: String(r.quietNotDone), target: "0", pass: false }]
      : []),
    {
      figure: "Noisy tenant X jobs/s during Y's window",
      value: perSecond(r.noisyPerSecondDuringWindow),
    },
    {
      figure: "  X backlog left when Y's last job was relayed",
      value: num(r.noisyPendingAtLastQuietRelay, 0),
    },
    {
      figure: "  X rows per relay round in the window p50 / max",
      value: `${r.noisyRowsPerRound.p50} / ${r.noisyRowsPerRound.max} (${r.noisyRowsPerRound.rounds} rounds)`,
    },
  ];
}

export function fanoutRows(result: Outcome<FanoutResult> | undefined): Row[] {
  if (!result) return [];
  if (!result.ok) return [{ figure: "WS fan-out p99", value: "not measured", pass: false }];
  const r = result.value;
  return [
    { figure: `WS fan-out latency p50 (${r.sockets} sockets)`, value: ms(r.latencyMs.p50) },
    { figure: "WS fan-out latency p95", value: ms(r.latencyMs.p95) },
    {
      figure: "WS fan-out latency p99",
      value: ms(r.latencyMs.p99),
      target: `< ${TARGET_FANOUT_P99_MS} ms`,
      pass: r.latencyMs.p99 < TARGET_FANOUT_P99_MS,
    },
    { figure: "WS fan-out latency max", value: ms(r.latencyMs.max) },
    {
      figure: "  one event to all sockets p50 / p99",
      value: `${ms(r.eventSpanMs.p50)} / ${ms(r.eventSpanMs.p99)}`,
    },
    { figure: "  first (cold-cache) event to all sockets", value: ms(r.coldEventSpanMs) },
    {
      figure: "  deliveries",
      value: `${num(r.deliveries, 0)} of ${num(r.expectedDeliveries, 0)}`,
      target: "all",
      pass: r.deliveries === r.expectedDeliveries,
    },
    ...(r.membershipCheckWarnings > 0
      ? [
          {
            figure: "  membership checks timed out/failed",
            value: num(r.membershipCheckWarnings, 0),
          },
        ]
      : []),
  ];
}
