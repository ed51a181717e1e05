// Tenant-owned: service levels — business-hours calendars, SLA policies, and each ticket's SLA
// clocks (one per measured target, kept as history when a policy is re-applied).
import { sql } from "drizzle-orm";
import {
  boolean,
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
import { createdAt, newId, updatedAt } from "./_columns";
import { tenantIdColumn, tenantIsolationPolicy } from "./_tenant";
import { tickets } from "./tickets";

// The values match @supportdesk/domain's SLA_METRICS and SLA_CLOCK_STATUSES (the database imports
// no workspace package; services' domain-sync test keeps them equal).
export const slaMetric = pgEnum("sla_metric", ["first_response", "next_response", "resolution"]);
export const slaClockStatus = pgEnum("sla_clock_status", [
  "active",
  "paused",
  "stopped",
  "met",
  "superseded",
]);

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * A business-hours calendar: an IANA time zone, weekly open intervals (the domain's
 * `BusinessWeek`, wall-clock times in that zone) and holidays (the domain's `Holiday[]`). One
 * calendar may be the tenant's default (used by business-time targets of policies naming none).
 */
export const businessHours = pgTable(
  "business_hours",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    name: text("name").notNull(),
    timezone: text("timezone").notNull(),
    weekly: jsonb("weekly").$type<Record<string, { start: string; end: string }[]>>().notNull(),
    holidays: jsonb("holidays")
      .$type<{ date: string; name: string; yearly: boolean }[]>()
      .notNull()
      .default([]),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("business_hours_tenant_name_key").on(t.tenantId, sql`lower(${t.name})`),
    uniqueIndex("business_hours_tenant_default_key").on(t.tenantId).where(sql`${t.isDefault}`),
    tenantIsolationPolicy(),
  ],
);

/**
 * An SLA policy: targets per priority (the domain's `SlaTargets`), for tickets matching its
 * filters (empty = any): inquiry types, teams, tags (any of). The first enabled policy by
 * `position` that matches a ticket and has targets for its priority applies.
 */
export const slaPolicies = pgTable(
  "sla_policies",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    enabled: boolean("enabled").notNull().default(true),
    position: integer("position").notNull().default(0),
    /** The calendar of business-time targets; null: the tenant's default calendar (or 24/7). */
    businessHoursId: uuid("business_hours_id"),
    inquiryTypeIds: text("inquiry_type_ids").array().notNull().default([]),
    teamIds: uuid("team_ids").array().notNull().default([]),
    tags: text("tags").array().notNull().default([]),
    targets: jsonb("targets").$type<Record<string, unknown>>().notNull().default({}),
    /** Agents are warned this many minutes before a target is due. */
    warnMinutes: integer("warn_minutes").notNull().default(30),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("sla_policies_tenant_name_key").on(t.tenantId, sql`lower(${t.name})`),
    foreignKey({
      name: "sla_policies_business_hours_fk",
      columns: [t.tenantId, t.businessHoursId],
      foreignColumns: [businessHours.tenantId, businessHours.id],
    }),
    tenantIsolationPolicy(),
  ],
);

/**
 * One measured target of one ticket. `due_at` is set while the clock runs; a paused (pending on
 * the customer) or stopped (resolved) clock keeps `remaining_seconds` (business or calendar
 * seconds left; negative once past due) and resumes from it. A re-applied policy marks the old
 * clock superseded and starts a new one, so the history stays. `warned_at` / `breached_at` are
 * set once, by the breach sweep, in the transaction that records the alert.
 */
export const slaClocks = pgTable(
  "sla_clocks",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    ticketId: uuid("ticket_id").notNull(),
    metric: slaMetric("metric").notNull(),
    /** The policy it came from (no foreign key: a deleted policy's clocks are history). */
    policyId: uuid("policy_id"),
    policyName: text("policy_name").notNull().default(""),
    targetMinutes: integer("target_minutes").notNull(),
    /** The calendar it counts in; null: calendar (24/7) time. */
    businessHoursId: uuid("business_hours_id"),
    warnMinutes: integer("warn_minutes").notNull().default(30),
    status: slaClockStatus("status").notNull().default("active"),
    startedAt: at("started_at").notNull().defaultNow(),
    dueAt: at("due_at"),
    remainingSeconds: integer("remaining_seconds"),
    completedAt: at("completed_at"),
    warnedAt: at("warned_at"),
    breachedAt: at("breached_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: "sla_clocks_ticket_fk",
      columns: [t.tenantId, t.ticketId],
      foreignColumns: [tickets.tenantId, tickets.id],
    }).onDelete("cascade"),
    index("sla_clocks_tenant_ticket_idx").on(t.tenantId, t.ticketId, t.metric),
    // The breach sweep: running clocks not yet breached, by due time.
    index("sla_clocks_tenant_due_idx")
      .on(t.tenantId, t.dueAt)
      .where(sql`${t.status} = 'active' and ${t.breachedAt} is null`),
    index("sla_clocks_tenant_started_idx").on(t.tenantId, t.startedAt),
    tenantIsolationPolicy(),
  ],
);
