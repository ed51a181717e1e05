// bench:queue automations: the report's rows (figures, targets, pass/miss).
import type { AutomationResult } from "./queue-automations";
import { ms, num, type Row } from "./report";

const TARGET_P99_MS = 1000;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

export function automationRows(result: Outcome<AutomationResult> | undefined): Row[] {
  if (!result) return [];
  if (!result.ok) {
    return [{ figure: "Automation event-to-action p99", value: "not measured", pass: false }];
  }
  const r = result.value;
  const t = r.throughput;
  return [
    {
      figure: `Rule evaluations/s (${r.tenants} tenants × ${r.rulesPerTenant} rules, ${num(t.events, 0)} events, c=${r.concurrency})`,
      value: `${num(t.evaluationsPerSecond, 0)}/s (${num(t.eventsPerSecond, 0)} events/s)${t.complete ? "" : ` only ${num(t.evaluations, 0)}`}`,
    },
    {
      figure: `  event-to-action p50 (${num(r.latency.ratePerSecond, 0)} events/s)`,
      value: ms(r.latency.eventToActionMs.p50),
    },
    {
      figure: "  event-to-action p99",
      value: ms(r.latency.eventToActionMs.p99),
      target: `< ${num(TARGET_P99_MS, 0)} ms`,
      pass: r.latency.notDone === 0 && r.latency.eventToActionMs.p99 < TARGET_P99_MS,
    },
    {
      figure: `  quiet tenants' p50 while a noisy one drains ${num(r.noisy.backlog, 0)} events`,
      value: ms(r.noisy.quietEventToActionMs.p50),
    },
    {
      figure: "  quiet tenants' event-to-action p99 (noisy backlog)",
      value: ms(r.noisy.quietEventToActionMs.p99),
      target: `< ${num(TARGET_P99_MS, 0)} ms`,
      pass: r.noisy.quietNotDone === 0 && r.noisy.quietEventToActionMs.p99 < TARGET_P99_MS,
    },
    {
      figure: "    of which the relay's wait p50 / p99",
      value: r.noisy.quietRelayWaitMs
        ? `${ms(r.noisy.quietRelayWaitMs.p50)} / ${ms(r.noisy.quietRelayWaitMs.p99)}`
        : "—",
    },
    {
      figure: "  noisy tenant's events done meanwhile",
      value: num(r.noisy.noisyEventsDoneInWindow, 0),
    },
  ];
}
