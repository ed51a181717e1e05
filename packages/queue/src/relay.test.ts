// The outbox path end to end on real PostgreSQL and Redis: producer, relay, worker runtime.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createRedis } from "@supportdesk/cache";
import { env } from "@supportdesk/config";
import { createDatabase, eq, inArray, outbox, tenants } from "@supportdesk/database";
import { createLogger } from "@supportdesk/logger";
import { ticketEventJob, verifyEmailJob } from "./jobs";
import { enqueue, JobPayloadError } from "./outbox";
import { openQueues } from "./queues";
import { createLanes, startRelay } from "./relay";
import { sealPayload } from "./sealed";
import { runOnce, startWorkers } from "./worker";

const config = env();
const db = createDatabase({ url: config.DATABASE_URL, max: 4 });
const log = createLogger({ name: "test", level: "silent" });
const prefix = `bull-test-${crypto.randomUUID().slice(0, 8)}`;
const bullConnection = () => {
  const redis = createRedis(config.REDIS_URL, { name: "test-bull", maxRetriesPerRequest: null });
  redis.on("error", () => {});
  return redis;
};
const connection = bullConnection();
const queues = openQueues(connection, prefix);

async function tenant(): Promise<string> {
  const [row] = await db.platform
    .insert(tenants)
    .values({ slug: `q-${crypto.randomUUID().slice(0, 12)}`, name: "Queue test" })
    .returning({ id: tenants.id });
  return row?.id ?? "";
}

const ticketEvent = (tenantId: string) => ({
  tenantId,
  ticketId: crypto.randomUUID(),
  kind: "created" as const,
  actorUserId: null,
});

beforeAll(async () => {
  // Start from an empty backlog: other test files leave undispatched rows in the test database.
  await db.sql`update outbox set dispatched_at = now() where dispatched_at is null`;
});

afterAll(async () => {
  await Promise.all(
    Object.values(queues).map((q) => q.obliterate({ force: true }).then(() => q.close())),
  );
  connection.disconnect();
  await db.close();
});

describe("enqueue", () => {
  test("refuses a tenant job without tenantId, naming the field", async () => {
    const error = await db.platform
      .transaction((tx) =>
        enqueue(tx, ticketEventJob, {
          ticketId: crypto.randomUUID(),
          kind: "created",
          actorUserId: null,
        } as never),
      )
      .catch((e) => e);
    expect(error).toBeInstanceOf(JobPayloadError);
    expect(error.field).toBe("tenantId");
  });

  test("refuses a payload of the wrong shape, naming the field", async () => {
    const error = await db.platform
      .transaction((tx) =>
        enqueue(tx, verifyEmailJob, {
          userId: "nope",
          email: "x@example.test",
          name: "X",
          token: "t".repeat(43),
        }),
      )
      .catch((e) => e);
    expect(error).toMatchObject({ field: "userId" });
  });

  test("a rolled-back write records no job", async () => {
    const tenantId = await tenant();
    await db.platform
      .transaction(async (tx) => {
        await enqueue(tx, ticketEventJob, ticketEvent(tenantId));
        throw new Error("roll back");
      })
      .catch(() => {});
    expect(await db.platform.select().from(outbox).where(eq(outbox.tenantId, tenantId))).toEqual(
      [],
    );
  });
});

describe("relay", () => {
  test("moves committed jobs to BullMQ with job id = outbox id, marks them dispatched, never twice", async () => {
    const tenantId = await tenant();
    const ids = await db.platform.transaction(async (tx) =>
      Promise.all([1, 2, 3].map(() => enqueue(tx, ticketEventJob, ticketEvent(tenantId)))),
    );
    const relay = await startRelay({ db, queues, log, pollMs: 60_000 });
    try {
      await relay.drain();
      const rows = await db.platform
        .select()
        .from(outbox)
        .where(
          inArray(
            outbox.id,
            ids.map((r) => r.id),
          ),
        );
      expect(rows.every((r) => r.dispatchedAt !== null)).toBe(true);
      for (const { id } of ids)
        expect((await queues.notification.getJob(id))?.name).toBe("ticket.event");
      // A relay retry (rows not marked, say the commit was lost) adds the same ids: no duplicates.
      await db.sql`update outbox set dispatched_at = null where id = any(${ids.map((r) => r.id)}::uuid[])`;
      const before = await queues.notification.getJobCountByTypes(
        "waiting",
        "active",
        "completed",
        "failed",
      );
      await relay.drain();
      expect(
        await queues.notification.getJobCountByTypes("waiting", "active", "completed", "failed"),
      ).toBe(before);
    } finally {
      await relay.stop();
      await queues.notification.drain();
    }
  });

  test("fair lanes: a quiet tenant's job goes out in the first round despite another's 2,000-job backlog", async () => {
    const busy = await tenant();
    const quiet = await tenant();
    await db.sql`
      insert into outbox (id, tenant_id, queue, job_name, payload)
      select gen_random_uuid(), ${busy}::uuid, 'notification', 'ticket.event',
             jsonb_build_object('tenantId', ${busy}::text, 'ticketId', gen_random_uuid(), 'kind', 'created', 'actorUserId', null)
      from generate_series(1, 2000)`;
    const [quietJob] = await db.platform.transaction((tx) =>
      Promise.all([enqueue(tx, ticketEventJob, ticketEvent(quiet))]),
    );
    const relay = await startRelay({
      db,
      queues,
      log,
      pollMs: 60_000,
      maxWaiting: 100,
      perTenant: 50,
    });
    try {
      // One bounded round: at most maxWaiting jobs move, and the quiet tenant's is among them.
      await relay.drain();
      expect(await queues.notification.getJob(quietJob?.id ?? "")).toBeDefined();
      expect(
        await queues.notification.getJobCountByTypes("waiting", "prioritized"),
      ).toBeLessThanOrEqual(100);
      // Inside BullMQ too the quiet tenant goes first: its job has the top priority.
      expect((await queues.notification.getJob(quietJob?.id ?? ""))?.opts.priority).toBe(1);
      const [pending] = await db.sql<
        { n: number }[]
      >`select count(*)::int as n from outbox where tenant_id = ${busy} and dispatched_at is null`;
      expect(pending?.n).toBeGreaterThan(1800);
    } finally {
      await relay.stop();
      await queues.notification.drain();
      await db.sql`update outbox set dispatched_at = now() where tenant_id = ${busy}`;
    }
  });

  test("a full queue still takes a quiet tenant's new job, and no more of the busy tenant's", async () => {
    const busy = await tenant();
    const quiet = await tenant();
    await db.sql`
      insert into outbox (id, tenant_id, queue, job_name, payload)
      select gen_random_uuid(), ${busy}::uuid, 'notification', 'ticket.event',
             jsonb_build_object('tenantId', ${busy}::text, 'ticketId', gen_random_uuid(), 'kind', 'created', 'actorUserId', null)
      from generate_series(1, 500)`;
    const relay = await startRelay({
      db,
      queues,
      log,
      pollMs: 60_000,
      maxWaiting: 60,
      perTenant: 60,
    });
    try {
      await relay.drain();
      const full = await queues.notification.getJobCountByTypes("waiting", "prioritized");
      expect(full).toBeGreaterThanOrEqual(60);
      const [late] = await db.platform.transaction((tx) =>
        Promise.all([enqueue(tx, ticketEventJob, ticketEvent(quiet))]),
      );
      await relay.drain();
      expect((await queues.notification.getJob(late?.id ?? ""))?.opts.priority).toBe(1);
      expect(await queues.notification.getJobCountByTypes("waiting", "prioritized")).toBe(full + 1);
    } finally {
      await relay.stop();
      await queues.notification.drain();
      await db.sql`update outbox set dispatched_at = now() where tenant_id = ${busy}`;
    }
  });

  test("while Redis is unreachable, rows wait in the outbox; nothing is marked dispatched", async () => {
    const tenantId = await tenant();
    const [job] = await db.platform.transaction((tx) =>
      Promise.all([enqueue(tx, ticketEventJob, ticketEvent(tenantId))]),
    );
    const dead = createRedis("redis://127.0.0.1:1", {
      name: "dead",
      maxRetriesPerRequest: null,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    dead.on("error", () => {});
    const relay = await startRelay({
      db,
      queues: openQueues(dead, prefix),
      log,
      pollMs: 60_000,
      redisTimeoutMs: 500,
    });
    try {
      await expect(relay.drain()).rejects.toThrow();
      const [row] = await db.platform
        .select()
        .from(outbox)
        .where(eq(outbox.id, job?.id ?? ""));
      expect(row?.dispatchedAt).toBeNull();
    } finally {
      await relay.stop();
      dead.disconnect();
      await db.sql`update outbox set dispatched_at = now() where tenant_id = ${tenantId}`;
    }
  });
});

describe("workers", () => {
  test("a job runs its handler once; a redelivery of a finished job does nothing", async () => {
    const tenantId = await tenant();
    const jobId = crypto.randomUUID();
    let calls = 0;
    const run = () =>
      runOnce(db, { id: jobId, name: "ticket.event", tenantId }, async () => {
        calls++;
        return { sent: true };
      });
    expect(await run()).toEqual({ sent: true });
    expect(await run()).toMatchObject({ skipped: "already done", sent: true });
    expect(calls).toBe(1);
  });

  test("an invalid payload fails at once and stays visible as failed; a valid one completes", async () => {
    const tenantId = await tenant();
    const handled: string[] = [];
    const workers = startWorkers({
      db,
      connection: bullConnection,
      handlers: {
        "ticket.event": async (job) => {
          handled.push(job.id);
          return { ok: true };
        },
      },
      concurrency: { email: 1, notification: 2 },
      log,
      prefix,
    });
    try {
      const good = crypto.randomUUID();
      const bad = crypto.randomUUID();
      await queues.notification.add("ticket.event", ticketEvent(tenantId), { jobId: good });
      await queues.notification.add(
        "ticket.event",
        { ticketId: "nope" },
        { jobId: bad, attempts: 5 },
      );
      const deadline = Date.now() + 10_000;
      while (
        Date.now() < deadline &&
        ((await queues.notification.getJob(bad))?.failedReason === undefined ||
          !handled.includes(good))
      ) {
        await Bun.sleep(50);
      }
      expect(handled).toEqual([good]);
      const failed = await queues.notification.getJob(bad);
      expect(failed?.failedReason).toContain("invalid payload for ticket.event: tenantId");
      expect(failed?.attemptsMade).toBe(1);
      expect(await failed?.getState()).toBe("failed");
    } finally {
      await workers.close();
    }
  });
});

describe("sealed tokens in the worker", () => {
  test("the handler gets the token opened; an altered or plaintext token fails without running it", async () => {
    const handled: string[] = [];
    const workers = startWorkers({
      db,
      connection: bullConnection,
      handlers: {
        "email.verify": async (job) => {
          handled.push(String(job.payload.token));
          return { ok: true };
        },
      },
      concurrency: { email: 2, notification: 1 },
      log,
      prefix,
    });
    const payload = {
      userId: crypto.randomUUID(),
      email: "sealed@example.test",
      name: "Sealed",
      token: "s".repeat(43),
    };
    const sealed = sealPayload(verifyEmailJob, payload);
    const ids = {
      good: crypto.randomUUID(),
      altered: crypto.randomUUID(),
      plain: crypto.randomUUID(),
    };
    try {
      await queues.email.add("email.verify", sealed, { jobId: ids.good });
      // The same sealed token in a job addressed to someone else: bound to its recipient.
      await queues.email.add(
        "email.verify",
        { ...sealed, email: "attacker@example.test" },
        { jobId: ids.altered, attempts: 5 },
      );
      await queues.email.add("email.verify", payload, { jobId: ids.plain, attempts: 5 });
      const settled = async (id: string) => {
        const state = await (await queues.email.getJob(id))?.getState();
        return state === "completed" || state === "failed";
      };
      const deadline = Date.now() + 10_000;
      while (
        Date.now() < deadline &&
        !((await settled(ids.altered)) && (await settled(ids.plain)) && (await settled(ids.good)))
      ) {
        await Bun.sleep(50);
      }
      expect(handled).toEqual([payload.token]);
      for (const id of [ids.altered, ids.plain]) {
        const failed = await queues.email.getJob(id);
        expect(await failed?.getState()).toBe("failed");
        expect(failed?.attemptsMade).toBe(1);
      }
      expect((await queues.email.getJob(ids.plain))?.failedReason).toContain("token is not sealed");
    } finally {
      await workers.close();
    }
  });
});

describe("lanes", () => {
  test("a tenant's priority grows with its recent volume; a quiet tenant stays at the top", () => {
    const lanes = createLanes(10_000);
    const busy = crypto.randomUUID();
    const busyPriorities = Array.from({ length: 100 }, () => lanes.priorityFor(busy));
    expect(busyPriorities.at(-1)).toBe(100);
    expect(lanes.priorityFor(crypto.randomUUID())).toBe(1);
    expect(lanes.priorityFor(null)).toBe(1);
  });
});
