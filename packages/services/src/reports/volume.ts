// The volume report: created and resolved per bucket (in the range's time zone), the backlog at
// each bucket's end, and breakdowns by channel, inquiry type, tag, team and agent.
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
import { inquiryTypeName, label, num, teamName, userName, within } from "./sql";

type Counted = { bucket: string; n: unknown };

async function perBucket(tx: TenantDb, range: ReportRange, column: SQL) {
  const rows = await tx.execute<Counted>(sql`
    select ${bucketOf(range, column)} as bucket, count(*)::int as n
    from ticket_facts f where ${within(range, column)} and ${factFilters(range.filters)}
    group by 1`);
  return new Map(rows.map((row) => [row.bucket, num(row.n) ?? 0]));
}

/** Created and resolved by one dimension over the range (tickets touching it either way). */
async function breakdown(
  tx: TenantDb,
  range: ReportRange,
  key: SQL,
  name: (key: SQL) => SQL,
  from = sql``,
) {
  return tx.execute<{ key: string | null; name: string | null; c: unknown; r: unknown }>(sql`
    select g.key, ${name(sql`g.key`)} as name, g.c, g.r from (
      select ${key} as key,
        count(*) filter (where ${within(range, sql`f.created_at`)})::int as c,
        count(*) filter (where ${within(range, sql`f.resolved_at`)})::int as r
      from ticket_facts f ${from}
      where (${within(range, sql`f.created_at`)} or ${within(range, sql`f.resolved_at`)})
        and ${factFilters(range.filters)}
      group by 1
    ) g
    order by g.c desc, g.r desc, 2 nulls last`);
}

const labelled = (none: string) => (row: Awaited<ReturnType<typeof breakdown>>[number]) => ({
  ...label(row.key, row.name, none),
  created: num(row.c) ?? 0,
  resolved: num(row.r) ?? 0,
});

/**
 * Per bucket: created, resolved, and the backlog (open and pending) at its end — the backlog now
 * walked back through what was created and resolved since, so no history table is needed.
 */
export async function volume(scope: TenantScope, input: ReportInput) {
  authorize(scope, "report.read");
  const range = await resolveRange(scope.tx, input);
  const tx = scope.tx;
  const where = factFilters(range.filters);
  const [buckets, created, resolved, [since]] = await Promise.all([
    bucketsOf(tx, range),
    perBucket(tx, range, sql`f.created_at`),
    perBucket(tx, range, sql`f.resolved_at`),
    tx.execute<{ backlog: unknown; created: unknown; resolved: unknown }>(sql`
      select count(*) filter (where f.resolved_at is null)::int as backlog,
        count(*) filter (where f.created_at >= ${range.end}::timestamptz)::int as created,
        count(*) filter (where f.resolved_at >= ${range.end}::timestamptz)::int as resolved
      from ticket_facts f
      where (f.resolved_at is null or f.resolved_at >= ${range.end}::timestamptz
        or f.created_at >= ${range.end}::timestamptz) and ${where}`),
  ]);
  // backlog(t) = backlog now − created since t + resolved since t (resolved_at ≥ created_at).
  let backlog =
    (num(since?.backlog) ?? 0) - (num(since?.created) ?? 0) + (num(since?.resolved) ?? 0);
  const rows = buckets.map((b) => ({
    bucket: b.bucket,
    created: created.get(b.bucket) ?? 0,
    resolved: resolved.get(b.bucket) ?? 0,
    backlog: 0,
  }));
  for (const row of [...rows].reverse()) {
    row.backlog = backlog;
    backlog += -row.created + row.resolved;
  }
  const [byChannel, byInquiryType, byTag, byTeam, byAgent] = await Promise.all([
    breakdown(tx, range, sql`f.channel::text`, (key) => key),
    breakdown(tx, range, sql`f.inquiry_type_id`, inquiryTypeName),
    breakdown(tx, range, sql`tag`, (key) => key, sql`cross join unnest(f.tags) as tag`),
    breakdown(tx, range, sql`f.team_id`, teamName),
    breakdown(tx, range, sql`f.assignee_id`, userName),
  ]);
  return {
    report: "volume" as const,
    range: echo(range),
    buckets: rows,
    totals: {
      created: rows.reduce((sum, row) => sum + row.created, 0),
      resolved: rows.reduce((sum, row) => sum + row.resolved, 0),
    },
    byChannel: byChannel.map(labelled("—")),
    byInquiryType: byInquiryType.map(labelled("No inquiry type")),
    byTag: byTag.map(labelled("—")),
    byTeam: byTeam.map(labelled("No team")),
    byAgent: byAgent.map(labelled("Unassigned")),
  };
}
