// The `service-levels.sweep` job in the real worker process (relay → BullMQ → handler): a breached
// SLA alerts its assignee once (notification and email), each sweep schedules the next, and a
// worker killed and started again alerts nobody twice.
import { afterAll, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import { and, eq, isNotNull, notifications, outbox, slaClocks, sql } from "@supportdesk/database";
import { startMailCapture } from "@supportdesk/email/capture";
import { createTeam, createTestDeps } from "@supportdesk/trpc/testing";
import { killSpawned, prefix, startWorker, to } from "./test-kit";

const config = env();
const deps = await createTestDeps();
const capture = await startMailCapture();
afterAll(async () => {
  killSpawned();
  await capture.stop();
  await deps.close();
});

/** Polls `check` until it holds (a generous ceiling: the machine may be busy). */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await Bun.sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

test("a breach is alerted once, the sweep keeps scheduling itself, and a worker restart doubles nothing", async () => {
  const { owner, tenant, join } = await createTeam(deps, "Sweeping Co");
  const agent = await join("member");
  await owner.here.sla.policies.create({
    name: "Everything",
    targets: { normal: { resolution: { minutes: 60, businessHours: false } } },
  });
  const ticket = await owner.here.tickets.create({
    subject: "Slow",
    body: "Still waiting",
    assigneeId: agent.userId,
  });
  // An hour has passed: the clock is a minute past due.
  await deps.db.withTenant(tenant.id, (tx) =>
    tx
      .update(slaClocks)
      .set({
        dueAt: sql`now() - interval '1 minute'`,
        startedAt: sql`now() - interval '61 minutes'`,
      })
      .where(eq(slaClocks.ticketId, ticket.id)),
  );
  const breaches = () =>
    deps.db.withTenant(tenant.id, (tx) =>
      tx
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(eq(notifications.type, "sla.breach"), eq(notifications.userId, agent.userId))),
    );
  const sweepsRun = async () =>
    (
      await deps.db.platform
        .select({ id: outbox.id })
        .from(outbox)
        .where(
          and(
            eq(outbox.tenantId, tenant.id),
            eq(outbox.jobName, "service-levels.sweep"),
            isNotNull(outbox.dispatchedAt),
          ),
        )
    ).length;
  const pendingSweeps = async () =>
    (
      await deps.db.platform
        .select({ id: outbox.id })
        .from(outbox)
        .where(
          and(
            eq(outbox.tenantId, tenant.id),
            eq(outbox.jobName, "service-levels.sweep"),
            sql`${outbox.dispatchedAt} is null`,
          ),
        )
    ).length;

  const options = {
    redisUrl: config.REDIS_URL,
    smtpUrl: capture.smtpUrl,
    prefix: prefix(),
    env: { SERVICE_LEVEL_SWEEP_SECONDS: "1" },
  };
  const first = startWorker(options);
  await until("the breach alert", async () => (await breaches()).length > 0);
  await capture.waitFor((m) => to(agent.email)(m) && m.subject.includes("SLA breached"), 30_000);
  // Each sweep recorded the next before working: more have run, and one is waiting.
  await until("the next sweeps", async () => (await sweepsRun()) >= 3);
  expect(await pendingSweeps()).toBeLessThanOrEqual(1);
  first.kill("SIGKILL");
  await first.exited;

  const before = await sweepsRun();
  startWorker(options);
  await until("sweeps after the restart", async () => (await sweepsRun()) >= before + 2);
  expect(await breaches()).toHaveLength(1);
  // Besides the agent's other mail (verification, assignment): one breach email.
  const mails = (await capture.messages())
    .filter(to(agent.email))
    .filter((m) => m.subject.includes("SLA breached"));
  expect(mails).toHaveLength(1);
  const [clock] = await deps.db.withTenant(tenant.id, (tx) =>
    tx
      .select({ breachedAt: slaClocks.breachedAt })
      .from(slaClocks)
      .where(eq(slaClocks.ticketId, ticket.id)),
  );
  expect(clock?.breachedAt).not.toBeNull();
}, 120_000);
