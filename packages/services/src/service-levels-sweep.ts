// A tenant's service-level sweep: SLA warnings and breaches, then time-based automation triggers.
// Run by the worker's `service-levels.sweep` job, which chains itself through the outbox.
import type { Database, TenantDb } from "@supportdesk/database";
import type { RealtimeEvent } from "@supportdesk/domain";
import { enqueue, serviceLevelSweepJob, sweepKey } from "@supportdesk/queue";
import { hasTimeRules, sweepTimeTriggers } from "./automations/hooks";
import { hasSlaWork, sweepSla } from "./sla/sweep";

/**
 * Makes sure a sweep is waiting for the tenant (at most one ever is: the outbox key). Called when
 * a policy or a time-based rule is created or enabled, by the seed, and by each sweep for the
 * next; `inMs` delays it.
 */
export async function scheduleSweep(tx: TenantDb, tenantId: string, inMs = 0): Promise<void> {
  await enqueue(
    tx,
    serviceLevelSweepJob,
    { tenantId },
    { key: sweepKey(tenantId), availableAt: new Date(Date.now() + inMs) },
  );
}

/**
 * One sweep: records the next one first (so a failure below never ends the chain; it ends only
 * when the tenant has no policies, clocks or time-based rules left), then SLA alerts, then time
 * triggers. Idempotent: every alert and run is a conditional write.
 */
export async function runSweep(
  db: Database,
  tenantId: string,
  options: { everyMs: number; now?: Date },
): Promise<{
  warned: number;
  breached: number;
  fired: number;
  next: boolean;
  /** The alerts' realtime events, to publish now that their transactions have committed. */
  events: RealtimeEvent[];
}> {
  const now = options.now ?? new Date();
  const next = await db.withTenant(tenantId, async (tx) => {
    const work = (await hasSlaWork(tx)) || (await hasTimeRules(tx));
    if (work) await scheduleSweep(tx, tenantId, options.everyMs);
    return work;
  });
  const sla = await sweepSla(db, tenantId, now);
  const time = await sweepTimeTriggers(db, tenantId, now);
  return {
    warned: sla.warned,
    breached: sla.breached,
    fired: time.fired,
    next,
    events: [...sla.events, ...time.events],
  };
}
