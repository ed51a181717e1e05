// The overview report: the range's headline figures, one round trip over the rollup, the SLA
// clocks and the surveys.
import { sql } from "@supportdesk/database";
import { authorize, type TenantScope } from "../context";
import { echo, factFilters, type ReportInput, resolveRange } from "./range";
import { clockOutcome, surveyScope } from "./sources";
import { avg, num, pct, percentiles, secs, within } from "./sql";

/**
 * Created and resolved in the range, the backlog now (open and pending), median and p90 first
 * response (tickets created in the range) and resolution (resolved in it) in business seconds,
 * SLA targets met and breached (decided in the range), CSAT average and response rate (surveys
 * sent in the range).
 *
 * @example
 * const o = await overview(scope, { from: "2025-01-01", to: "2025-01-31", timezone: "UTC" });
 */
export async function overview(scope: TenantScope, input: ReportInput) {
  authorize(scope, "report.read");
  const range = await resolveRange(scope.tx, input);
  const where = factFilters(range.filters);
  const [row] = await scope.tx.execute<Record<string, unknown>>(sql`
    with c as (
      select count(*)::int as n, ${percentiles(sql`f.first_response_seconds`)}
      from ticket_facts f where ${within(range, sql`f.created_at`)} and ${where}
    ), r as (
      select count(*)::int as n, ${percentiles(sql`f.resolution_seconds`)}
      from ticket_facts f where ${within(range, sql`f.resolved_at`)} and ${where}
    ), b as (
      select count(*)::int as n from ticket_facts f where f.resolved_at is null and ${where}
    ), s as (
      select count(*) filter (where o.breached)::int as breached,
        count(*) filter (where not o.breached)::int as met
      from ${clockOutcome(range)} o
    ), q as (
      select count(*)::int as sent, count(v.rating)::int as responded, avg(v.rating) as average
      from ${surveyScope(range)} v
    )
    select c.n as created, c.median as fr_median, c.p90 as fr_p90,
      r.n as resolved, r.median as res_median, r.p90 as res_p90, b.n as backlog,
      s.met, s.breached, q.sent, q.responded, q.average
    from c, r, b, s, q`);
  if (!row) throw new Error("overview returned no row");
  const met = num(row.met) ?? 0;
  const breached = num(row.breached) ?? 0;
  const sent = num(row.sent) ?? 0;
  const responded = num(row.responded) ?? 0;
  return {
    report: "overview" as const,
    range: echo(range),
    created: num(row.created) ?? 0,
    resolved: num(row.resolved) ?? 0,
    backlog: num(row.backlog) ?? 0,
    firstResponse: { median: secs(row.fr_median), p90: secs(row.fr_p90) },
    resolution: { median: secs(row.res_median), p90: secs(row.res_p90) },
    sla: { met, breached, pctMet: pct(met, met + breached) },
    csat: { average: avg(row.average), sent, responded, responseRate: pct(responded, sent) },
  };
}
