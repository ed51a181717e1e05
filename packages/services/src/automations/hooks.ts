// What the tenant's service-level sweep asks of automations (called by service-levels-sweep.ts).
import type { Database, TenantDb } from "@supportdesk/database";
import type { RealtimeEvent } from "@supportdesk/domain";
import { hasEnabledTimeRules, sweepTime } from "./time";

/** Whether the tenant has enabled time-based rules (its sweep keeps running while it does). */
export async function hasTimeRules(tx: TenantDb): Promise<boolean> {
  return hasEnabledTimeRules(tx);
}

/** Fires the tenant's time-based rules whose time has come (each at most once per ticket and moment). */
export async function sweepTimeTriggers(
  db: Database,
  tenantId: string,
  now: Date,
): Promise<{ fired: number; events: RealtimeEvent[] }> {
  return sweepTime(db, tenantId, now);
}
