// Tenant-owned: the agents' workflow — canned replies (macros), saved views, custom ticket fields,
// teams with their members and assignment rules, and each agent's availability.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
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
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, newId, updatedAt } from "./_columns";
import { tenantIdColumn, tenantIsolationPolicy } from "./_tenant";
import { users } from "./users";

// The values match @supportdesk/domain's TICKET_FIELD_TYPES, ASSIGNMENT_MODES, AGENT_AVAILABILITY
// (the database imports no workspace package; services' domain-sync test keeps them equal).
export const ticketFieldType = pgEnum("ticket_field_type", [
  "text",
  "number",
  "select",
  "multiselect",
  "date",
  "checkbox",
]);
export const assignmentMode = pgEnum("assignment_mode", ["manual", "round_robin", "least_loaded"]);
export const agentAvailability = pgEnum("agent_availability", ["online", "away", "offline"]);

/** An owner column for unique keys: NULL (shared with the tenant) is one owner, not many. */
const ownerKey = (column: AnyPgColumn) =>
  sql`coalesce(${column}, '00000000-0000-0000-0000-000000000000'::uuid)`;

/**
 * A canned reply: shared with the tenant (`owner_user_id` null) or one agent's own. `body` may hold
 * placeholders (`{{customer.name}}`); `actions` (the domain's `MacroActions`) apply with it.
 */
export const macros = pgTable(
  "macros",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    ownerUserId: uuid("owner_user_id").references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    body: text("body").notNull().default(""),
    actions: jsonb("actions").$type<Record<string, unknown>>().notNull().default({}),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    usageCount: integer("usage_count").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // One name per owner (the tenant's shared ones count as one owner), whatever its case.
    uniqueIndex("macros_tenant_owner_name_key").on(
      t.tenantId,
      ownerKey(t.ownerUserId),
      sql`lower(${t.name})`,
    ),
    tenantIsolationPolicy(),
  ],
);

/**
 * A saved inbox view: a name, filters (the domain's `TicketViewFilters`) and a sort; shared with
 * the tenant (`owner_user_id` null) or one agent's own.
 */
export const savedViews = pgTable(
  "saved_views",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    ownerUserId: uuid("owner_user_id").references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    filters: jsonb("filters").$type<Record<string, unknown>>().notNull().default({}),
    sort: text("sort").notNull().default("newest"),
    position: integer("position").notNull().default(0),
    createdByUserId: uuid("created_by_user_id").references(() => users.id, {
      onDelete: "set null",
    }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("saved_views_tenant_owner_name_key").on(
      t.tenantId,
      ownerKey(t.ownerUserId),
      sql`lower(${t.name})`,
    ),
    tenantIsolationPolicy(),
  ],
);

/**
 * An admin-defined ticket field. Values live on the ticket (`tickets.custom_fields`, keyed by this
 * id) and are checked against the definition by the services. Archived fields keep their values
 * but are no longer shown or asked.
 */
export const ticketFields = pgTable(
  "ticket_fields",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    label: text("label").notNull(),
    description: text("description").notNull().default(""),
    type: ticketFieldType("type").notNull(),
    /** The choices of a select or multi-select field, in order. */
    options: text("options").array().notNull().default([]),
    required: boolean("required").notNull().default(false),
    /** Asked on the help centre's contact form too. */
    onContactForm: boolean("on_contact_form").notNull().default(false),
    position: integer("position").notNull().default(0),
    archivedAt: timestamp("archived_at", { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("ticket_fields_tenant_label_key").on(t.tenantId, t.label),
    tenantIsolationPolicy(),
  ],
);

/** A team: a name, its members, and how its tickets are assigned (capacity: open tickets each). */
export const teams = pgTable(
  "teams",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    assignment: assignmentMode("assignment").notNull().default("manual"),
    capacity: integer("capacity").notNull().default(10),
    /** Round-robin's place: the member who was given the last ticket. */
    lastAssignedUserId: uuid("last_assigned_user_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("teams_tenant_name_key").on(t.tenantId, t.name),
    tenantIsolationPolicy(),
  ],
);

export const teamMembers = pgTable(
  "team_members",
  {
    tenantId: tenantIdColumn(),
    teamId: uuid("team_id").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.teamId, t.userId] }),
    foreignKey({
      name: "team_members_team_fk",
      columns: [t.tenantId, t.teamId],
      foreignColumns: [teams.tenantId, teams.id],
    }).onDelete("cascade"),
    index("team_members_tenant_user_idx").on(t.tenantId, t.userId),
    tenantIsolationPolicy(),
  ],
);

/**
 * An agent's availability in a tenant: `presence` follows the web app (a connected, active tab is
 * online), `manual` overrides it when set; assignment reads the two.
 */
export const agentStatus = pgTable(
  "agent_status",
  {
    tenantId: tenantIdColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    presence: agentAvailability("presence").notNull().default("offline"),
    manual: agentAvailability("manual"),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), tenantIsolationPolicy()],
);
