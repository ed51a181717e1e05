// Tenant-owned: the people a tenant supports (they write tickets; they are not platform users).
import { type SQL, sql } from "drizzle-orm";
import {
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, newId, updatedAt } from "./_columns";
import { tenantIdColumn, tenantIsolationPolicy } from "./_tenant";

export const customers = pgTable(
  "customers",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    email: text("email").notNull(),
    /**
     * The address lower-cased, kept by PostgreSQL: lookups compare it with `=`, which (unlike
     * `lower()`) is LEAKPROOF, so its index serves them under row-level security.
     */
    emailLower: text("email_lower").generatedAlwaysAs((): SQL => sql`lower(email)`),
    name: text("name").notNull(),
    company: text("company"),
    /** Set when mail to the address bounced (a delivery status notification), with why. */
    bouncingAt: timestamp("bouncing_at", { withTimezone: true, precision: 3 }),
    bounceReason: text("bounce_reason"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("customers_tenant_email_key").on(t.tenantId, t.emailLower),
    index("customers_tenant_created_idx").on(t.tenantId, t.createdAt.desc().nullsFirst()),
    tenantIsolationPolicy(),
  ],
);
