// What the tenant's service-level sweep asks of SLAs (called by service-levels-sweep.ts).
import {
  and,
  type Database,
  eq,
  isNull,
  lte,
  slaClocks,
  slaPolicies,
  sql,
  type TenantDb,
} from "@supportdesk/database";
import type { RealtimeEvent } from "@supportdesk/domain";
import { notifySlaAlerts, type SlaAlert } from "./notify";

/** Whether the tenant has enabled SLA policies or running clocks (its sweep keeps running while it does). */
export async function hasSlaWork(tx: TenantDb): Promise<boolean> {
  const [row] = await tx.execute<{ work: boolean }>(sql`select
    exists (select 1 from ${slaPolicies} where ${slaPolicies.enabled})
    or exists (select 1 from ${slaClocks} where ${slaClocks.status} = 'active' and ${slaClocks.breachedAt} is null)
    as work`);
  return row?.work === true;
}

const returned = {
  clockId: slaClocks.id,
  ticketId: slaClocks.ticketId,
  metric: slaClocks.metric,
  dueAt: slaClocks.dueAt,
};

/**
 * Warns about clocks due within their lead time and records breaches of clocks past due, each
 * exactly once (conditional updates in the transaction that writes the notifications).
 *
 * A breach is recorded at the due time (`breached_at = due_at`). The updates only touch clocks
 * still unmarked, and a concurrent sweep's update waits for this one's row locks and then finds
 * them marked: a second or concurrent sweep alerts nobody twice; a sweep that fails rolls back
 * its marks with its notifications, so the next one alerts.
 */
export async function sweepSla(
  db: Database,
  tenantId: string,
  now: Date,
): Promise<{ warned: number; breached: number; events: RealtimeEvent[] }> {
  return db.withTenant(tenantId, async (tx) => {
    const at = sql`${now.toISOString()}::timestamptz`;
    const breached = await tx
      .update(slaClocks)
      .set({ breachedAt: sql`${slaClocks.dueAt}`, updatedAt: now })
      .where(
        and(
          eq(slaClocks.status, "active"),
          isNull(slaClocks.breachedAt),
          lte(slaClocks.dueAt, now),
        ),
      )
      .returning(returned);
    const warned = await tx
      .update(slaClocks)
      .set({ warnedAt: now, updatedAt: now })
      .where(
        and(
          eq(slaClocks.status, "active"),
          isNull(slaClocks.warnedAt),
          isNull(slaClocks.breachedAt),
          sql`${slaClocks.dueAt} > ${at}`,
          sql`${slaClocks.dueAt} <= ${at} + make_interval(mins => ${slaClocks.warnMinutes})`,
        ),
      )
      .returning(returned);
    const alerts: SlaAlert[] = [
      ...breached.map((row) => ({ ...row, kind: "sla.breach" as const })),
      ...warned.map((row) => ({ ...row, kind: "sla.warning" as const })),
    ];
    const { events } = await notifySlaAlerts(tx, tenantId, alerts);
    return { warned: warned.length, breached: breached.length, events };
  });
}
