// Per-tenant sequences behind human numbers such as ticket #42.
import { bigint, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { tenantIdColumn, tenantIsolationPolicy } from "./_tenant";

/**
 * One row per tenant and counter name, bumped with `INSERT … ON CONFLICT DO UPDATE … RETURNING`
 * so concurrent writers queue on the row lock and never share or skip a number.
 */
export const tenantCounters = pgTable(
  "tenant_counters",
  {
    tenantId: tenantIdColumn(),
    name: text("name").notNull(),
    value: bigint("value", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.name] }), tenantIsolationPolicy()],
);
