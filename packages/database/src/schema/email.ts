// Tenant-owned: the email channel — each message received (kept raw in storage until processed, and
// after, for "view original"), the Message-IDs that thread conversations, the people CC'd on a
// ticket, and attachments.
import {
  boolean,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, newId } from "./_columns";
import { tenantIdColumn, tenantIsolationPolicy } from "./_tenant";
import { tickets } from "./tickets";

/**
 * What became of a received message: `received` (stored, waiting for its job), `processed` (a ticket
 * or a message on one), `duplicate` (a Message-ID seen before), `ignored` (auto-generated mail that
 * threads nowhere, or our own mail come back), `bounce` (a delivery failure, recorded on the
 * customer), `quarantined` (could not be processed; admins retry or discard), `discarded`.
 */
export const inboundStatus = pgEnum("inbound_email_status", [
  "received",
  "processed",
  "duplicate",
  "ignored",
  "bounce",
  "quarantined",
  "discarded",
]);

export const inboundEmails = pgTable(
  "inbound_emails",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    /** The raw MIME in storage (`@supportdesk/storage`), under the tenant's prefix. */
    storageKey: text("storage_key").notNull(),
    size: integer("size").notNull(),
    /** The SMTP envelope: MAIL FROM (empty for bounces) and the RCPT address that named us. */
    envelopeFrom: text("envelope_from").notNull(),
    recipient: text("recipient").notNull(),
    status: inboundStatus("status").notNull().default("received"),
    /** Why it was ignored or quarantined, in words an admin reads. */
    reason: text("reason"),
    /** Filled in once parsed. */
    messageId: text("message_id"),
    fromAddress: text("from_address"),
    subject: text("subject"),
    ticketId: uuid("ticket_id"),
    ticketMessageId: uuid("ticket_message_id"),
    attempts: integer("attempts").notNull().default(0),
    receivedAt: createdAt(),
    processedAt: timestamp("processed_at", { withTimezone: true, precision: 3 }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("inbound_emails_tenant_received_idx").on(t.tenantId, t.receivedAt.desc().nullsFirst()),
    index("inbound_emails_tenant_status_idx").on(t.tenantId, t.status, t.receivedAt),
    tenantIsolationPolicy(),
  ],
);

export const emailDirection = pgEnum("email_direction", ["in", "out"]);

/**
 * Every Message-ID we sent or received, with the ticket (and message) it belongs to: replies name
 * them in In-Reply-To/References, and a Message-ID seen twice is a duplicate. Stored without angle
 * brackets, as the sender wrote it (Message-IDs compare case-sensitively in their local part).
 */
export const emailMessageIds = pgTable(
  "email_message_ids",
  {
    tenantId: tenantIdColumn(),
    messageId: text("message_id").notNull(),
    ticketId: uuid("ticket_id"),
    ticketMessageId: uuid("ticket_message_id"),
    direction: emailDirection("direction").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.messageId] }),
    index("email_message_ids_tenant_ticket_idx").on(t.tenantId, t.ticketId, t.createdAt),
    foreignKey({
      name: "email_message_ids_ticket_fk",
      columns: [t.tenantId, t.ticketId],
      foreignColumns: [tickets.tenantId, tickets.id],
    }).onDelete("cascade"),
    tenantIsolationPolicy(),
  ],
);

/** People copied on a ticket: kept from inbound mail (agents may edit), copied on replies. */
export const ticketCcs = pgTable(
  "ticket_ccs",
  {
    tenantId: tenantIdColumn(),
    ticketId: uuid("ticket_id").notNull(),
    /** Lower-cased. */
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ticketId, t.email] }),
    foreignKey({
      name: "ticket_ccs_ticket_fk",
      columns: [t.tenantId, t.ticketId],
      foreignColumns: [tickets.tenantId, tickets.id],
    }).onDelete("cascade"),
    tenantIsolationPolicy(),
  ],
);

/** A file on a ticket's message: its bytes in storage, its type sniffed from them. */
export const attachments = pgTable(
  "attachments",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    ticketId: uuid("ticket_id").notNull(),
    messageId: uuid("message_id"),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    storageKey: text("storage_key").notNull(),
    /** For inline images: the Content-ID the HTML names (`cid:…`). */
    contentId: text("content_id"),
    inline: boolean("inline").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("attachments_tenant_ticket_idx").on(t.tenantId, t.ticketId, t.createdAt),
    uniqueIndex("attachments_tenant_storage_key").on(t.tenantId, t.storageKey),
    foreignKey({
      name: "attachments_ticket_fk",
      columns: [t.tenantId, t.ticketId],
      foreignColumns: [tickets.tenantId, tickets.id],
    }).onDelete("cascade"),
    tenantIsolationPolicy(),
  ],
);
