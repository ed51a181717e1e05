// The inbox: a tenant's tickets with filters, newest first, in cursor pages; and one ticket's row.
import {
  and,
  arrayContains,
  customers,
  desc,
  eq,
  ilike,
  inArray,
  isNull,
  sql,
  tickets,
  users,
} from "@supportdesk/database";
import { authorize, type TenantScope } from "./context";
import { notFound } from "./errors";
import { decodeCursor, toPage } from "./pagination";

export type TicketStatus = (typeof tickets.status.enumValues)[number];
export type TicketPriority = (typeof tickets.priority.enumValues)[number];

/** The columns a ticket is answered with (explicit: nothing a client should not see). */
export const ticketColumns = {
  id: tickets.id,
  number: tickets.number,
  subject: tickets.subject,
  status: tickets.status,
  priority: tickets.priority,
  tags: tickets.tags,
  assigneeId: tickets.assigneeId,
  customerId: tickets.customerId,
  channel: tickets.channel,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
};

/** A ticket's columns, or NOT_FOUND (the caller has checked its permission). */
export async function findTicket(scope: Pick<TenantScope, "tx">, id: string) {
  const [row] = await scope.tx.select(ticketColumns).from(tickets).where(eq(tickets.id, id));
  if (!row) throw notFound("Ticket");
  return row;
}

export type TicketFilters = {
  status?: TicketStatus[] | undefined;
  priority?: TicketPriority[] | undefined;
  /** A user id, or "unassigned". */
  assignee?: string | undefined;
  customerId?: string | undefined;
  tag?: string | undefined;
  /** Matches the subject (case-insensitive) or the ticket number ("42" or "#42"). */
  q?: string | undefined;
};

/** A page of tickets, newest first, in seed 001's envelope. */
export async function listTickets(
  scope: TenantScope,
  input: TicketFilters & { cursor?: string | undefined; perPage: number },
) {
  authorize(scope, "ticket.read");
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const q = input.q?.trim();
  const number = q && /^#?\d{1,9}$/.test(q) ? Number(q.replace("#", "")) : undefined;
  const query = scope.tx
    .select({
      ...ticketColumns,
      assigneeName: users.name,
      customerName: customers.name,
      customerEmail: customers.email,
    })
    .from(tickets)
    .leftJoin(users, eq(users.id, tickets.assigneeId))
    .leftJoin(
      customers,
      and(eq(customers.tenantId, tickets.tenantId), eq(customers.id, tickets.customerId)),
    )
    .where(
      and(
        after
          ? sql`(${tickets.createdAt}, ${tickets.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`
          : undefined,
        input.status?.length ? inArray(tickets.status, input.status) : undefined,
        input.priority?.length ? inArray(tickets.priority, input.priority) : undefined,
        input.assignee === "unassigned"
          ? isNull(tickets.assigneeId)
          : input.assignee
            ? eq(tickets.assigneeId, input.assignee)
            : undefined,
        input.customerId ? eq(tickets.customerId, input.customerId) : undefined,
        input.tag ? arrayContains(tickets.tags, [input.tag]) : undefined,
        number !== undefined
          ? eq(tickets.number, number)
          : q
            ? ilike(tickets.subject, `%${q.replace(/[\\%_]/g, "\\$&")}%`)
            : undefined,
      ),
    )
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(input.perPage + 1);
  // The inbox's own views (next pages, a status tab) run as a server-side prepared statement, so
  // PostgreSQL plans them once per connection instead of on every request (and postgres.js sends
  // them in one write with the tenant context). Only these few shapes (cursor or not × 0–4
  // statuses): one per combination of the other filters would grow every connection's cache.
  const inboxView =
    !input.priority?.length && !input.assignee && !input.customerId && !input.tag && !q;
  const rows = await (inboxView ? query.prepare("tickets_list").execute() : query);
  return toPage(rows, input.perPage, scope.tenantId, input.cursor);
}
