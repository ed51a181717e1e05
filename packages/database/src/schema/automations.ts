// Tenant-owned: automation rules (seed 001's workflows) and the log of every run.
import { sql } from "drizzle-orm";
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, newId, updatedAt } from "./_columns";
import { tenantIdColumn, tenantIsolationPolicy } from "./_tenant";
import { users } from "./users";

/**
 * A rule: when `trigger` happens and `conditions` hold, do `actions` (the services' automation
 * schemas give their shapes). Rules run in `position` order; `trigger_type` is the trigger's
 * kind, a column so that an event reads only the rules it can fire.
 */
export const automationRules = pgTable(
  "automation_rules",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    enabled: boolean("enabled").notNull().default(true),
    position: integer("position").notNull().default(0),
    triggerType: text("trigger_type").notNull(),
    trigger: jsonb("trigger").$type<Record<string, unknown>>().notNull().default({}),
    conditions: jsonb("conditions").$type<Record<string, unknown>>().notNull().default({}),
    actions: jsonb("actions").$type<unknown[]>().notNull().default([]),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("automation_rules_tenant_name_key").on(t.tenantId, sql`lower(${t.name})`),
    index("automation_rules_tenant_trigger_idx").on(t.tenantId, t.triggerType, t.position),
    tenantIsolationPolicy(),
  ],
);

/**
 * One evaluation of one rule for one event: matched or not, the actions taken, or why it stopped
 * (an error, the depth limit, the per-ticket rate). `event_key` makes a rule run at most once per
 * event (a redelivered job finds its row and does nothing).
 */
export const automationRuns = pgTable(
  "automation_runs",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    ruleId: uuid("rule_id").notNull(),
    ticketId: uuid("ticket_id"),
    eventKey: text("event_key").notNull(),
    trigger: text("trigger").notNull(),
    matched: boolean("matched").notNull(),
    actions: jsonb("actions").$type<unknown[]>().notNull().default([]),
    error: text("error"),
    depth: integer("depth").notNull().default(0),
    /** From the event's time to the run's end, for the benchmark and the runs list. */
    latencyMs: integer("latency_ms"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({
      name: "automation_runs_rule_fk",
      columns: [t.tenantId, t.ruleId],
      foreignColumns: [automationRules.tenantId, automationRules.id],
    }).onDelete("cascade"),
    uniqueIndex("automation_runs_tenant_rule_event_key").on(t.tenantId, t.ruleId, t.eventKey),
    index("automation_runs_tenant_rule_created_idx").on(
      t.tenantId,
      t.ruleId,
      t.createdAt.desc().nullsFirst(),
    ),
    index("automation_runs_tenant_ticket_created_idx").on(
      t.tenantId,
      t.ticketId,
      t.createdAt.desc().nullsFirst(),
    ),
    tenantIsolationPolicy(),
  ],
);
