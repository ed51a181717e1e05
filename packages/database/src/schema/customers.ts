// Tenant-owned: the people a tenant supports (they write tickets; they are not platform users).
import { sql } from "drizzle-orm";
import { index, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, newId, updatedAt } from "./_columns";
import { tenantIdColumn, tenantIsolationPolicy } from "./_tenant";

export const customers = pgTable(
  "customers",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    email: text("email").notNull(),
    name: text("name").notNull(),
    company: text("company"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("customers_tenant_email_key").on(t.tenantId, sql`lower(${t.email})`),
    index("customers_tenant_created_idx").on(t.tenantId, t.createdAt.desc().nullsFirst()),
    tenantIsolationPolicy(),
  ],
);
