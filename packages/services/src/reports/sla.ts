// The SLA report: per metric, targets met and breached and % met per bucket (by when each was
// decided), and the latest breaches.
import { sql } from "@supportdesk/database";
import { SLA_METRICS, type SlaMetric } from "@supportdesk/domain";
import { authorize, type TenantScope } from "../context";
import { bucketOf, bucketsOf, echo, type ReportInput, resolveRange } from "./range";
import { clockOutcome } from "./sources";
import { num, pct } from "./sql";

/** How many of the latest breaches the report lists. */
export const LATEST_BREACHES = 20;

type Tally = { met: number; breached: number; pctMet: number | null };
const tally = (met: number, breached: number): Tally => ({
  met,
  breached,
  pctMet: pct(met, met + breached),
});

/**
 * @example
 * const s = await slaReport(scope, { from: "2025-01-01", to: "2025-01-31", timezone: "UTC" });
 */
export async function slaReport(scope: TenantScope, input: ReportInput) {
  authorize(scope, "report.read");
  const range = await resolveRange(scope.tx, input);
  const tx = scope.tx;
  const [buckets, counts, latest] = await Promise.all([
    bucketsOf(tx, range),
    tx.execute<{ bucket: string; metric: SlaMetric; met: unknown; breached: unknown }>(sql`
      select ${bucketOf(range, sql`o.at`)} as bucket, o.metric,
        count(*) filter (where not o.breached)::int as met,
        count(*) filter (where o.breached)::int as breached
      from ${clockOutcome(range)} o
      group by 1, 2`),
    tx.execute<{
      ticket_id: string;
      number: number;
      subject: string;
      metric: SlaMetric;
      due_at: string | null;
      at: string;
      policy_name: string;
      assignee_id: string | null;
    }>(sql`
      select o.ticket_id, t.number, t.subject, o.metric, o.due_at, o.at, o.policy_name, o.assignee_id
      from ${clockOutcome(range)} o
      join tickets t on t.tenant_id = current_setting('app.tenant_id')::uuid and t.id = o.ticket_id
      where o.breached
      order by o.at desc, o.ticket_id
      limit ${LATEST_BREACHES}`),
  ]);
  const cell = (bucket: string | null, metric: SlaMetric | null) => {
    const rows = counts.filter(
      (row) =>
        (bucket === null || row.bucket === bucket) && (metric === null || row.metric === metric),
    );
    return tally(
      rows.reduce((sum, row) => sum + (num(row.met) ?? 0), 0),
      rows.reduce((sum, row) => sum + (num(row.breached) ?? 0), 0),
    );
  };
  return {
    report: "sla" as const,
    range: echo(range),
    overall: cell(null, null),
    buckets: buckets.map((b) => ({ bucket: b.bucket, ...cell(b.bucket, null) })),
    metrics: SLA_METRICS.map((metric) => ({
      metric,
      ...cell(null, metric),
      buckets: buckets.map((b) => ({ bucket: b.bucket, ...cell(b.bucket, metric) })),
    })),
    latestBreaches: latest.map((row) => ({
      ticketId: row.ticket_id,
      number: row.number,
      subject: row.subject,
      metric: row.metric,
      dueAt: row.due_at ? new Date(row.due_at).toISOString() : null,
      breachedAt: new Date(row.at).toISOString(),
      policyName: row.policy_name,
    })),
  };
}
