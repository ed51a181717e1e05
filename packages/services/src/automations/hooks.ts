// What the tenant's service-level sweep asks of automations (called by service-levels-sweep.ts).
import type { Database, TenantDb } from "@supportdesk/database";

/** Whether the tenant has enabled time-based rules (its sweep keeps running while it does). */
export async function hasTimeRules(_tx: TenantDb): Promise<boolean> {
  return false;
}

/** Fires the tenant's time-based rules whose time has come (each at most once per ticket and moment). */
export async function sweepTimeTriggers(
  _db: Database,
  _tenantId: string,
  _now: Date,
): Promise<{ fired: number }> {
  return { fired: 0 };
}
