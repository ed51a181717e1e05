// The reports' rollup: recomputes tickets' ticket_facts rows from the ticket, its messages, its
// status history, its SLA clocks and its survey (idempotent), one ticket or the whole tenant.
import {
  businessHours,
  type Database,
  eq,
  sql,
  type TenantDb,
  ticketFacts,
} from "@supportdesk/database";
import type {
  BusinessWeek,
  Holiday,
  TicketChannel,
  TicketPriority,
  TicketStatus,
} from "@supportdesk/domain";
import { businessSecondsBetween, type Calendar } from "../business-hours/calendar";

/** Tickets per transaction when backfilling. */
export const BACKFILL_BATCH = 500;

type Source = {
  id: string;
  created_at: string | Date;
  channel: TicketChannel;
  inquiry_type_id: string | null;
  team_id: string | null;
  assignee_id: string | null;
  priority: TicketPriority;
  status: TicketStatus;
  tags: string[];
  status_changed_at: string | Date;
  first_response_at: string | Date | null;
  reopen_count: number;
  sla_breached: boolean;
  csat_rating: number | null;
};

/** The tenant's default calendar (business time of the reports), or null for 24/7. */
export async function reportCalendar(tx: TenantDb): Promise<Calendar | null> {
  const [row] = await tx
    .select({
      timezone: businessHours.timezone,
      weekly: businessHours.weekly,
      holidays: businessHours.holidays,
    })
    .from(businessHours)
    .where(eq(businessHours.isDefault, true))
    .limit(1);
  return row
    ? {
        timezone: row.timezone,
        weekly: row.weekly as BusinessWeek,
        holidays: row.holidays as Holiday[],
      }
    : null;
}

// First response: the first public agent message after the ticket was opened (an agent's opening
// message shares the ticket's timestamp). Reopens: the system lines every status change leaves.
// Resolved: the last status change, while the ticket is resolved or closed.
const sourceOf = (ids: string[]) => sql`
  select t.id, t.created_at, t.channel, t.inquiry_type_id, t.team_id, t.assignee_id, t.priority,
    t.status, t.tags, t.status_changed_at,
    (select min(m.created_at) from messages m
      where m.tenant_id = t.tenant_id and m.ticket_id = t.id and m.author_type = 'agent'
        and not m.is_internal and m.created_at > t.created_at) as first_response_at,
    (select count(*)::int from messages m
      where m.tenant_id = t.tenant_id and m.ticket_id = t.id and m.author_type = 'system'
        and m.body ~ '^Status changed from (resolved|closed) to (open|pending)') as reopen_count,
    exists (select 1 from sla_clocks c
      where c.tenant_id = t.tenant_id and c.ticket_id = t.id and c.breached_at is not null) as sla_breached,
    (select s.rating from csat_surveys s
      where s.tenant_id = t.tenant_id and s.ticket_id = t.id) as csat_rating
  from tickets t
  where t.id = any(${`{${ids.join(",")}}`}::uuid[])`;

const UPDATED = [
  "createdAt",
  "channel",
  "inquiryTypeId",
  "teamId",
  "assigneeId",
  "priority",
  "status",
  "tags",
  "firstResponseAt",
  "firstResponseSeconds",
  "resolvedAt",
  "resolutionSeconds",
  "reopenCount",
  "slaBreached",
  "csatRating",
  "updatedAt",
] as const;

const instant = (value: string | Date) => new Date(value);

function factOf(row: Source, calendar: Calendar | null) {
  const createdAt = instant(row.created_at);
  const firstResponseAt = row.first_response_at ? instant(row.first_response_at) : null;
  const resolvedAt =
    row.status === "resolved" || row.status === "closed" ? instant(row.status_changed_at) : null;
  const seconds = (to: Date | null) =>
    to ? Math.max(0, businessSecondsBetween(calendar, createdAt, to)) : null;
  return {
    ticketId: row.id,
    createdAt,
    channel: row.channel,
    inquiryTypeId: row.inquiry_type_id,
    teamId: row.team_id,
    assigneeId: row.assignee_id,
    priority: row.priority,
    status: row.status,
    tags: row.tags,
    firstResponseAt,
    firstResponseSeconds: seconds(firstResponseAt),
    resolvedAt,
    resolutionSeconds: seconds(resolvedAt),
    reopenCount: row.reopen_count,
    slaBreached: row.sla_breached,
    csatRating: row.csat_rating,
    updatedAt: new Date(),
  };
}

/** Recomputes the facts of `ids` (tickets of the transaction's tenant) in `tx`. */
export async function writeFacts(
  tx: TenantDb,
  ids: string[],
  calendar: Calendar | null,
): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await tx.execute<Source>(sourceOf(ids));
  if (rows.length === 0) return 0;
  const facts = rows.map((row) => factOf(row, calendar));
  await tx
    .insert(ticketFacts)
    .values(facts)
    .onConflictDoUpdate({
      target: [ticketFacts.tenantId, ticketFacts.ticketId],
      set: Object.fromEntries(
        UPDATED.map((key) => [key, sql.raw(`excluded.${ticketFacts[key].name}`)]),
      ),
    });
  return facts.length;
}

/**
 * Brings one ticket's facts up to date (the "report.fact" job). A ticket that no longer exists
 * has none (the row goes with it).
 *
 * @example
 * await refreshFact(db, tenantId, ticketId);
 */
export async function refreshFact(db: Database, tenantId: string, ticketId: string) {
  return db.withTenant(tenantId, async (tx) => {
    const written = await writeFacts(tx, [ticketId], await reportCalendar(tx));
    return { written };
  });
}

/**
 * Recomputes every ticket's facts, BACKFILL_BATCH tickets per transaction in id order. Returns
 * how many rows it wrote. (The demo seed queues a refresh job per ticket instead; a change of the
 * default calendar does not recompute stored durations, which this would — nothing calls it for
 * that yet.)
 */
export async function backfillFacts(db: Database, tenantId: string): Promise<number> {
  const calendar = await db.withTenant(tenantId, reportCalendar);
  let after = "00000000-0000-0000-0000-000000000000";
  let total = 0;
  for (;;) {
    const batch = await db.withTenant(tenantId, async (tx) => {
      const ids = (
        await tx.execute<{ id: string }>(sql`
          select id from tickets where id > ${after}::uuid order by id limit ${BACKFILL_BATCH}`)
      ).map((row) => row.id);
      return { ids, written: await writeFacts(tx, ids, calendar) };
    });
    total += batch.written;
    const last = batch.ids.at(-1);
    if (!last || batch.ids.length < BACKFILL_BATCH) return total;
    after = last;
  }
}
