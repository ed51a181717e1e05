// The SLA sweep against the real database: warnings before the due time and breaches after it,
// each alerted exactly once — run twice, run concurrently, and after a sweep that crashed
// before committing — and who hears (the assignee, else the team, else every agent).
import { afterAll, describe, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import {
  createDatabase,
  type Database,
  eq,
  notifications,
  slaPolicies,
} from "@supportdesk/database";
import { hasSlaWork, sweepSla } from "./sweep";
import { slaDesk } from "./test-kit";

/** A sweep's counts (its realtime events are looked at on their own). */
const counts = ({ warned, breached }: { warned: number; breached: number }) => ({
  warned,
  breached,
});

const db = createDatabase({ url: env().DATABASE_URL, max: 8 });
afterAll(() => db.close());

const T0 = new Date("2026-05-04T10:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** A desk with a 60-minute calendar-time resolution target (warned 30 minutes before). */
async function setup() {
  const d = await slaDesk(db);
  const agent = await d.join("member", "Agent");
  await d.policy(
    { normal: { resolution: { minutes: 60, businessHours: false } } },
    { warnMinutes: 30 },
  );
  return { d, agent };
}

/** The tenant's SLA notifications as "type→user" strings, sorted. */
async function alerts(tenantId: string) {
  const rows = await db.withTenant(tenantId, (tx) =>
    tx.select({ type: notifications.type, userId: notifications.userId }).from(notifications),
  );
  return rows
    .filter((r) => r.type.startsWith("sla."))
    .map((r) => `${r.type}→${r.userId}`)
    .sort();
}

describe("the SLA sweep", () => {
  test("warns once within the lead time and records the breach once after the due time", async () => {
    const { d, agent } = await setup();
    const id = await d.open(T0, { assigneeId: agent.userId });
    expect(counts(await sweepSla(db, d.tenantId, at(20)))).toEqual({ warned: 0, breached: 0 });
    expect(counts(await sweepSla(db, d.tenantId, at(35)))).toEqual({ warned: 1, breached: 0 });
    expect(counts(await sweepSla(db, d.tenantId, at(40)))).toEqual({ warned: 0, breached: 0 });
    const breach = await sweepSla(db, d.tenantId, at(61));
    expect(counts(breach)).toEqual({ warned: 0, breached: 1 });
    // The bell rings once the sweep has committed: one notification.created per person told.
    expect(breach.events.length).toBeGreaterThan(0);
    expect(breach.events.every((e) => e.type === "notification.created")).toBe(true);
    expect(counts(await sweepSla(db, d.tenantId, at(62)))).toEqual({ warned: 0, breached: 0 });
    expect(await alerts(d.tenantId)).toEqual([
      `sla.breach→${agent.userId}`,
      `sla.warning→${agent.userId}`,
    ]);
    const [clock] = await d.clocks(id);
    expect(clock).toMatchObject({ warnedAt: at(35), breachedAt: at(60), status: "active" });
    // The breach is emailed by default (the warning is in-app only).
    expect(await d.jobs("email.agent-notification")).toHaveLength(1);
  });

  test("two sweeps at once alert nobody twice", async () => {
    const { d, agent } = await setup();
    for (let i = 0; i < 5; i++) await d.open(T0, { assigneeId: agent.userId });
    const results = await Promise.all([
      sweepSla(db, d.tenantId, at(90)),
      sweepSla(db, d.tenantId, at(90)),
      sweepSla(db, d.tenantId, at(90)),
    ]);
    expect(results.reduce((n, r) => n + r.breached, 0)).toBe(5);
    expect(await alerts(d.tenantId)).toHaveLength(5);
  });

  test("a sweep that crashes before committing alerts nobody; the next one alerts, once", async () => {
    const { d, agent } = await setup();
    const id = await d.open(T0, { assigneeId: agent.userId });
    // The worker dies after the updates and inserts, before the commit: everything rolls back.
    const crashing = {
      ...db,
      withTenant: (tenantId: string, fn: (tx: never) => Promise<unknown>) =>
        db.withTenant(tenantId, async (tx) => {
          await fn(tx as never);
          throw new Error("worker killed");
        }),
    } as unknown as Database;
    await expect(sweepSla(crashing, d.tenantId, at(70))).rejects.toThrow("worker killed");
    expect((await d.clocks(id))[0]?.breachedAt).toBeNull();
    expect(await alerts(d.tenantId)).toEqual([]);

    expect(counts(await sweepSla(db, d.tenantId, at(71)))).toEqual({ warned: 0, breached: 1 });
    expect(counts(await sweepSla(db, d.tenantId, at(72)))).toEqual({ warned: 0, breached: 0 });
    expect(await alerts(d.tenantId)).toEqual([`sla.breach→${agent.userId}`]);
    expect((await d.clocks(id))[0]?.breachedAt).toEqual(at(60));
  });

  test("paused, stopped and met clocks are not alerted", async () => {
    const { d } = await setup();
    const pending = await d.open(T0);
    await d.update(pending, at(5), { status: "pending" });
    const resolved = await d.open(T0);
    await d.update(resolved, at(5), { status: "resolved" });
    expect(counts(await sweepSla(db, d.tenantId, at(120)))).toEqual({ warned: 0, breached: 0 });
  });

  test("who hears: the assignee, else the ticket's team, else every agent", async () => {
    const { d, agent } = await setup();
    const other = await d.join("member", "Other");
    const teammate = await d.join("member", "Teammate");
    await d.join("viewer", "Viewer");
    const team = await d.team("manual", 5, [teammate.userId]);
    await d.open(T0, { assigneeId: agent.userId });
    await d.open(T0, { teamId: team });
    await d.open(T0);
    await sweepSla(db, d.tenantId, at(61));
    const got = await alerts(d.tenantId);
    const owner = d.owner.userId;
    expect(got).toEqual(
      [
        agent.userId, // assigned
        teammate.userId, // the team's ticket
        // The unassigned, teamless ticket: every agent (the owner works tickets too; not the viewer).
        owner,
        agent.userId,
        other.userId,
        teammate.userId,
      ]
        .map((userId) => `sla.breach→${userId}`)
        .sort(),
    );
  });

  test("the tenant has SLA work while a policy is enabled or a clock runs", async () => {
    const d = await slaDesk(db);
    const work = () => db.withTenant(d.tenantId, hasSlaWork);
    expect(await work()).toBe(false);
    const policy = await d.policy({
      normal: { resolution: { minutes: 60, businessHours: false } },
    });
    expect(await work()).toBe(true);
    await d.open(T0);
    await db.withTenant(d.tenantId, (tx) =>
      tx.update(slaPolicies).set({ enabled: false }).where(eq(slaPolicies.id, policy)),
    );
    expect(await work()).toBe(true);
    await sweepSla(db, d.tenantId, at(61));
    expect(await work()).toBe(false);
  });
});
