// Building blocks every tenant-owned table uses, so none can be declared without its isolation.
import { sql } from "drizzle-orm";
import { pgPolicy, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";

/** The tenant named by the current transaction (`withTenant`), or NULL when none is. */
export const currentTenantSql = sql`nullif(current_setting('app.tenant_id', true), '')::uuid`;

/**
 * The `tenant_id` column: required, references `tenants`, and defaults to the transaction's
 * tenant so inserts inside `withTenant` cannot name another one by accident.
 */
export const tenantIdColumn = () =>
  uuid("tenant_id")
    .notNull()
    .default(currentTenantSql)
    .references(() => tenants.id, { onDelete: "cascade" });

/** The fail-closed policy: rows are visible and writable only under their own tenant. */
export const tenantIsolationPolicy = () =>
  pgPolicy("tenant_isolation", {
    as: "permissive",
    for: "all",
    to: "public",
    using: sql`tenant_id = ${currentTenantSql}`,
    withCheck: sql`tenant_id = ${currentTenantSql}`,
  });
