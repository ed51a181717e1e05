// Tenant-owned: tickets (numbered per tenant) and their threaded messages.
import { sql } from "drizzle-orm";
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
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, newId, updatedAt } from "./_columns";
import { tenantIdColumn, tenantIsolationPolicy } from "./_tenant";
import { customers } from "./customers";
import { users } from "./users";

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
