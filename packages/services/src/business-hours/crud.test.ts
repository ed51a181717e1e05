// Business-hours calendars against the real database (app role): who may manage them, what is
// refused (naming the field), one default per tenant, a calendar in use kept, and loadCalendar.
import { afterAll, describe, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import { auditLog, createDatabase, desc, eq, slaPolicies } from "@supportdesk/database";
import { AppError } from "../errors";
import { desk } from "../teams-test-kit";
import {
  type BusinessHoursInput,
  createBusinessHours,
  deleteBusinessHours,
  listBusinessHours,
  loadCalendar,
  updateBusinessHours,
} from "./index";

const db = createDatabase({ url: env().DATABASE_URL, max: 4 });
afterAll(() => db.close());

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      return { code: error.code, field: error.field, message: error.message };
    },
  );

const nine = [{ start: "09:00", end: "17:00" }];
const calendar = (name: string, extra: Partial<BusinessHoursInput> = {}): BusinessHoursInput => ({
  name,
  timezone: "Europe/London",
  weekly: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine },
  holidays: [{ date: "2026-12-25", name: "Christmas Day", yearly: true }],
  ...extra,
});

describe("managing calendars", () => {
  test("an admin creates, edits, lists and deletes a calendar; each change is audited", async () => {
    const d = await desk(db, "Hours");
    const admin = await d.join("admin");
    const created = await admin.run((s) =>
      createBusinessHours(
        s,
        calendar(" Support hours ", {
          weekly: {
            mon: [
              { start: "13:00", end: "17:00" },
              { start: "09:00", end: "12:00" },
            ],
          },
        }),
      ),
    );
    expect(created).toMatchObject({
      name: "Support hours",
      timezone: "Europe/London",
      weekly: {
        mon: [
          { start: "09:00", end: "12:00" },
          { start: "13:00", end: "17:00" },
        ],
      },
      isDefault: false,
    });
    const edited = await admin.run((s) =>
      updateBusinessHours(s, { id: created.id, timezone: "America/New_York", holidays: [] }),
    );
    expect(edited).toMatchObject({
      name: "Support hours",
      timezone: "America/New_York",
      holidays: [],
    });
    expect((await admin.run(listBusinessHours)).map((c) => c.name)).toEqual(["Support hours"]);
    expect(await admin.run((s) => deleteBusinessHours(s, { id: created.id }))).toEqual({
      ok: true,
    });
    expect(await admin.run(listBusinessHours)).toEqual([]);
    const actions = await admin.run((s) =>
      s.tx
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(eq(auditLog.targetId, created.id))
        .orderBy(desc(auditLog.id)),
    );
    expect(actions.map((a) => a.action)).toEqual([
      "business_hours.delete",
      "business_hours.update",
      "business_hours.create",
    ]);
  });

  test("members and viewers may neither list nor manage calendars", async () => {
    const d = await desk(db, "Hours");
    const member = await d.join("member");
    const viewer = await d.join("viewer");
    for (const who of [member, viewer]) {
      expect(await refusal(who.run(listBusinessHours))).toMatchObject({ code: "FORBIDDEN" });
      expect(await refusal(who.run((s) => createBusinessHours(s, calendar("Mine"))))).toMatchObject(
        {
          code: "FORBIDDEN",
        },
      );
    }
  });

  test.each([
    ["an unknown zone", { timezone: "Mars/Olympus_Mons" }, "timezone"],
    ["a blank name", { name: "  " }, "name"],
    [
      "a malformed time",
      { weekly: { mon: [{ start: "9am", end: "17:00" }] } },
      "weekly.mon.0.start",
    ],
    [
      "an end before its start",
      { weekly: { tue: [{ start: "17:00", end: "09:00" }] } },
      "weekly.tue.0.end",
    ],
    [
      "24:00 as a start",
      { weekly: { wed: [{ start: "24:00", end: "24:00" }] } },
      "weekly.wed.0.start",
    ],
    [
      "overlapping intervals",
      {
        weekly: {
          thu: [
            { start: "09:00", end: "13:00" },
            { start: "12:00", end: "17:00" },
          ],
        },
      },
      "weekly.thu.1.start",
    ],
    ["a week with no open time", { weekly: { sat: [] } }, "weekly"],
    [
      "a date that does not exist",
      { holidays: [{ date: "2026-02-30", name: "X", yearly: false }] },
      "holidays.0.date",
    ],
    [
      "a holiday with no name",
      { holidays: [{ date: "2026-05-04", name: " ", yearly: false }] },
      "holidays.0.name",
    ],
  ] as const)("refuses %s (BAD_REQUEST naming the field)", async (_what, change, field) => {
    const d = await desk(db, "Hours");
    expect(
      await refusal(
        d.owner.run((s) =>
          createBusinessHours(s, calendar("Hours", change as Partial<BusinessHoursInput>)),
        ),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", field });
  });

  test("accepts 24:00 as an end, touching intervals and 29 February", async () => {
    const d = await desk(db, "Hours");
    const created = await d.owner.run((s) =>
      createBusinessHours(
        s,
        calendar("Late", {
          weekly: {
            fri: [
              { start: "08:00", end: "12:00" },
              { start: "12:00", end: "24:00" },
            ],
          },
          holidays: [{ date: "2028-02-29", name: "Leap day", yearly: true }],
        }),
      ),
    );
    expect(created.weekly.fri).toHaveLength(2);
  });

  test("names are unique per tenant whatever their case (CONFLICT on name); other tenants may reuse them", async () => {
    const d = await desk(db, "Hours");
    const first = await d.owner.run((s) => createBusinessHours(s, calendar("Office")));
    expect(
      await refusal(d.owner.run((s) => createBusinessHours(s, calendar("OFFICE")))),
    ).toMatchObject({
      code: "CONFLICT",
      field: "name",
    });
    const second = await d.owner.run((s) => createBusinessHours(s, calendar("Weekend")));
    expect(
      await refusal(d.owner.run((s) => updateBusinessHours(s, { id: second.id, name: "office" }))),
    ).toMatchObject({ code: "CONFLICT", field: "name" });
    const other = await desk(db, "Hours");
    expect(await other.owner.run((s) => createBusinessHours(s, calendar("Office")))).toMatchObject({
      name: "Office",
    });
    // Another tenant's calendar is not found, whatever its id.
    expect(
      await refusal(other.owner.run((s) => updateBusinessHours(s, { id: first.id, name: "Mine" }))),
    ).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the default calendar", () => {
  test("making one the default un-defaults the other; loadCalendar falls back to it", async () => {
    const d = await desk(db, "Hours");
    const a = await d.owner.run((s) => createBusinessHours(s, calendar("A", { isDefault: true })));
    const b = await d.owner.run((s) =>
      createBusinessHours(s, calendar("B", { timezone: "Asia/Tokyo" })),
    );
    expect(await d.owner.run((s) => loadCalendar(s.tx, null))).toMatchObject({
      id: a.id,
      name: "A",
    });
    await d.owner.run((s) => updateBusinessHours(s, { id: b.id, isDefault: true }));
    const listed = await d.owner.run(listBusinessHours);
    expect(listed.map((c) => [c.name, c.isDefault])).toEqual([
      ["B", true],
      ["A", false],
    ]);
    const c = await d.owner.run((s) => createBusinessHours(s, calendar("C", { isDefault: true })));
    expect(
      (await d.owner.run(listBusinessHours)).filter((x) => x.isDefault).map((x) => x.id),
    ).toEqual([c.id]);
    // Named wins; an unknown id falls back to the default.
    expect(await d.owner.run((s) => loadCalendar(s.tx, b.id))).toMatchObject({
      id: b.id,
      timezone: "Asia/Tokyo",
      weekly: { mon: nine },
      holidays: [{ date: "2026-12-25", name: "Christmas Day", yearly: true }],
    });
    expect(await d.owner.run((s) => loadCalendar(s.tx, crypto.randomUUID()))).toMatchObject({
      id: c.id,
    });
  });

  test("with no default and no name, loadCalendar is null (24/7)", async () => {
    const d = await desk(db, "Hours");
    await d.owner.run((s) => createBusinessHours(s, calendar("Not default")));
    expect(await d.owner.run((s) => loadCalendar(s.tx, null))).toBeNull();
  });
});

describe("deleting a calendar in use", () => {
  test("is refused with CONFLICT naming the SLA policy; freed, it goes", async () => {
    const d = await desk(db, "Hours");
    const hours = await d.owner.run((s) => createBusinessHours(s, calendar("Office")));
    await d.owner.run((s) =>
      s.tx.insert(slaPolicies).values({ name: "Gold support", businessHoursId: hours.id }),
    );
    const refused = await refusal(d.owner.run((s) => deleteBusinessHours(s, { id: hours.id })));
    expect(refused).toMatchObject({ code: "CONFLICT" });
    expect((refused as { message: string }).message).toContain("Gold support");
    await d.owner.run((s) =>
      s.tx
        .update(slaPolicies)
        .set({ businessHoursId: null })
        .where(eq(slaPolicies.name, "Gold support")),
    );
    expect(await d.owner.run((s) => deleteBusinessHours(s, { id: hours.id }))).toEqual({
      ok: true,
    });
    expect(
      await refusal(d.owner.run((s) => deleteBusinessHours(s, { id: hours.id }))),
    ).toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
