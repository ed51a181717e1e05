// queues.stats: platform operators only; counts per queue and the outbox backlog per tenant.
import { afterAll, describe, expect, test } from "bun:test";
import { createRedis } from "@supportdesk/cache";
import { env } from "@supportdesk/config";
import { eq, users } from "@supportdesk/database";
import { openQueues } from "@supportdesk/queue";
import { callerFor, createTestDeps, signUp } from "../testing";

const base = await createTestDeps();
const connection = createRedis(env().REDIS_URL, { name: "test-stats", maxRetriesPerRequest: null });
const queues = openQueues(connection, `bull-stats-${crypto.randomUUID().slice(0, 8)}`);
const deps = { ...base, queues };
afterAll(async () => {
  await Promise.all(
    Object.values(queues).map((q) => q.obliterate({ force: true }).then(() => q.close())),
  );
  connection.disconnect();
  await base.close();
});

describe("queues.stats", () => {
  test("is refused to tenant owners who are not platform operators", async () => {
    const owner = await signUp(deps, { tenantName: "Not Ops" });
    await expect(owner.caller.queues.stats()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  test("shows each queue's counts and the pending outbox per tenant to an operator", async () => {
    const operator = await signUp(deps);
    await deps.db.platform
      .update(users)
      .set({ platformAdmin: true })
      .where(eq(users.id, operator.userId));
    await queues.email.add("email.verify", { x: 1 }, { jobId: crypto.randomUUID() });
    const stats = await callerFor(deps, {
      authorization: `Bearer ${operator.accessToken}`,
    }).queues.stats();
    expect(stats.queues.email?.waiting).toBe(1);
    expect(stats.queues.notification).toMatchObject({ waiting: 0, failed: 0 });
    expect(stats.outbox.pending).toBeGreaterThanOrEqual(0);
    expect(Array.isArray(stats.outbox.byTenant)).toBe(true);
  });
});
