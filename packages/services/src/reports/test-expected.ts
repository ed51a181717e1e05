// The reports' figures computed straight from the source tables (tickets, messages, sla_clocks,
// csat_surveys) — never from ticket_facts — for the tests to hold the reports against.
import { type SQL, sql, type TenantDb } from "@supportdesk/database";
import { DateTime } from "luxon";
import type { ReportFilters, ReportInterval } from "./range";

export type Case = {
  from: string;
  to: string;
  timezone: string;
  interval: ReportInterval;
  filters: ReportFilters;
};

const SRC = sql`src as (
  select t.id, t.created_at, t.channel::text as channel, t.inquiry_type_id, t.team_id, t.assignee_id,
    t.priority::text as priority, t.tags, t.status::text as status,
    case when t.status in ('resolved', 'closed') then t.status_changed_at end as resolved_at,
    extract(epoch from (select min(m.created_at) from messages m where m.ticket_id = t.id
      and m.author_type = 'agent' and not m.is_internal and m.created_at > t.created_at) - t.created_at) as fr
  from tickets t)`;

function kept(
  f: ReportFilters,
  team: SQL = sql`src.team_id`,
  agent: SQL = sql`src.assignee_id`,
): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.teamId) parts.push(sql`${team} = ${f.teamId}::uuid`);
  if (f.assigneeId) parts.push(sql`${agent} = ${f.assigneeId}::uuid`);
  if (f.tag) parts.push(sql`${f.tag} = any(src.tags)`);
  if (f.channel) parts.push(sql`src.channel = ${f.channel}`);
  if (f.inquiryTypeId) parts.push(sql`src.inquiry_type_id = ${f.inquiryTypeId}`);
  if (f.priority) parts.push(sql`src.priority = ${f.priority}`);
  return sql.join(parts, sql` and `);
}

/** The range's instants and each bucket's label and end (clipped to the range), by luxon. */
export function bucketEnds(c: Case) {
  const start = DateTime.fromISO(c.from, { zone: c.timezone });
  const end = DateTime.fromISO(c.to, { zone: c.timezone }).plus({ days: 1 });
  const out: { bucket: string; end: string }[] = [];
  for (let b = start.startOf(c.interval); b < end; b = b.plus({ [c.interval]: 1 })) {
    const bEnd = b.plus({ [c.interval]: 1 });
    out.push({ bucket: b.toISODate() ?? "", end: DateTime.min(bEnd, end).toUTC().toISO() ?? "" });
  }
  return { start: start.toUTC().toISO(), end: end.toUTC().toISO(), buckets: out };
}

const n = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v)));

/** Everything the tests compare, for one case. */
export async function expected(tx: TenantDb, c: Case) {
  const { start, end, buckets } = bucketEnds(c);
  const inRange = (col: SQL) =>
    sql`${col} >= ${start}::timestamptz and ${col} < ${end}::timestamptz`;
  const bucket = (col: SQL) =>
    sql`to_char(date_trunc(${c.interval}, ${col} at time zone ${c.timezone}), 'YYYY-MM-DD')`;
  const where = kept(c.filters);
  const count = async (col: SQL) =>
    Object.fromEntries(
      (
        await tx.execute<{ b: string; n: number }>(sql`with ${SRC}
        select ${bucket(col)} as b, count(*)::int as n from src where ${where} and ${inRange(col)} group by 1`)
      ).map((r) => [r.b, r.n]),
    );
  const created = await count(sql`src.created_at`);
  const resolved = await count(sql`src.resolved_at`);
  const backlog: Record<string, number> = {};
  for (const b of buckets) {
    const [row] = await tx.execute<{ n: number }>(sql`with ${SRC} select count(*)::int as n from src
      where ${where} and src.created_at < ${b.end}::timestamptz
        and (src.resolved_at is null or src.resolved_at >= ${b.end}::timestamptz)`);
    backlog[b.bucket] = row?.n ?? 0;
  }
  const [times] = await tx.execute<Record<string, unknown>>(sql`with ${SRC} select
    (select percentile_cont(0.5) within group (order by fr) from src where ${where} and ${inRange(sql`src.created_at`)}) as fr_median,
    (select percentile_cont(0.9) within group (order by fr) from src where ${where} and ${inRange(sql`src.created_at`)}) as fr_p90,
    (select percentile_cont(0.5) within group (order by extract(epoch from resolved_at - created_at)) from src where ${where} and ${inRange(sql`src.resolved_at`)}) as res_median,
    (select percentile_cont(0.9) within group (order by extract(epoch from resolved_at - created_at)) from src where ${where} and ${inRange(sql`src.resolved_at`)}) as res_p90,
    (select count(*)::int from src where ${where} and status in ('open', 'pending')) as backlog_now`);
  const decided = sql`coalesce(c.breached_at, c.completed_at)`;
  const sla = await tx.execute<{
    b: string;
    metric: string;
    met: number;
    breached: number;
  }>(sql`with ${SRC}
    select ${bucket(decided)} as b, c.metric::text as metric,
      count(*) filter (where c.breached_at is null)::int as met,
      count(*) filter (where c.breached_at is not null)::int as breached
    from sla_clocks c join src on src.id = c.ticket_id
    where ${where} and (c.breached_at is not null or c.status = 'met') and ${inRange(decided)}
    group by 1, 2`);
  const surveys = await tx.execute<{
    b: string;
    rating: number | null;
    agent: string | null;
    comment: string | null;
  }>(sql`with ${SRC}
    select ${bucket(sql`s.sent_at`)} as b, s.rating, s.agent_user_id as agent, s.comment
    from csat_surveys s join src on src.id = s.ticket_id
    where ${kept(c.filters, sql`s.team_id`, sql`s.agent_user_id`)} and ${inRange(sql`s.sent_at`)}`);
  const byTag = await tx.execute<{ tag: string; created: number; resolved: number }>(sql`with ${SRC}
    select tag, count(*) filter (where ${inRange(sql`src.created_at`)})::int as created,
      count(*) filter (where ${inRange(sql`src.resolved_at`)})::int as resolved
    from src cross join unnest(src.tags) as tag
    where ${where} and (${inRange(sql`src.created_at`)} or ${inRange(sql`src.resolved_at`)})
    group by 1`);
  return {
    buckets: buckets.map((b) => b.bucket),
    created,
    resolved,
    backlog,
    times: {
      fr: { median: n(times?.fr_median), p90: n(times?.fr_p90) },
      res: { median: n(times?.res_median), p90: n(times?.res_p90) },
      backlogNow: Number(times?.backlog_now ?? 0),
    },
    sla,
    surveys,
    byTag: Object.fromEntries(
      byTag.map((r) => [r.tag, { created: r.created, resolved: r.resolved }]),
    ),
  };
}
