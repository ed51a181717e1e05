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
    // Trigram indexes (tenant_id first, through btree_gin) for search by part of a name,
    // address or company; on the bare columns, as pg_trgm folds case itself.
    index("customers_tenant_name_trgm_idx").using("gin", t.tenantId, sql`${t.name} gin_trgm_ops`),
    index("customers_tenant_email_trgm_idx").using("gin", t.tenantId, sql`${t.email} gin_trgm_ops`),
    index("customers_tenant_company_trgm_idx").using(
      "gin",
      t.tenantId,
      sql`${t.company} gin_trgm_ops`,
    ),
    tenantIsolationPolicy(),
  ],
);
