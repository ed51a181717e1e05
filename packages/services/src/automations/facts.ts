// Loading what a rule's conditions read about a ticket (facts for evaluate.ts): the ticket as it
// is now, its customer, the event's message, its rating, and whether it is business hours.
import {
  and,
  csatSurveys,
  customers,
  desc,
  eq,
  inArray,
  messages,
  type TenantDb,
  tickets,
} from "@supportdesk/database";
import { isWithinBusinessHours } from "../business-hours/calendar";
import { loadCalendar } from "../business-hours/crud";
import type { Facts } from "./evaluate";

const factColumns = {
  id: tickets.id,
  number: tickets.number,
  subject: tickets.subject,
  status: tickets.status,
  priority: tickets.priority,
  assigneeId: tickets.assigneeId,
  teamId: tickets.teamId,
  tags: tickets.tags,
  channel: tickets.channel,
  inquiryTypeId: tickets.inquiryTypeId,
  customFields: tickets.customFields,
  customerId: tickets.customerId,
  mergedIntoId: tickets.mergedIntoId,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  statusChangedAt: tickets.statusChangedAt,
  slaDueAt: tickets.slaDueAt,
  customerEmail: customers.email,
  customerName: customers.name,
};

/** Whether `now` is within the tenant's default business hours (no calendar: always, 24/7). */
export async function withinBusinessHours(tx: TenantDb, now: Date): Promise<boolean> {
  return isWithinBusinessHours(await loadCalendar(tx, null), now);
}

/** Who wrote a message, as rules name it: the customer, an agent's reply, or an internal note. */
export function authorOf(row: {
  authorType: string;
  isInternal: boolean;
}): "customer" | "agent" | "note" {
  if (row.authorType === "customer") return "customer";
  return row.isInternal ? "note" : "agent";
}

/** The message a message event names (null when there is none or it is not this ticket's). */
export async function messageFacts(tx: TenantDb, ticketId: string, messageId: string | undefined) {
  if (!messageId) return null;
  const [row] = await tx
    .select({
      body: messages.body,
      authorType: messages.authorType,
      isInternal: messages.isInternal,
    })
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.ticketId, ticketId)));
  return row ? { text: row.body, author: authorOf(row) } : null;
}

type Row = Awaited<ReturnType<typeof selectTickets>>[number];

function selectTickets(tx: TenantDb, ticketIds: string[]) {
  return tx
    .select(factColumns)
    .from(tickets)
    .leftJoin(
      customers,
      and(eq(customers.tenantId, tickets.tenantId), eq(customers.id, tickets.customerId)),
    )
    .where(inArray(tickets.id, ticketIds));
}

function toFacts(row: Row, rest: Omit<Facts, "ticket" | "customer">): Facts {
  const { customerEmail, customerName, ...ticket } = row;
  return {
    ticket,
    customer: customerEmail !== null ? { email: customerEmail, name: customerName ?? "" } : null,
    ...rest,
  };
}

/** One ticket's facts for an event (null when the ticket is gone). */
export async function loadFacts(
  tx: TenantDb,
  ticketId: string,
  event: { messageId?: string | undefined; surveyId?: string | undefined; now: Date },
): Promise<Facts | null> {
  const [row] = await selectTickets(tx, [ticketId]);
  if (!row) return null;
  const [survey] = await tx
    .select({ rating: csatSurveys.rating })
    .from(csatSurveys)
    .where(
      event.surveyId
        ? and(eq(csatSurveys.id, event.surveyId), eq(csatSurveys.ticketId, ticketId))
        : eq(csatSurveys.ticketId, ticketId),
    );
  return toFacts(row, {
    message: await messageFacts(tx, ticketId, event.messageId),
    csatRating: survey?.rating ?? null,
    withinBusinessHours: await withinBusinessHours(tx, event.now),
  });
}

/**
 * Facts for many tickets at once, as if their trigger happened now (the preview): the latest
 * message of each stands for the event's message.
 */
export async function loadManyFacts(tx: TenantDb, ticketIds: string[], now: Date) {
  if (ticketIds.length === 0) return [];
  const rows = await selectTickets(tx, ticketIds);
  const latest = await tx
    .selectDistinctOn([messages.ticketId], {
      ticketId: messages.ticketId,
      body: messages.body,
      authorType: messages.authorType,
      isInternal: messages.isInternal,
    })
    .from(messages)
    .where(
      and(
        inArray(messages.ticketId, ticketIds),
        inArray(messages.authorType, ["customer", "agent"]),
      ),
    )
    .orderBy(messages.ticketId, desc(messages.createdAt), desc(messages.id));
  const ratings = await tx
    .select({ ticketId: csatSurveys.ticketId, rating: csatSurveys.rating })
    .from(csatSurveys)
    .where(inArray(csatSurveys.ticketId, ticketIds));
  const within = await withinBusinessHours(tx, now);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ticketIds.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const message = latest.find((m) => m.ticketId === id);
    return [
      toFacts(row, {
        message: message ? { text: message.body, author: authorOf(message) } : null,
        csatRating: ratings.find((r) => r.ticketId === id)?.rating ?? null,
        withinBusinessHours: within,
      }),
    ];
  });
}
