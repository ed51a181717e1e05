// The inbox: a tenant's tickets with filters (the same a saved view stores and search combines with
// text), sorted, in cursor pages; counting a filter's tickets; and one ticket's row.
import {
  and,
  arrayContains,
  asc,
  customers,
  desc,
  eq,
  inArray,
  isNull,
  type SQL,
  sql,
  teams,
  tickets,
  users,
} from "@supportdesk/database";
import { can, type TicketFieldValue, type TicketSort } from "@supportdesk/domain";
import { authorize, type TenantScope } from "./context";
import { AppError, notFound } from "./errors";
import { decodeCursor, encodeCursor, toPage } from "./pagination";
import { prefixQuery, searchTerms, ticketNumberOf } from "./search/terms";
import { dueKey, NO_DUE, type SlaFilter, slaColumns, slaCondition, withSla } from "./sla/state";

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
  teamId: tickets.teamId,
  customerId: tickets.customerId,
  channel: tickets.channel,
  customFields: tickets.customFields,
  mergedIntoId: tickets.mergedIntoId,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
};

/** A ticket's columns, or NOT_FOUND (the caller has checked its permission). */
export async function findTicket(scope: Pick<TenantScope, "tx">, id: string) {
  const [row] = await scope.tx.select(ticketColumns).from(tickets).where(eq(tickets.id, id));
  if (!row) throw notFound("Ticket");
  return row;
}

/** CONFLICT for a ticket merged into another: its conversation continues there. */
export async function refuseMerged(
  scope: Pick<TenantScope, "tx">,
  ticket: { mergedIntoId: string | null },
): Promise<void> {
  if (!ticket.mergedIntoId) return;
  const [into] = await scope.tx
    .select({ number: tickets.number })
    .from(tickets)
    .where(eq(tickets.id, ticket.mergedIntoId));
  throw new AppError(
    "CONFLICT",
    `This ticket was merged into #${into?.number ?? "another ticket"}; continue there.`,
  );
}

export type TicketFilters = {
  status?: TicketStatus[] | undefined;
  priority?: TicketPriority[] | undefined;
  /** A user id, "me" (the acting user) or "unassigned". */
  assignee?: string | undefined;
  /** A team id, or "none". */
  teamId?: string | undefined;
  customerId?: string | undefined;
  tag?: string | undefined;
  /**
   * A ticket number ("42", "#42"), or words that must all appear in the ticket: its subject,
   * tags, custom field values or any message (internal notes only for ticket.note.read).
   */
  q?: string | undefined;
  /** Inclusive days (YYYY-MM-DD, UTC) the ticket was created or last updated in. */
  createdFrom?: string | undefined;
  createdTo?: string | undefined;
  updatedFrom?: string | undefined;
  updatedTo?: string | undefined;
  /** Custom field id → the value it must hold (a multi-select holds every value listed). */
  fields?: Record<string, TicketFieldValue> | undefined;
  /** How the ticket stands against its next SLA target (see `slaOf`). */
  sla?: SlaFilter | undefined;
};

/**
 * The condition "every word of `q` (each a prefix) is somewhere in the ticket": its subject, tags
 * or custom field values (`search_vector`), any public message (`thread_vector`) or, for those
 * holding ticket.note.read, any internal note (`notes_vector`). Words may sit in different
 * messages; each word is one lookup in the tickets' GIN indexes.
 */
export function ticketsMatching(scope: Pick<TenantScope, "permissions">, q: string): SQL | null {
  const terms = searchTerms(q);
  if (!terms.length) return null;
  const notes = can(scope, "ticket.note.read");
  const perTerm = terms.map((term) => {
    const tq = sql`to_tsquery('simple'::regconfig, ${prefixQuery(term)})`;
    return sql`(${tickets.searchVector} @@ ${tq} or ${tickets.threadVector} @@ ${tq}${
      notes ? sql` or ${tickets.notesVector} @@ ${tq}` : sql``
    })`;
  });
  return sql`(${sql.join(perTerm, sql` and `)})`;
}

const dayStart = (day: string) => sql`${day}::date::timestamptz`;
const dayEnd = (day: string) => sql`(${day}::date + 1)::timestamptz`;

/** The WHERE conditions of `filters` (undefined entries are no condition). */
export function ticketConditions(
  scope: Pick<TenantScope, "permissions" | "actor">,
  filters: TicketFilters,
): (SQL | undefined)[] {
  const q = filters.q?.trim();
  const number = q ? ticketNumberOf(q) : undefined;
  const matching = q && number === undefined ? ticketsMatching(scope, q) : null;
  const assignee = filters.assignee === "me" ? (scope.actor.userId ?? "none") : filters.assignee;
  return [
    filters.status?.length ? inArray(tickets.status, filters.status) : undefined,
    filters.priority?.length ? inArray(tickets.priority, filters.priority) : undefined,
    assignee === "unassigned"
      ? isNull(tickets.assigneeId)
      : assignee === "none"
        ? sql`false`
        : assignee
          ? eq(tickets.assigneeId, assignee)
          : undefined,
    filters.teamId === "none"
      ? isNull(tickets.teamId)
      : filters.teamId
        ? eq(tickets.teamId, filters.teamId)
        : undefined,
    filters.customerId ? eq(tickets.customerId, filters.customerId) : undefined,
    filters.tag ? arrayContains(tickets.tags, [filters.tag]) : undefined,
    number !== undefined ? eq(tickets.number, number) : undefined,
    matching ?? (q && number === undefined ? sql`false` : undefined),
    filters.createdFrom ? sql`${tickets.createdAt} >= ${dayStart(filters.createdFrom)}` : undefined,
    filters.createdTo ? sql`${tickets.createdAt} < ${dayEnd(filters.createdTo)}` : undefined,
    filters.updatedFrom ? sql`${tickets.updatedAt} >= ${dayStart(filters.updatedFrom)}` : undefined,
    filters.updatedTo ? sql`${tickets.updatedAt} < ${dayEnd(filters.updatedTo)}` : undefined,
    filters.sla ? slaCondition(filters.sla) : undefined,
    ...Object.entries(filters.fields ?? {}).map(
      ([fieldId, value]) =>
        sql`${tickets.customFields} @> ${JSON.stringify({ [fieldId]: value })}::jsonb`,
    ),
  ];
}

/** The order of a sort, and the column its cursor carries ("due": the SLA due time, none last). */
const SORTS: Record<TicketSort, { key: "createdAt" | "updatedAt" | "due"; ascending: boolean }> = {
  newest: { key: "createdAt", ascending: false },
  oldest: { key: "createdAt", ascending: true },
  updated: { key: "updatedAt", ascending: false },
  due: { key: "due", ascending: true },
};

/** A page of tickets (newest first unless `sort` says otherwise), in seed 001's envelope. */
export async function listTickets(
  scope: TenantScope,
  input: TicketFilters & {
    cursor?: string | undefined;
    perPage: number;
    sort?: TicketSort | undefined;
  },
) {
  authorize(scope, "ticket.read");
  const sort = SORTS[input.sort ?? "newest"];
  const column = sort.key === "due" ? dueKey : tickets[sort.key];
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const order = sort.ascending ? asc : desc;
  const query = scope.tx
    .select({
      ...ticketColumns,
      ...slaColumns,
      assigneeName: users.name,
      teamName: teams.name,
      customerName: customers.name,
      customerEmail: customers.email,
    })
    .from(tickets)
    .leftJoin(users, eq(users.id, tickets.assigneeId))
    .leftJoin(teams, and(eq(teams.tenantId, tickets.tenantId), eq(teams.id, tickets.teamId)))
    .leftJoin(
      customers,
      and(eq(customers.tenantId, tickets.tenantId), eq(customers.id, tickets.customerId)),
    )
    .where(
      and(
        after
          ? sort.ascending
            ? sql`(${column}, ${tickets.id}) > (${after.createdAt}::timestamptz, ${after.id}::uuid)`
            : sql`(${column}, ${tickets.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`
          : undefined,
        ...ticketConditions(scope, input),
      ),
    )
    .orderBy(order(column), order(tickets.id))
    .limit(input.perPage + 1);
  // The inbox's own views (next pages, a status tab) run as a server-side prepared statement, so
  // PostgreSQL plans them once per connection instead of on every request (and postgres.js sends
  // them in one write with the tenant context). Only these few shapes (cursor or not × 0–4
  // statuses): one per combination of the other filters would grow every connection's cache.
  const { status: _status, perPage: _perPage, cursor: _cursor, ...others } = input;
  const inboxView =
    (input.sort ?? "newest") === "newest" &&
    Object.values(others).every(
      (value) =>
        value === undefined ||
        value === "" ||
        (typeof value === "object" && Object.keys(value).length === 0),
    );
  const rows = await (inboxView ? query.prepare("tickets_list").execute() : query);
  const now = new Date();
  const page = toPage(
    rows.map((row) => withSla(row, now)),
    input.perPage,
    scope.tenantId,
    input.cursor,
    sort.key === "due" ? "createdAt" : sort.key,
  );
  if (sort.key === "due" && page.pagination.has_next) {
    // The cursor carries the due key (NO_DUE for tickets without one), like the ORDER BY.
    const last = rows[page.data.length - 1];
    if (last) {
      page.pagination.next_cursor = encodeCursor({
        createdAt: last.slaDueAt ?? NO_DUE,
        id: last.id,
      });
    }
  }
  return page;
}

/** How many tickets match `filters`, counting at most `cap` (a view's badge shows "999+"). */
export async function countTickets(scope: TenantScope, filters: TicketFilters, cap = 1000) {
  authorize(scope, "ticket.read");
  const [row] = await scope.tx.execute<{ n: number }>(sql`
    select count(*)::int as n from (
      select 1 from ${tickets} where ${and(sql`true`, ...ticketConditions(scope, filters))} limit ${cap}
    ) capped`);
  return { count: row?.n ?? 0, capped: (row?.n ?? 0) >= cap };
}
