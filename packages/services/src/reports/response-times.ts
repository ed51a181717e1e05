// The response-times report: median and p90 first response (tickets created in a bucket) and
// resolution (tickets resolved in it), in business seconds, per bucket and by agent and team.
import { type SQL, sql, type TenantDb } from "@supportdesk/database";
import { authorize, type TenantScope } from "../context";
import {
  bucketOf,
  bucketsOf,
  echo,
  factFilters,
  type ReportInput,
  type ReportRange,
  resolveRange,
} from "./range";
import { label, num, percentiles, secs, teamName, userName, within } from "./sql";

type Figures = { count: number; median: number | null; p90: number | null };
type Row = { key: string | null; median: unknown; p90: unknown; n: unknown };
const empty: Figures = { count: 0, median: null, p90: null };
const figures = (row: Row | undefined): Figures =>
  row ? { count: num(row.n) ?? 0, median: secs(row.median), p90: secs(row.p90) } : empty;

/** Median and p90 of `measure` over facts whose `at` is in the range, grouped by `key`. */
function measured(tx: TenantDb, range: ReportRange, measure: SQL, at: SQL, key: SQL) {
  return tx.execute<Row>(sql`
    select ${key} as key, count(${measure})::int as n, ${percentiles(measure)}
    from ticket_facts f
    where ${within(range, at)} and ${factFilters(range.filters)}
    group by 1`);
}

async function byDimension(tx: TenantDb, range: ReportRange, key: SQL, name: (k: SQL) => SQL) {
  const [first, resolution, names] = await Promise.all([
    measured(tx, range, sql`f.first_response_seconds`, sql`f.created_at`, key),
    measured(tx, range, sql`f.resolution_seconds`, sql`f.resolved_at`, key),
    tx.execute<{ key: string; name: string | null }>(sql`
      select k.key, ${name(sql`k.key`)} as name
      from (select distinct ${key} as key from ticket_facts f
        where (${within(range, sql`f.created_at`)} or ${within(range, sql`f.resolved_at`)})
          and ${key} is not null and ${factFilters(range.filters)}) k`),
  ]);
  const nameOf = new Map(names.map((row) => [row.key, row.name]));
  const keys = [...new Set([...first, ...resolution].map((row) => row.key))];
  return keys
    .map((key) => ({
      ...label(key, key === null ? null : (nameOf.get(key) ?? null), "Unassigned"),
      firstResponse: figures(first.find((row) => row.key === key)),
      resolution: figures(resolution.find((row) => row.key === key)),
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/**
 * @example
 * const r = await responseTimes(scope, { from: "2025-01-01", to: "2025-03-31", interval: "week", timezone: "UTC" });
 */
export async function responseTimes(scope: TenantScope, input: ReportInput) {
  authorize(scope, "report.read");
  const range = await resolveRange(scope.tx, input);
  const tx = scope.tx;
  const [buckets, first, resolution, byAgent, byTeam] = await Promise.all([
    bucketsOf(tx, range),
    measured(
      tx,
      range,
      sql`f.first_response_seconds`,
      sql`f.created_at`,
      bucketOf(range, sql`f.created_at`),
    ),
    measured(
      tx,
      range,
      sql`f.resolution_seconds`,
      sql`f.resolved_at`,
      bucketOf(range, sql`f.resolved_at`),
    ),
    byDimension(tx, range, sql`f.assignee_id`, userName),
    byDimension(tx, range, sql`f.team_id`, teamName),
  ]);
  const [firstAll, resolutionAll] = await Promise.all([
    measured(tx, range, sql`f.first_response_seconds`, sql`f.created_at`, sql`null::text`),
    measured(tx, range, sql`f.resolution_seconds`, sql`f.resolved_at`, sql`null::text`),
  ]);
  return {
    report: "responseTimes" as const,
    range: echo(range),
    overall: { firstResponse: figures(firstAll[0]), resolution: figures(resolutionAll[0]) },
    buckets: buckets.map((b) => ({
      bucket: b.bucket,
      firstResponse: figures(first.find((row) => row.key === b.bucket)),
      resolution: figures(resolution.find((row) => row.key === b.bucket)),
    })),
    byAgent: byAgent.map((row) => row),
    byTeam: byTeam.map((row) => (row.key === null ? { ...row, label: "No team" } : row)),
  };
}
