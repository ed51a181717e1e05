// Tenant-owned: tickets (numbered per tenant) and their threaded messages.
import { type SQL, sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, newId, tsvector, updatedAt } from "./_columns";
import { tenantIdColumn, tenantIsolationPolicy } from "./_tenant";
import { customers } from "./customers";
import { users } from "./users";
import { teams } from "./workflow";

export const ticketStatus = pgEnum("ticket_status", ["open", "pending", "resolved", "closed"]);
export const ticketPriority = pgEnum("ticket_priority", ["low", "normal", "high", "urgent"]);
export const messageAuthor = pgEnum("message_author", ["customer", "agent", "system"]);
/** Where a ticket came from: typed in by an agent (or an API key), the help centre, or email. */
export const ticketChannel = pgEnum("ticket_channel", ["agent", "helpcentre", "email"]);

/** An email's envelope as a message keeps it (addresses lower-cased, names as written). */
export type MessageEmail = {
  from: { address: string; name: string };
  to: { address: string; name: string }[];
  cc: { address: string; name: string }[];
  subject: string;
  /** The received message (inbound_emails), for "view original". */
  inboundEmailId?: string;
};

export const tickets = pgTable(
  "tickets",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    /** The human number (#42), unique within the tenant; allocate with `nextTicketNumber`. */
    number: integer("number").notNull(),
    subject: text("subject").notNull(),
    status: ticketStatus("status").notNull().default("open"),
    priority: ticketPriority("priority").notNull().default("normal"),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    customerId: uuid("customer_id"),
    tags: text("tags").array().notNull().default([]),
    channel: ticketChannel("channel").notNull().default("agent"),
    /** The help centre's inquiry type it was filed under (an id in the tenant's settings), if any. */
    inquiryTypeId: text("inquiry_type_id"),
    /**
     * Routes email replies: `<slug>+<reply_code>@<inbound domain>` is the ticket's Reply-To. Made
     * when the ticket is first emailed; it can add a message to the ticket, never read one.
     */
    replyCode: text("reply_code"),
    /** The team it belongs to (besides its agent); cleared by the service when a team goes. */
    teamId: uuid("team_id"),
    /** Custom field values, keyed by `ticket_fields.id`, checked against their definitions. */
    customFields: jsonb("custom_fields").$type<Record<string, unknown>>().notNull().default({}),
    /** Set when this ticket was merged into another: it is closed and points there. */
    mergedIntoId: uuid("merged_into_id"),
    /**
     * Subject (A), tags (B) and custom field values (C) for search, kept by PostgreSQL in the
     * same write. 'simple' (no stemming): tickets are in any language; queries match prefixes.
     * `sd_text_array` is array_to_string declared immutable (migration 0015).
     */
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('simple'::regconfig, subject), 'A') || setweight(to_tsvector('simple'::regconfig, sd_text_array(tags)), 'B') || setweight(jsonb_to_tsvector('simple'::regconfig, custom_fields, '["string", "numeric"]'::jsonb), 'C')`,
    ),
    /**
     * Every word of the ticket's public messages (customer and agent, not system lines), and of
     * its internal notes: `strip`ped vectors (each word once) kept by a trigger on `messages` in
     * the same transaction as the message (migration 0017), so search matches a ticket's whole
     * thread with one index lookup per word on this table.
     */
    /**
     * The ticket's next SLA due time and what it is for (an `SlaMetric`), copied from its running
     * clocks (`sla_clocks`) by the services in the transaction that changes them, so the inbox
     * sorts and filters by due without a join. `sla_paused`: clocks wait on the customer.
     */
    slaDueAt: timestamp("sla_due_at", { withTimezone: true, precision: 3 }),
    slaTarget: text("sla_target"),
    slaPaused: boolean("sla_paused").notNull().default(false),
    /** When the status last changed (a trigger keeps it, migration 0018): time-based rules. */
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true, precision: 3 })
      .notNull()
      .defaultNow(),
    threadVector: tsvector("thread_vector").notNull().default(sql`''::tsvector`),
    notesVector: tsvector("notes_vector").notNull().default(sql`''::tsvector`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("tickets_tenant_number_key").on(t.tenantId, t.number),
    uniqueIndex("tickets_tenant_reply_code_key").on(t.tenantId, t.replyCode),
    foreignKey({
      name: "tickets_customer_fk",
      columns: [t.tenantId, t.customerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index("tickets_tenant_created_idx").on(
      t.tenantId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("tickets_tenant_status_idx").on(t.tenantId, t.status, t.createdAt.desc().nullsFirst()),
    index("tickets_tenant_assignee_idx").on(
      t.tenantId,
      t.assigneeId,
      t.createdAt.desc().nullsFirst(),
    ),
    index("tickets_tenant_customer_idx").on(
      t.tenantId,
      t.customerId,
      t.createdAt.desc().nullsFirst(),
    ),
    index("tickets_tenant_sla_due_idx")
      .on(t.tenantId, t.slaDueAt)
      .where(sql`${t.slaDueAt} is not null`),
    index("tickets_tenant_status_changed_idx").on(t.tenantId, t.status, t.statusChangedAt),
    index("tickets_tenant_team_idx").on(t.tenantId, t.teamId, t.createdAt.desc().nullsFirst()),
    foreignKey({
      name: "tickets_team_fk",
      columns: [t.tenantId, t.teamId],
      foreignColumns: [teams.tenantId, teams.id],
    }),
    foreignKey({
      name: "tickets_merged_into_fk",
      columns: [t.tenantId, t.mergedIntoId],
      foreignColumns: [t.tenantId, t.id],
    }),
    // btree_gin keeps tenant_id in the index path of the full-text and custom-field indexes.
    index("tickets_tenant_search_idx").using("gin", t.tenantId, t.searchVector),
    index("tickets_tenant_thread_search_idx").using("gin", t.tenantId, t.threadVector),
    index("tickets_tenant_notes_search_idx").using("gin", t.tenantId, t.notesVector),
    index("tickets_tenant_custom_fields_idx").using(
      "gin",
      t.tenantId,
      sql`${t.customFields} jsonb_path_ops`,
    ),
    tenantIsolationPolicy(),
  ],
);

export const messages = pgTable(
  "messages",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    ticketId: uuid("ticket_id").notNull(),
    authorType: messageAuthor("author_type").notNull(),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    authorCustomerId: uuid("author_customer_id"),
    /** Internal notes are seen by agents only, never by the customer. */
    isInternal: boolean("is_internal").notNull().default(false),
    body: text("body").notNull(),
    /** For a message that came or went by email: its addresses, subject and raw message. */
    email: jsonb("email").$type<MessageEmail>(),
    /**
     * The body as words ('simple', like tickets'), kept by PostgreSQL in the same write: the
     * tickets' thread/notes vectors are built from it, and search picks a page's snippets by it.
     */
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      (): SQL => sql`to_tsvector('simple'::regconfig, body)`,
    ),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: "messages_ticket_fk",
      columns: [t.tenantId, t.ticketId],
      foreignColumns: [tickets.tenantId, tickets.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "messages_customer_fk",
      columns: [t.tenantId, t.authorCustomerId],
      foreignColumns: [customers.tenantId, customers.id],
    }),
    index("messages_tenant_ticket_idx").on(t.tenantId, t.ticketId, t.createdAt),
    // The author columns must agree with the author type. An agent's user id may become null
    // when the user is deleted (the message stays), so only the other side is required empty.
    check(
      "messages_author_matches_type",
      sql`(${t.authorType} = 'customer' and ${t.authorUserId} is null)
        or (${t.authorType} = 'agent' and ${t.authorCustomerId} is null)
        or (${t.authorType} = 'system' and ${t.authorUserId} is null and ${t.authorCustomerId} is null)`,
    ),
    tenantIsolationPolicy(),
  ],
);
