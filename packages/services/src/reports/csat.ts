// The satisfaction report: average rating and response rate of the surveys sent in the range,
// the 1–5 distribution, per bucket, by agent and team, and the latest comments.
import { type SQL, sql, type TenantDb } from "@supportdesk/database";
import { CSAT_RATINGS } from "@supportdesk/domain";
import { authorize, type TenantScope } from "../context";
import {
  bucketOf,
  bucketsOf,
  echo,
  type ReportInput,
  type ReportRange,
  resolveRange,
} from "./range";
import { surveyScope } from "./sources";
import { avg, label, num, pct, teamName, userName } from "./sql";

/** How many of the latest comments the report lists. */
export const LATEST_COMMENTS = 20;

type Row = { key: string | null; sent: unknown; responded: unknown; average: unknown };

const figures = (row: Row | undefined) => {
  const sent = num(row?.sent) ?? 0;
  const responded = num(row?.responded) ?? 0;
  return { sent, responded, responseRate: pct(responded, sent), average: avg(row?.average) };
};

function grouped(
  tx: TenantDb,
  range: ReportRange,
  key: SQL,
  name: (k: SQL) => SQL = () => sql`null`,
) {
  return tx.execute<Row & { name: string | null }>(sql`
    select g.*, ${name(sql`g.key`)} as name from (
      select ${key} as key, count(*)::int as sent, count(v.rating)::int as responded,
        avg(v.rating) as average
      from ${surveyScope(range)} v
      group by 1
    ) g
    order by g.key nulls last`);
}

/**
 * @example
 * const c = await csatReport(scope, { from: "2025-01-01", to: "2025-01-31", timezone: "UTC" });
 */
export async function csatReport(scope: TenantScope, input: ReportInput) {
  authorize(scope, "report.read");
  const range = await resolveRange(scope.tx, input);
  const tx = scope.tx;
  const [buckets, overall, perBucket, ratings, byAgent, byTeam, comments] = await Promise.all([
    bucketsOf(tx, range),
    grouped(tx, range, sql`null::text`),
    // Buckets by when the survey was sent (response rate needs the sent ones as its base).
    grouped(tx, range, bucketOf(range, sql`v.sent_at`)),
    grouped(tx, range, sql`v.rating::text`),
    grouped(tx, range, sql`v.agent_user_id`, userName),
    grouped(tx, range, sql`v.team_id`, teamName),
    tx.execute<{
      ticket_id: string;
      number: number;
      subject: string;
      rating: number;
      comment: string;
      rated_at: string;
      agent_user_id: string | null;
    }>(sql`
      select v.ticket_id, t.number, t.subject, v.rating, v.comment, v.rated_at, v.agent_user_id
      from ${surveyScope(range)} v
      join tickets t on t.tenant_id = current_setting('app.tenant_id')::uuid and t.id = v.ticket_id
      where v.rating is not null and v.comment is not null and v.comment <> ''
      order by v.rated_at desc, v.ticket_id
      limit ${LATEST_COMMENTS}`),
  ]);
  const count = (rating: number) =>
    num(ratings.find((row) => row.key === String(rating))?.sent) ?? 0;
  return {
    report: "csat" as const,
    range: echo(range),
    overall: figures(overall[0]),
    distribution: CSAT_RATINGS.map((rating) => ({ rating, count: count(rating) })),
    buckets: buckets.map((b) => ({
      bucket: b.bucket,
      ...figures(perBucket.find((row) => row.key === b.bucket)),
    })),
    byAgent: byAgent.map((row) => ({ ...label(row.key, row.name, "Unassigned"), ...figures(row) })),
    byTeam: byTeam.map((row) => ({ ...label(row.key, row.name, "No team"), ...figures(row) })),
    latestComments: comments.map((row) => ({
      ticketId: row.ticket_id,
      number: row.number,
      subject: row.subject,
      rating: row.rating,
      comment: row.comment,
      ratedAt: new Date(row.rated_at).toISOString(),
    })),
  };
}
