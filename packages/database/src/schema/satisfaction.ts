// Tenant-owned: satisfaction surveys (CSAT) and the per-ticket facts reports aggregate.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, newId, updatedAt } from "./_columns";
import { tenantIdColumn, tenantIsolationPolicy } from "./_tenant";
import { ticketChannel, ticketPriority, ticketStatus, tickets } from "./tickets";

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** A tenant's survey settings (one row; absent means off). */
export const csatSettings = pgTable(
  "csat_settings",
  {
    tenantId: tenantIdColumn(),
    enabled: boolean("enabled").notNull().default(false),
    /** Minutes after a resolve before the survey is sent. */
    delayMinutes: integer("delay_minutes").notNull().default(60),
    question: text("question").notNull().default("How would you rate the support you received?"),
    commentPrompt: text("comment_prompt")
      .notNull()
      .default("Anything you would like to tell us? (optional)"),
    /** Help-centre inquiry types whose tickets get no survey. */
    disabledInquiryTypeIds: text("disabled_inquiry_type_ids").array().notNull().default([]),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] }), tenantIsolationPolicy()],
);

/**
 * One survey per ticket: created when the ticket is resolved (and surveys are on), emailed after
 * the delay. The customer's link carries a token; only its hash is stored. A later click or
 * comment updates the same row (a changed mind counts once).
 */
export const csatSurveys = pgTable(
  "csat_surveys",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    ticketId: uuid("ticket_id").notNull(),
    customerId: uuid("customer_id"),
    /** Whose work is rated: the assignee and team when the ticket was resolved. */
    agentUserId: uuid("agent_user_id"),
    teamId: uuid("team_id"),
    tokenHash: text("token_hash").notNull(),
    sentAt: at("sent_at"),
    rating: smallint("rating"),
    comment: text("comment"),
    ratedAt: at("rated_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: "csat_surveys_ticket_fk",
      columns: [t.tenantId, t.ticketId],
      foreignColumns: [tickets.tenantId, tickets.id],
    }).onDelete("cascade"),
    uniqueIndex("csat_surveys_tenant_ticket_key").on(t.tenantId, t.ticketId),
    uniqueIndex("csat_surveys_tenant_token_key").on(t.tenantId, t.tokenHash),
    index("csat_surveys_tenant_rated_idx").on(t.tenantId, t.ratedAt),
    index("csat_surveys_tenant_agent_idx").on(t.tenantId, t.agentUserId, t.ratedAt),
    check("csat_surveys_rating_check", sql`${t.rating} between 1 and 5`),
    tenantIsolationPolicy(),
  ],
);

/**
 * The reports' rollup: one row per ticket with what the reports group and measure, kept up to
 * date by a worker job after every ticket event (recomputed from the ticket, idempotent), so a
 * report reads this narrow table by date range instead of scanning tickets and messages.
 * Durations are seconds of business time in the tenant's default calendar (calendar time when it
 * has none).
 */
export const ticketFacts = pgTable(
  "ticket_facts",
  {
    tenantId: tenantIdColumn(),
    ticketId: uuid("ticket_id").notNull(),
    createdAt: at("created_at").notNull(),
    channel: ticketChannel("channel").notNull(),
    inquiryTypeId: text("inquiry_type_id"),
    teamId: uuid("team_id"),
    assigneeId: uuid("assignee_id"),
    priority: ticketPriority("priority").notNull(),
    status: ticketStatus("status").notNull(),
    tags: text("tags").array().notNull().default([]),
    firstResponseAt: at("first_response_at"),
    firstResponseSeconds: integer("first_response_seconds"),
    resolvedAt: at("resolved_at"),
    resolutionSeconds: integer("resolution_seconds"),
    reopenCount: integer("reopen_count").notNull().default(0),
    slaBreached: boolean("sla_breached").notNull().default(false),
    csatRating: smallint("csat_rating"),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ticketId] }),
    foreignKey({
      name: "ticket_facts_ticket_fk",
      columns: [t.tenantId, t.ticketId],
      foreignColumns: [tickets.tenantId, tickets.id],
    }).onDelete("cascade"),
    index("ticket_facts_tenant_created_idx").on(t.tenantId, t.createdAt),
    index("ticket_facts_tenant_resolved_idx").on(t.tenantId, t.resolvedAt),
    tenantIsolationPolicy(),
  ],
);
