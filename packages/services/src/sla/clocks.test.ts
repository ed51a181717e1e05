// SLA clocks through a ticket's life against the real database (calendar-time targets, so the
// arithmetic is plain): pause on pending, stop on resolve and resume on reopen, re-applying on a
// priority change with history kept, the next-response cycle, met versus breached, matching.
import { afterAll, describe, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import { createDatabase } from "@supportdesk/database";
import type { SlaTargets } from "@supportdesk/domain";
import { slaOf } from "./state";
import { slaDesk } from "./test-kit";

const db = createDatabase({ url: env().DATABASE_URL, max: 4 });
afterAll(() => db.close());

const T0 = new Date("2026-05-04T10:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const calendarTime = (minutes: number) => ({ minutes, businessHours: false });
const TARGETS: SlaTargets = {
  normal: {
    first_response: calendarTime(60),
    next_response: calendarTime(30),
    resolution: calendarTime(240),
  },
  urgent: { first_response: calendarTime(15), resolution: calendarTime(60) },
};

/** The ticket's clocks as [metric, status] pairs, oldest first. */
const shape = (clocks: { metric: string; status: string }[]) =>
  clocks.map((c) => `${c.metric}:${c.status}`);

describe("a ticket's clocks", () => {
  test("pending pauses every running clock (time left kept); the customer's reply resumes them", async () => {
    const d = await slaDesk(db);
    await d.policy(TARGETS);
    const id = await d.open(T0);
    expect(shape(await d.clocks(id))).toEqual(["first_response:active", "resolution:active"]);
    expect(slaOf(await d.ticket(id), at(0))).toMatchObject({
      target: "first_response",
      state: "on_track",
      dueAt: at(60).toISOString(),
    });

    await d.message(id, at(30), "agent"); // first response met; the ticket goes pending
    const paused = await d.clocks(id);
    expect(shape(paused)).toEqual(["first_response:met", "resolution:paused"]);
    expect(paused[1]).toMatchObject({ remainingSeconds: 210 * 60, dueAt: null });
    expect(slaOf(await d.ticket(id), at(31))).toEqual({
      dueAt: null,
      target: "resolution",
      state: "paused",
    });

    await d.message(id, at(300), "customer"); // open again: resolution resumes, next response starts
    const resumed = await d.clocks(id);
    expect(shape(resumed)).toEqual([
      "first_response:met",
      "resolution:active",
      "next_response:active",
    ]);
    expect(resumed[1]?.dueAt?.toISOString()).toBe(at(300 + 210).toISOString());
    expect(resumed[2]?.dueAt?.toISOString()).toBe(at(330).toISOString());
    expect(await d.ticket(id)).toMatchObject({
      slaDueAt: at(330),
      slaTarget: "next_response",
      slaPaused: false,
    });
  });

  test("resolving stops the resolution clock; reopening resumes it with the time that was left", async () => {
    const d = await slaDesk(db);
    await d.policy(TARGETS);
    const id = await d.open(T0, { firstAuthor: "agent" });
    expect(shape(await d.clocks(id))).toEqual(["resolution:active"]);
    await d.update(id, at(40), { status: "resolved" });
    expect((await d.clocks(id))[0]).toMatchObject({
      status: "stopped",
      remainingSeconds: 200 * 60,
    });
    expect(slaOf(await d.ticket(id), at(41))).toEqual({
      dueAt: null,
      target: "resolution",
      state: "met",
    });

    await d.update(id, at(1000), { status: "open" });
    const [clock] = await d.clocks(id);
    expect(clock?.status).toBe("active");
    expect(clock?.dueAt?.toISOString()).toBe(at(1200).toISOString());
  });

  test("a priority change re-applies the policy from now, keeping the old clocks as superseded", async () => {
    const d = await slaDesk(db);
    await d.policy(TARGETS);
    const id = await d.open(T0);
    await d.update(id, at(10), { tags: ["vip"] }); // the same policy and targets: nothing changes
    expect(shape(await d.clocks(id))).toEqual(["first_response:active", "resolution:active"]);

    await d.update(id, at(30), { priority: "urgent" });
    const clocks = await d.clocks(id);
    expect(shape(clocks)).toEqual([
      "first_response:superseded",
      "resolution:superseded",
      "first_response:active",
      "resolution:active",
    ]);
    expect(clocks[2]?.dueAt?.toISOString()).toBe(at(45).toISOString());
    expect(clocks[3]?.dueAt?.toISOString()).toBe(at(90).toISOString());
    expect(clocks[0]?.completedAt?.toISOString()).toBe(at(30).toISOString());
    expect((await d.ticket(id)).slaDueAt?.toISOString()).toBe(at(45).toISOString());
  });

  test("next response: each customer message after an agent's reply starts one, the next reply meets it", async () => {
    const d = await slaDesk(db);
    await d.policy(TARGETS);
    const id = await d.open(T0);
    await d.message(id, at(10), "agent");
    await d.message(id, at(60), "customer");
    await d.message(id, at(65), "customer"); // already waiting: no second clock
    await d.message(id, at(70), "agent", true); // an internal note meets nothing
    expect(shape(await d.clocks(id)).filter((s) => s.startsWith("next"))).toEqual([
      "next_response:active",
    ]);
    await d.message(id, at(80), "agent");
    await d.message(id, at(100), "customer");
    const next = (await d.clocks(id)).filter((c) => c.metric === "next_response");
    expect(shape(next)).toEqual(["next_response:met", "next_response:active"]);
    expect(next[0]?.breachedAt).toBeNull();
    expect(next[1]?.dueAt?.toISOString()).toBe(at(130).toISOString());
  });

  test("met late is breached (at the due time); met in time is not", async () => {
    const d = await slaDesk(db);
    await d.policy(TARGETS);
    const late = await d.open(T0);
    const early = await d.open(T0);
    await d.message(late, at(75), "agent");
    await d.message(early, at(45), "agent");
    const [lateClock] = await d.clocks(late);
    const [earlyClock] = await d.clocks(early);
    expect(lateClock).toMatchObject({ status: "met", breachedAt: at(60) });
    expect(earlyClock).toMatchObject({ status: "met", breachedAt: null });
  });

  test("first response starts for the customer's first message or an email/help-centre ticket only", async () => {
    const d = await slaDesk(db);
    await d.policy(TARGETS);
    const cases: [Parameters<typeof d.open>[1], string[]][] = [
      [{ firstAuthor: "customer" }, ["first_response:active", "resolution:active"]],
      [{ firstAuthor: "agent" }, ["resolution:active"]],
      [{ firstAuthor: "agent", channel: "email" }, ["first_response:active", "resolution:active"]],
      [
        { firstAuthor: "agent", channel: "helpcentre" },
        ["first_response:active", "resolution:active"],
      ],
    ];
    for (const [opened, expected] of cases) {
      expect(shape(await d.clocks(await d.open(T0, opened)))).toEqual(expected);
    }
  });

  test("the first enabled policy by position that matches (team, tags) and has the priority's targets applies", async () => {
    const d = await slaDesk(db);
    const team = await d.team("manual", 5, []);
    await d.policy(
      { normal: { resolution: calendarTime(10) } },
      { name: "Off", enabled: false, position: 0 },
    );
    await d.policy(
      { normal: { resolution: calendarTime(20) } },
      { name: "Team", teamIds: [team], position: 1 },
    );
    await d.policy(
      { urgent: { resolution: calendarTime(30) } },
      { name: "VIP", tags: ["vip"], position: 2 },
    );
    await d.policy(
      { normal: { resolution: calendarTime(40) } },
      { name: "VIP normal", tags: ["vip", "gold"], position: 3 },
    );
    const cases: [Parameters<typeof d.open>[1], number | null][] = [
      [{ teamId: team }, 20],
      [{ tags: ["gold"] }, 40],
      [{ tags: ["vip"], priority: "urgent" }, 30],
      [{ tags: ["other"] }, null],
    ];
    for (const [opened, minutes] of cases) {
      const id = await d.open(T0, opened);
      const clocks = await d.clocks(id);
      expect(clocks[0]?.targetMinutes ?? null).toBe(minutes);
      if (minutes === null) {
        expect(await d.ticket(id)).toEqual({ slaDueAt: null, slaTarget: null, slaPaused: false });
      }
    }
  });

  test("moving a ticket out of every policy supersedes its clocks and clears its due time", async () => {
    const d = await slaDesk(db);
    await d.policy({ high: { resolution: calendarTime(60) } });
    const id = await d.open(T0, { priority: "high" });
    await d.update(id, at(5), { priority: "low" });
    expect(shape(await d.clocks(id))).toEqual(["resolution:superseded"]);
    expect(await d.ticket(id)).toEqual({ slaDueAt: null, slaTarget: null, slaPaused: false });
  });
});
