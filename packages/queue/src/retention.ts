// Outbox retention: rows of jobs already handed to BullMQ are deleted after a number of days.
import { type Database, sql } from "@supportdesk/database";
import type { Logger } from "@supportdesk/logger";

const DAY_MS = 86_400_000;

/** How many rows a purge deleted, in all and per tenant (`null`: platform jobs). */
export type PurgeResult = { purged: number; byTenant: Map<string | null, number> };

/**
 * Deletes outbox rows dispatched more than `olderThanDays` ago, in batches of `batch`. Pending
 * rows are never touched, whatever their age. The outbox is a platform table (one relay serves
 * every tenant), so this runs on the platform handle with one rule for all tenants; rows of a
 * deleted tenant are already gone with it (ON DELETE CASCADE). Safe to run from several workers
 * at once (SKIP LOCKED) and to repeat: a second run finds nothing.
 *
 * @example
 * const { purged } = await purgeDispatched(db, { olderThanDays: 7 });
 */
export async function purgeDispatched(
  db: Database,
  options: { olderThanDays: number; batch?: number },
): Promise<PurgeResult> {
  const batch = options.batch ?? 5000;
  const cutoff = new Date(Date.now() - options.olderThanDays * DAY_MS).toISOString();
  const byTenant = new Map<string | null, number>();
  let purged = 0;
  for (;;) {
    const rows = (await db.platform.execute(sql`
      with doomed as (
        select id from outbox
        where dispatched_at is not null and dispatched_at < ${cutoff}::timestamptz
        limit ${batch}
        for update skip locked
      ), gone as (
        delete from outbox o using doomed where o.id = doomed.id returning o.tenant_id
      )
      select tenant_id, count(*)::int as n from gone group by tenant_id`)) as unknown as {
      tenant_id: string | null;
      n: number;
    }[];
    let deleted = 0;
    for (const row of rows) {
      deleted += row.n;
      byTenant.set(row.tenant_id, (byTenant.get(row.tenant_id) ?? 0) + row.n);
    }
    purged += deleted;
    if (deleted < batch) return { purged, byTenant };
  }
}

export type OutboxPurge = { stop(): Promise<void> };

/**
 * Purges now and then every `everyMs` (an hour by default) until stopped; failures are logged
 * and retried at the next tick. The worker runs it beside the relay.
 *
 * @example
 * const purge = startOutboxPurge({ db, log, retentionDays: config.OUTBOX_RETENTION_DAYS });
 * // on shutdown: await purge.stop();
 */
export function startOutboxPurge(options: {
  db: Database;
  log: Logger;
  retentionDays: number;
  everyMs?: number;
}): OutboxPurge {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const tick = () => {
    running = purgeDispatched(options.db, { olderThanDays: options.retentionDays })
      .then(({ purged, byTenant }) => {
        if (purged === 0) return;
        options.log.info({ purged, tenants: byTenant.size }, "outbox: purged dispatched rows");
        for (const [tenantId, count] of byTenant) {
          options.log.debug({ tenantId, purged: count }, "outbox: purged tenant's rows");
        }
      })
      .catch((error: Error) =>
        options.log.warn({ err: error.message }, "outbox purge failed; will retry"),
      )
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, options.everyMs ?? 3_600_000);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
