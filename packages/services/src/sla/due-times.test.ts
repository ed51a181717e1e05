// SLA due times against the real database: business-time targets on a 09:00–17:00 Europe/London
// calendar across weekends, the DST changes and holidays, and calendar-time targets (table-driven).
import { afterAll, describe, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import { businessHours, createDatabase, eq } from "@supportdesk/database";
import { london, slaDesk } from "./test-kit";

const db = createDatabase({ url: env().DATABASE_URL, max: 4 });
afterAll(() => db.close());

const HOLIDAYS = [
  { date: "2026-12-25", name: "Christmas Day", yearly: true },
  { date: "2026-04-03", name: "Good Friday", yearly: false },
];

// [what, opened at (London), target minutes, business time?, due at (London)]
const CASES: [string, string, number, boolean, string][] = [
  ["within the day", "2026-03-02 10:00", 60, true, "2026-03-02 11:00"],
  ["over the evening", "2026-03-03 16:30", 60, true, "2026-03-04 09:30"],
  ["opened at night starts at nine", "2026-03-03 20:00", 60, true, "2026-03-04 10:00"],
  ["over the weekend into summer time", "2026-03-27 16:30", 60, true, "2026-03-30 09:30"],
  ["opened on the weekend clocks go back", "2026-10-24 12:00", 60, true, "2026-10-26 10:00"],
  ["over a yearly holiday", "2026-12-24 16:30", 60, true, "2026-12-28 09:30"],
  ["over a one-off holiday", "2026-04-02 16:00", 120, true, "2026-04-06 10:00"],
  ["a business day of resolution", "2026-03-02 10:00", 480, true, "2026-03-03 10:00"],
  ["calendar time ignores the hours", "2026-03-27 16:30", 60, false, "2026-03-27 17:30"],
  ["calendar time across the DST change", "2026-03-28 23:30", 120, false, "2026-03-29 02:30"],
];

describe("due times of a new ticket", () => {
  for (const [what, opened, minutes, business, due] of CASES) {
    test(`${what}: opened ${opened}, ${minutes} min → due ${due}`, async () => {
      const d = await slaDesk(db);
      const calendar = await d.calendar(undefined, HOLIDAYS);
      await d.policy(
        { normal: { first_response: { minutes, businessHours: business } } },
        { businessHoursId: calendar },
      );
      const ticketId = await d.open(london(opened));
      const [clock] = await d.clocks(ticketId);
      expect(clock).toMatchObject({
        metric: "first_response",
        status: "active",
        businessHoursId: business ? calendar : null,
        targetMinutes: minutes,
      });
      expect(clock?.dueAt?.toISOString()).toBe(london(due).toISOString());
      expect((await d.ticket(ticketId)).slaDueAt?.toISOString()).toBe(london(due).toISOString());
    });
  }

  test("a policy naming no calendar counts in the tenant's default one", async () => {
    const d = await slaDesk(db);
    const calendar = await d.calendar();
    await db.withTenant(d.tenantId, (tx) =>
      tx.update(businessHours).set({ isDefault: true }).where(eq(businessHours.id, calendar)),
    );
    await d.policy({ normal: { resolution: { minutes: 60, businessHours: true } } });
    const ticketId = await d.open(london("2026-03-06 16:30"));
    const [clock] = await d.clocks(ticketId);
    expect(clock?.businessHoursId).toBe(calendar);
    expect(clock?.dueAt?.toISOString()).toBe(london("2026-03-09 09:30").toISOString());
  });

  test("pausing in business time keeps the business minutes left, not the wall-clock ones", async () => {
    const d = await slaDesk(db);
    const calendar = await d.calendar();
    await d.policy(
      { normal: { resolution: { minutes: 120, businessHours: true } } },
      { businessHoursId: calendar },
    );
    // Opened Friday 16:00 (due Monday 10:00); pending at 16:30 with 90 business minutes left.
    const ticketId = await d.open(london("2026-03-27 16:00"));
    await d.update(ticketId, london("2026-03-27 16:30"), { status: "pending" });
    const [paused] = await d.clocks(ticketId);
    expect(paused).toMatchObject({ status: "paused", remainingSeconds: 90 * 60, dueAt: null });
    // Back to open on Tuesday 13:00 (summer time now): due 14:30.
    await d.update(ticketId, london("2026-03-31 13:00"), { status: "open" });
    const [resumed] = await d.clocks(ticketId);
    expect(resumed?.status).toBe("active");
    expect(resumed?.dueAt?.toISOString()).toBe(london("2026-03-31 14:30").toISOString());
  });
});
