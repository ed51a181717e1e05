// Queue health for platform operators: BullMQ counts per queue and the outbox backlog per tenant.
import type { Database } from "@supportdesk/database";
import type { Queue } from "bullmq";
import type { QueueName } from "./queues";

export type QueueStats = {
  queues: Record<
    string,
    { waiting: number; active: number; delayed: number; failed: number; completed: number }
  >;
  outbox: {
    pending: number;
    byTenant: { tenantId: string | null; pending: number; oldest: string }[];
  };
};

/**
 * Counts of every queue, and the undispatched outbox rows per tenant (the 50 largest backlogs),
 * so an operator sees both a stuck relay and a tenant flooding the system.
 */
export async function queueStats(
  db: Database,
  queues: Record<QueueName, Queue>,
): Promise<QueueStats> {
  const counts = await Promise.all(
    Object.entries(queues).map(async ([name, queue]) => {
      const c = await queue.getJobCounts("waiting", "active", "delayed", "failed", "completed");
      return [
        name,
        {
          waiting: c.waiting ?? 0,
          active: c.active ?? 0,
          delayed: c.delayed ?? 0,
          failed: c.failed ?? 0,
          completed: c.completed ?? 0,
        },
      ] as const;
    }),
  );
  // Drizzle leaves timestamps as text on its postgres.js client; normalise to ISO.
  const byTenant = await db.sql<{ tenantId: string | null; pending: number; oldest: string }[]>`
    select tenant_id as "tenantId", count(*)::int as pending, min(created_at) as oldest
    from outbox where dispatched_at is null
    group by tenant_id order by pending desc limit 50`;
  const [total] = await db.sql<{ n: number }[]>`
    select count(*)::int as n from outbox where dispatched_at is null`;
  return {
    queues: Object.fromEntries(counts),
    outbox: {
      pending: total?.n ?? 0,
      byTenant: byTenant.map((r) => ({ ...r, oldest: new Date(r.oldest).toISOString() })),
    },
  };
}
