// The outbox relay: moves committed jobs to BullMQ fairly across tenants, without losing any.
import { type Database, type SQL, sql, type TenantDb } from "@supportdesk/database";
import type { Logger } from "@supportdesk/logger";
import type { Queue } from "bullmq";
import type { QueueName } from "./queues";

export type RelayOptions = {
  db: Database;
  queues: Record<QueueName, Queue>;
  log: Logger;
  /**
   * The most jobs a queue may hold waiting. The relay tops each queue up to this and no more,
   * so a tenant's backlog stays in the outbox, where it is served fairly, instead of in
   * BullMQ's FIFO, where a quiet tenant's job would wait behind all of it.
   */
  maxWaiting?: number;
  /** Jobs taken from one tenant in one round (its lane's share). */
  perTenant?: number;
  /** How often to look even without a NOTIFY (missed notifications, delayed jobs). */
  pollMs?: number;
  /** How long adding to Redis may take before the round is abandoned and retried. */
  redisTimeoutMs?: number;
  /**
   * Leave rows recorded before this instant alone (OUTBOX_RELAY_SINCE). For test stacks that
   * share one database: each relays only the jobs born after it started, never the backlog other
   * suites left (no production deployment sets it).
   */
  since?: Date | null;
};

type Row = {
  id: string;
  tenant_id: string | null;
  queue: string;
  job_name: string;
  payload: unknown;
};

export type Relay = {
  /** Dispatches until nothing is pending or the queues are full; returns how many it moved. */
  drain(): Promise<number>;
  stop(): Promise<void>;
};

function timeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Per-tenant lanes inside BullMQ: a job's priority is 1 + how many jobs its tenant had dispatched
 * in the last `windowMs`. A quiet tenant's job (priority ~1) is served before a noisy tenant's
 * waiting jobs (priorities in the hundreds), so no tenant waits behind another's backlog.
 */
export type Lanes = {
  priorityFor(tenantId: string | null): number;
  /** Whether the tenant dispatched few jobs lately (its jobs may enter a full queue). */
  isQuiet(tenantId: string | null): boolean;
};

/** Jobs a lane may dispatch in the window and still count as quiet. */
const QUIET_LANE = 20;
/** What a full queue still takes in one round: a few jobs of each quiet lane. */
const EXPRESS_PER_LANE = 5;
const EXPRESS_ROOM = 50;

export function createLanes(windowMs = 10_000): Lanes {
  const recent = new Map<string, { count: number; since: number }>();
  const current = (key: string, now: number) => {
    const lane = recent.get(key);
    return lane && now - lane.since <= windowMs ? lane : undefined;
  };
  return {
    isQuiet(tenantId) {
      return (current(tenantId ?? "platform", Date.now())?.count ?? 0) < QUIET_LANE;
    },
    priorityFor(tenantId) {
      const key = tenantId ?? "platform";
      const now = Date.now();
      const lane = recent.get(key);
      if (!lane || now - lane.since > windowMs) {
        recent.set(key, { count: 1, since: now });
        if (recent.size > 10_000) recent.clear();
        return 1;
      }
      lane.count++;
      // BullMQ priorities go up to 2^21.
      return Math.min(lane.count, 2_097_151);
    },
  };
}

/**
 * One round: per queue with room, take up to `perTenant` of each tenant's oldest pending jobs
 * (tenants walked with a loose index scan, so a 100,000-row backlog costs one index probe, not a
 * sort), lock them (SKIP LOCKED: several relays may run), add them to BullMQ with job id = outbox
 * id (a retried round cannot duplicate a job), and mark them dispatched. If Redis fails, the
 * transaction rolls back and the rows wait for the next round.
 */
async function round(
  options: Required<Omit<RelayOptions, "log">> & { log: Logger; lanes: Lanes },
): Promise<{ moved: number; saturated: boolean }> {
  let moved = 0;
  let saturated = false;
  for (const [name, queue] of Object.entries(options.queues)) {
    const waiting = await timeout(
      queue.getJobCountByTypes("waiting", "prioritized"),
      options.redisTimeoutMs,
      "counting waiting jobs",
    );
    const room = options.maxWaiting - waiting;
    const full = room <= 0;
    if (full) saturated = true;
    moved += await options.db.platform.transaction(async (tx) => {
      // A full queue still takes quiet lanes' jobs (express): their top priority puts them
      // ahead of the backlog that filled it, so they need not wait in the outbox for room.
      const picked = full
        ? await pick(tx, name, EXPRESS_PER_LANE, EXPRESS_ROOM, options.since)
        : await pick(tx, name, options.perTenant, room, options.since);
      const rows = full ? picked.filter((row) => options.lanes.isQuiet(row.tenant_id)) : picked;
      if (rows.length === 0) return 0;
      await timeout(
        queue.addBulk(
          rows.map((row) => ({
            name: row.job_name,
            data: row.payload,
            opts: { jobId: row.id, priority: options.lanes.priorityFor(row.tenant_id) },
          })),
        ),
        options.redisTimeoutMs,
        "adding jobs to Redis",
      );
      await tx.execute(sqlMarkDispatched(rows.map((r) => r.id)));
      return rows.length;
    });
  }
  return { moved, saturated };
}

/**
 * The round's jobs for one queue: the tenants' lanes taken in turn (each one's oldest first), then
 * the platform lane.
 */
async function pick(
  tx: TenantDb,
  queue: string,
  perTenant: number,
  limit: number,
  since: Date | null,
): Promise<Row[]> {
  const recent = since ? sql`and created_at >= ${since.toISOString()}::timestamptz` : sql``;
  const lanes = (await tx.execute(sql`
    with recursive lanes(tenant_id) as (
      (select tenant_id from outbox
        where dispatched_at is null and tenant_id is not null ${recent}
        order by tenant_id limit 1)
      union all
      select (select o.tenant_id from outbox o
                where o.dispatched_at is null and o.tenant_id > lanes.tenant_id ${recent}
                order by o.tenant_id limit 1)
        from lanes where lanes.tenant_id is not null
    )
    select job.id, job.tenant_id, job.queue, job.job_name, job.payload
    from lanes
    cross join lateral (
      select o.id, o.tenant_id, o.queue, o.job_name, o.payload, o.created_at
      from outbox o
      where o.dispatched_at is null and o.tenant_id = lanes.tenant_id
        and o.queue = ${queue} and o.available_at <= now() ${recent}
      order by o.created_at, o.id
      limit ${perTenant}
      for update skip locked
    ) job
    -- Round-robin over the lanes: every tenant's oldest job, then every tenant's second… so when
    -- a queue has room for only a few, a quiet tenant's job is not behind a backlog's older ones.
    order by row_number() over (partition by job.tenant_id order by job.created_at, job.id),
             job.created_at
    limit ${limit}`)) as unknown as Row[];
  if (lanes.length >= limit) return lanes;
  const platform = (await tx.execute(sql`
    select id, tenant_id, queue, job_name, payload from outbox
    where dispatched_at is null and tenant_id is null and queue = ${queue} and available_at <= now()
      ${recent}
    order by created_at, id
    limit ${Math.min(perTenant, limit - lanes.length)}
    for update skip locked`)) as unknown as Row[];
  return [...lanes, ...platform];
}

function sqlMarkDispatched(ids: string[]): SQL {
  return sql`update outbox set dispatched_at = now(), attempts = attempts + 1
             where id = any(${`{${ids.join(",")}}`}::uuid[])`;
}

/**
 * Starts the relay: it wakes on NOTIFY (sent at commit by the outbox trigger) and on a short
 * poll, and drains in rounds. Errors (Redis or PostgreSQL away) are logged and retried with
 * backoff; nothing is lost, because undispatched rows simply stay in the outbox.
 *
 * @example
 * const relay = await startRelay({ db, queues: openQueues(redis), log });
 * // on shutdown: await relay.stop();
 */
export async function startRelay(input: RelayOptions): Promise<Relay> {
  const options = {
    maxWaiting: 200,
    perTenant: 50,
    pollMs: 500,
    redisTimeoutMs: 5000,
    since: null,
    ...input,
    lanes: createLanes(),
  };
  let stopped = false;
  let wake: (() => void) | undefined;
  let failures = 0;

  let saturated = false;
  let draining: Promise<number> | undefined;
  /** One drain at a time (the loop's and a caller's): concurrent rounds would overfill queues. */
  const drain = (): Promise<number> => {
    draining ??= (async () => {
      let total = 0;
      try {
        for (;;) {
          const result = await round(options);
          total += result.moved;
          saturated = result.saturated;
          if (result.moved === 0 || stopped) return total;
        }
      } finally {
        draining = undefined;
      }
    })();
    return draining;
  };

  // A NOTIFY that arrives while a round runs (no one waiting to be woken) must not be lost: it
  // marks the relay as owed another round, which then starts without sleeping.
  let owed = false;
  const notify = () => {
    if (wake) wake();
    else owed = true;
  };
  const listener = await options.db.sql.listen("outbox", notify).catch((error: Error) => {
    options.log.warn({ err: error.message }, "outbox LISTEN unavailable; polling only");
    return undefined;
  });

  const loop = (async () => {
    while (!stopped) {
      owed = false;
      try {
        const moved = await drain();
        if (moved > 0) options.log.debug({ moved }, "outbox relayed");
        failures = 0;
      } catch (error) {
        failures++;
        options.log.warn(
          { err: (error as Error).message, failures },
          "outbox relay round failed; will retry",
        );
      }
      // After failures back off; while a queue is full, look again soon (workers free room
      // without notifying); otherwise wait for a NOTIFY or the poll.
      const delay =
        failures > 0
          ? Math.min(options.pollMs * 2 ** failures, 10_000)
          : saturated
            ? 50
            : options.pollMs;
      if (stopped) break;
      if (owed && failures === 0) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  })();

  return {
    drain,
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      await listener?.unlisten();
    },
  };
}
