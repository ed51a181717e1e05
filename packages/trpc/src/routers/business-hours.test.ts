// businessHours through the router: admins manage calendars, others are refused, and bad input is
// a 4xx naming the field (zod's path, or the service's field), never a 500.
import { afterAll, describe, expect, test } from "bun:test";
import { createTeam, createTestDeps } from "../testing";

const deps = await createTestDeps();
afterAll(() => deps.close());

type Refusal = {
  code?: string;
  message?: string;
  field?: string;
  cause?: { field?: string; issues?: { path: PropertyKey[] }[] };
};
/** The refusal's code and the field it names (the service's field, else zod's first path). */
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected an error");
    },
    (e: Refusal) => ({
      code: e.code,
      message: e.message,
      field: e.field ?? e.cause?.field ?? e.cause?.issues?.[0]?.path.join(".") ?? null,
    }),
  );

const nine = [{ start: "09:00", end: "17:00" }];
const valid = {
  name: "Office hours",
  timezone: "Europe/London",
  weekly: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine },
  holidays: [{ date: "2026-12-25", name: "Christmas Day", yearly: true }],
};

describe("managing business hours", () => {
  test("an admin creates, edits, lists and deletes; a member is FORBIDDEN naming sla.manage", async () => {
    const { owner, join } = await createTeam(deps, "Router Hours Co");
    const admin = await join("admin");
    const member = await join("member");
    const created = await admin.here.businessHours.create({ ...valid, isDefault: true });
    expect(created).toMatchObject({ name: "Office hours", isDefault: true });
    const edited = await owner.here.businessHours.update({
      id: created.id,
      weekly: { sat: [{ start: "10:00", end: "14:00" }] },
    });
    expect(edited.weekly).toEqual({ sat: [{ start: "10:00", end: "14:00" }] });
    expect((await owner.here.businessHours.list()).map((c) => c.id)).toEqual([created.id]);
    // One call at a time: a refusal not yet awaited would be an unhandled rejection.
    for (const call of [
      () => member.here.businessHours.list(),
      () => member.here.businessHours.create(valid),
    ]) {
      const refused = await errorOf(call());
      expect(refused.code).toBe("FORBIDDEN");
      expect(refused.message).toContain("sla.manage");
    }
    expect(await admin.here.businessHours.delete({ id: created.id })).toEqual({ ok: true });
  });
});

describe("bad input is a 4xx naming the field", () => {
  const cases: [string, Record<string, unknown>, string, string][] = [
    ["an unknown zone", { timezone: "Europe/Atlantis" }, "BAD_REQUEST", "timezone"],
    ["a blank name", { name: " " }, "BAD_REQUEST", "name"],
    ["a day that is not a weekday", { weekly: { funday: nine } }, "BAD_REQUEST", "weekly"],
    [
      "a time that is not HH:MM",
      { weekly: { mon: [{ start: "9", end: "17:00" }] } },
      "BAD_REQUEST",
      "weekly.mon.0.start",
    ],
    [
      "25:00",
      { weekly: { mon: [{ start: "09:00", end: "25:00" }] } },
      "BAD_REQUEST",
      "weekly.mon.0.end",
    ],
    [
      "an end before its start",
      { weekly: { fri: [{ start: "12:00", end: "08:00" }] } },
      "BAD_REQUEST",
      "weekly.fri.0.end",
    ],
    [
      "overlapping intervals",
      {
        weekly: {
          mon: [
            { start: "09:00", end: "12:30" },
            { start: "12:00", end: "17:00" },
          ],
        },
      },
      "BAD_REQUEST",
      "weekly.mon.1.start",
    ],
    ["no open time", { weekly: {} }, "BAD_REQUEST", "weekly"],
    [
      "a date in the wrong form",
      { holidays: [{ date: "25/12/2026", name: "X", yearly: true }] },
      "BAD_REQUEST",
      "holidays.0.date",
    ],
    [
      "a date that does not exist",
      { holidays: [{ date: "2026-02-30", name: "X", yearly: false }] },
      "BAD_REQUEST",
      "holidays.0.date",
    ],
    [
      "a holiday without a name",
      { holidays: [{ date: "2026-05-04", name: "" }] },
      "BAD_REQUEST",
      "holidays.0.name",
    ],
  ];
  test.each(cases)("%s", async (_what, change, code, field) => {
    const { owner } = await createTeam(deps, "Router Hours Co");
    expect(
      await errorOf(owner.here.businessHours.create({ ...valid, ...change } as typeof valid)),
    ).toMatchObject({
      code,
      field,
    });
  });

  test("a taken name (any case) is CONFLICT on name; an unknown id is NOT_FOUND", async () => {
    const { owner } = await createTeam(deps, "Router Hours Co");
    await owner.here.businessHours.create(valid);
    expect(
      await errorOf(owner.here.businessHours.create({ ...valid, name: "OFFICE HOURS" })),
    ).toMatchObject({ code: "CONFLICT", field: "name" });
    expect(
      await errorOf(owner.here.businessHours.update({ id: crypto.randomUUID(), name: "X" })),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(await errorOf(owner.here.businessHours.delete({ id: "nope" }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "id",
    });
  });
});
