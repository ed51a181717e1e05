// Race-free per-tenant numbers (ticket #1, #2, …) from the `tenant_counters` row of each tenant.
import { sql } from "drizzle-orm";
import type { TenantDb } from "./client";
import { tenantCounters } from "./schema";

/**
 * The next number of counter `name` in the transaction's tenant. Concurrent callers queue on
 * the counter's row lock until the first commits, so numbers are never shared; a rolled-back
 * transaction gives its number back.
 *
 * @example
 * const number = await nextNumber(tx, "ticket"); // 1, then 2, …
 */
export async function nextNumber(tx: TenantDb, name: string): Promise<number> {
  const [row] = await tx
    .insert(tenantCounters)
    .values({ name, value: 1 })
    .onConflictDoUpdate({
      target: [tenantCounters.tenantId, tenantCounters.name],
      set: { value: sql`${tenantCounters.value} + 1` },
    })
    .returning({ value: tenantCounters.value });
  if (!row) throw new Error(`counter ${name} returned no row`);
  return row.value;
}
