// queues.stats: platform operators only; counts per queue and the outbox backlog per tenant.
import { afterAll, describe, expect, test } from "bun:test";
import { createRedis } from "@supportdesk/cache";
import { env } from "@supportdesk/config";
import { createTenant, eq, inArray, outbox, users } from "@supportdesk/database";
import { enqueue, openQueues, ticketEventJob } from "@supportdesk/queue";
import { Worker } from "bullmq";
import { callerFor, codeOf, createTestDeps, signUp } from "../testing";

const base = await createTestDeps();
const bullConnection = () =>
  createRedis(env().REDIS_URL, { name: "test-stats", maxRetriesPerRequest: null });
const connection = bullConnection();
const prefix = `bull-stats-${crypto.randomUUID().slice(0, 8)}`;
const queues = openQueues(connection, prefix);
const deps = { ...base, queues };
afterAll(async () => {
  await Promise.all(
    Object.values(queues).map((q) => q.obliterate({ force: true }).then(() => q.close())),
  );
  connection.disconnect();
  await base.close();
});

async function operator() {
  const person = await signUp(deps);
  await deps.db.platform
    .update(users)
    .set({ platformAdmin: true })
    .where(eq(users.id, person.userId));
  return callerFor(deps, { authorization: `Bearer ${person.accessToken}` });
}

/** Runs the notification queue until it has finished `jobs` jobs: "boom" fails, others complete. */
async function drainNotifications(jobs: number): Promise<void> {
  const workerConnection = bullConnection();
  const worker = new Worker(
    "notification",
    async (job) => {
      if (job.name === "boom") throw new Error("handler failed");
    },
    { connection: workerConnection, prefix, autorun: false },
  );
  const finished = new Promise<void>((resolve) => {
    let count = 0;
    const done = () => {
      count += 1;
      if (count === jobs) resolve();
    };
    worker.on("completed", done);
    worker.on("failed", done);
  });
  void worker.run();
  await finished;
  await worker.close();
  workerConnection.disconnect();
}

describe("queues.stats", () => {
  test("is refused to tenant owners who are not platform operators", async () => {
    const owner = await signUp(deps, { tenantName: "Not Ops" });
    expect(await codeOf(owner.caller.queues.stats())).toBe("FORBIDDEN");
  });

  test("counts each queue's waiting, delayed, completed and failed jobs", async () => {
    const caller = await operator();
    await queues.email.add("email.a", {}, { jobId: crypto.randomUUID() });
    await queues.email.add("email.b", {}, { jobId: crypto.randomUUID() });
    await queues.email.add("email.later", {}, { jobId: crypto.randomUUID(), delay: 3_600_000 });
    await queues.notification.add("fine", {}, { jobId: crypto.randomUUID() });
    await queues.notification.add("boom", {}, { jobId: crypto.randomUUID(), attempts: 1 });
    await drainNotifications(2);

    const stats = await caller.queues.stats();
    expect(stats.queues).toEqual({
      email: { waiting: 2, active: 0, delayed: 1, failed: 0, completed: 0 },
      notification: { waiting: 0, active: 0, delayed: 0, failed: 1, completed: 1 },
      inbound: { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 },
      automation: { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 },
    });
  });

  test("counts the undispatched outbox rows per tenant, largest backlog first, oldest row's time", async () => {
    const caller = await operator();
    const [busy, quiet] = await Promise.all(
      ["Busy", "Quiet"].map((name) =>
        createTenant(deps.db.platform, { slug: `q-${crypto.randomUUID().slice(0, 12)}`, name }),
      ),
    );
    if (!busy || !quiet) throw new Error("tenants were not created");
    // Start from an empty backlog, as the relay test does: other tests leave undispatched rows.
    await deps.db.sql`update outbox set dispatched_at = now() where dispatched_at is null`;
    const record = (tenantId: string) =>
      deps.db.withTenant(tenantId, (tx) =>
        enqueue(tx, ticketEventJob, {
          tenantId,
          ticketId: crypto.randomUUID(),
          kind: "created",
          actorUserId: null,
        }),
      );
    const [busyFirst, busySecond, busyGone] = [
      await record(busy.id),
      await record(busy.id),
      await record(busy.id),
    ];
    const quietFirst = await record(quiet.id);
    // One of busy's rows already went out: only undispatched rows count.
    await deps.db.platform
      .update(outbox)
      .set({ dispatchedAt: new Date() })
      .where(eq(outbox.id, busyGone.id));
    const created = await deps.db.platform
      .select({ id: outbox.id, createdAt: outbox.createdAt })
      .from(outbox)
      .where(inArray(outbox.id, [busyFirst.id, busySecond.id, quietFirst.id]));
    const createdAt = (row: { id: string }): string => {
      const found = created.find((r) => r.id === row.id);
      if (!found) throw new Error(`outbox row ${row.id} is missing`);
      return found.createdAt.toISOString();
    };

    const stats = await caller.queues.stats();
    expect(stats.outbox).toEqual({
      pending: 3,
      byTenant: [
        { tenantId: busy.id, pending: 2, oldest: createdAt(busyFirst) },
        { tenantId: quiet.id, pending: 1, oldest: createdAt(quietFirst) },
      ],
    });
  });

  test("says the server has no queue connection rather than inventing counts", async () => {
    const person = await signUp(base);
    await base.db.platform
      .update(users)
      .set({ platformAdmin: true })
      .where(eq(users.id, person.userId));
    const caller = callerFor(base, { authorization: `Bearer ${person.accessToken}` });
    expect(await codeOf(caller.queues.stats())).toBe("PRECONDITION_FAILED");
  });
});
