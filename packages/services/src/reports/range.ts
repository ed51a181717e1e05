// A report's range, interval, time zone and filters: checked (BAD_REQUEST naming the field) and
// turned into the instants and SQL conditions the report queries share.
import { businessHours, eq, type SQL, sql, type TenantDb } from "@supportdesk/database";
import type { TicketChannel, TicketPriority } from "@supportdesk/domain";
import { DateTime, IANAZone } from "luxon";
import { AppError } from "../errors";

export const REPORT_INTERVALS = ["day", "week", "month"] as const;
export type ReportInterval = (typeof REPORT_INTERVALS)[number];

/** The longest range a report covers (about two years). */
export const MAX_RANGE_DAYS = 732;

export type ReportFilters = {
  teamId?: string | undefined;
  assigneeId?: string | undefined;
  tag?: string | undefined;
  channel?: TicketChannel | undefined;
  inquiryTypeId?: string | undefined;
  priority?: TicketPriority | undefined;
};

/** What every report takes: days inclusive, in `timezone` (default: the tenant's calendar's). */
export type ReportInput = {
  from: string;
  to: string;
  timezone?: string | undefined;
  interval?: ReportInterval | undefined;
  filters?: ReportFilters | undefined;
};

export type ReportRange = {
  from: string;
  to: string;
  timezone: string;
  interval: ReportInterval;
  filters: ReportFilters;
  /** The first instant of `from` and the first instant after `to`, in the time zone (ISO, UTC). */
  start: string;
  end: string;
};

const bad = (field: string, message: string) =>
  new AppError("BAD_REQUEST", `${field} ${message}`, { field });

/** A time zone PostgreSQL and luxon both read the same way (no POSIX offsets such as "UTC+3"). */
export function isTimeZone(zone: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone) && IANAZone.isValidZone(zone);
}

function day(field: string, value: string, zone: string): DateTime {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? DateTime.fromISO(value, { zone })
    : DateTime.invalid("format");
  if (!parsed.isValid) throw bad(field, "must be a date (YYYY-MM-DD).");
  return parsed.startOf("day");
}

/**
 * Checks a report's input and resolves its instants. The time zone defaults to the tenant's
 * default business-hours calendar, else UTC.
 *
 * @example
 * const range = await resolveRange(scope.tx, { from: "2025-01-01", to: "2025-01-31", timezone: "Europe/Berlin" });
 */
export async function resolveRange(tx: TenantDb, input: ReportInput): Promise<ReportRange> {
  const timezone = input.timezone ?? (await defaultZone(tx));
  if (!isTimeZone(timezone)) {
    throw bad("timezone", "must be an IANA time zone such as Europe/Berlin.");
  }
  const from = day("from", input.from, timezone);
  const to = day("to", input.to, timezone);
  if (from > to) throw bad("from", "must be on or before to.");
  if (to.diff(from, "days").days > MAX_RANGE_DAYS) {
    throw bad("to", `must be at most ${MAX_RANGE_DAYS} days after from.`);
  }
  const interval = input.interval ?? "day";
  if (!REPORT_INTERVALS.includes(interval)) throw bad("interval", "must be day, week or month.");
  await checkFilters(tx, input.filters ?? {});
  return {
    from: input.from,
    to: input.to,
    timezone,
    interval,
    filters: input.filters ?? {},
    start: from.toUTC().toISO() ?? "",
    end: to.plus({ days: 1 }).toUTC().toISO() ?? "",
  };
}

/** A team or agent filter names one of this tenant's (another tenant's id is simply unknown). */
async function checkFilters(tx: TenantDb, filters: ReportFilters): Promise<void> {
  if (!filters.teamId && !filters.assigneeId) return;
  const [row] = await tx.execute<{ team: boolean; agent: boolean }>(sql`
    select
      (${filters.teamId ?? null}::uuid is null
        or exists (select 1 from teams where id = ${filters.teamId ?? null}::uuid)) as team,
      (${filters.assigneeId ?? null}::uuid is null
        or exists (select 1 from user_tenant_roles r
          where r.tenant_id = current_setting('app.tenant_id')::uuid
            and r.user_id = ${filters.assigneeId ?? null}::uuid)) as agent`);
  if (!row?.team) throw bad("filters.teamId", "is not a team of this organisation.");
  if (!row.agent) throw bad("filters.assigneeId", "is not a member of this organisation.");
}

async function defaultZone(tx: TenantDb): Promise<string> {
  const [row] = await tx
    .select({ timezone: businessHours.timezone })
    .from(businessHours)
    .where(eq(businessHours.isDefault, true))
    .limit(1);
  return row?.timezone ?? "UTC";
}

/**
 * The filters as conditions on a `ticket_facts` alias (`f` unless named). `who` switches the team
 * and agent filters to another table's columns (CSAT rates whoever had the ticket on resolve).
 */
export function factFilters(
  filters: ReportFilters,
  f = sql.raw("f"),
  who: { team: SQL; agent: SQL } = { team: sql`${f}.team_id`, agent: sql`${f}.assignee_id` },
): SQL {
  const parts: SQL[] = [sql`true`];
  if (filters.teamId) parts.push(sql`${who.team} = ${filters.teamId}::uuid`);
  if (filters.assigneeId) parts.push(sql`${who.agent} = ${filters.assigneeId}::uuid`);
  if (filters.tag) parts.push(sql`${filters.tag} = any(${f}.tags)`);
  if (filters.channel) parts.push(sql`${f}.channel = ${filters.channel}::ticket_channel`);
  if (filters.inquiryTypeId) parts.push(sql`${f}.inquiry_type_id = ${filters.inquiryTypeId}`);
  if (filters.priority) parts.push(sql`${f}.priority = ${filters.priority}::ticket_priority`);
  return sql.join(parts, sql` and `);
}

/** The bucket (local start, as YYYY-MM-DD) an instant column falls in. */
export function bucketOf(range: ReportRange, column: SQL): SQL {
  return sql`to_char(date_trunc(${range.interval}, ${column} at time zone ${range.timezone}), 'YYYY-MM-DD')`;
}

/**
 * Every bucket of the range, empty ones too: its label (local start date) and the instants it
 * covers, clipped to the range.
 */
export async function bucketsOf(tx: TenantDb, range: ReportRange) {
  const rows = await tx.execute<{ bucket: string; start: Date | string; end: Date | string }>(sql`
    select to_char(b, 'YYYY-MM-DD') as bucket,
      greatest(b at time zone ${range.timezone}, ${range.start}::timestamptz) as start,
      least((b + ('1 ' || ${range.interval})::interval) at time zone ${range.timezone}, ${range.end}::timestamptz) as end
    from generate_series(
      date_trunc(${range.interval}, ${range.start}::timestamptz at time zone ${range.timezone}),
      ${range.end}::timestamptz at time zone ${range.timezone} - interval '1 microsecond',
      ('1 ' || ${range.interval})::interval
    ) as b
    order by b`);
  return rows.map((row) => ({
    bucket: row.bucket,
    start: new Date(row.start),
    end: new Date(row.end),
  }));
}

/** The range as a report echoes it back. */
export const echo = (range: ReportRange) => ({
  from: range.from,
  to: range.to,
  timezone: range.timezone,
  interval: range.interval,
  filters: range.filters,
});
