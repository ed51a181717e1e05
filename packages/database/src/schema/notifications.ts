// Tenant-owned: in-app notifications for a user inside one tenant, and their preferences.
import {
  boolean,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, newId, updatedAt } from "./_columns";
import { tenantIdColumn, tenantIsolationPolicy } from "./_tenant";
import { users } from "./users";

export const notifications = pgTable(
  "notifications",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("notifications_tenant_user_idx").on(
      t.tenantId,
      t.userId,
      t.createdAt.desc().nullsFirst(),
    ),
    tenantIsolationPolicy(),
  ],
);

/**
 * Per user, per tenant, per event type: whether to notify in the app and by email. A missing
 * row means the defaults (see the notifications service).
 */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    tenantId: tenantIdColumn(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    eventType: text("event_type").notNull(),
    inApp: boolean("in_app").notNull(),
    email: boolean("email").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId, t.eventType] }), tenantIsolationPolicy()],
);
