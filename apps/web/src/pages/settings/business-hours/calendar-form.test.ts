// Settings → Business hours' form: a calendar to the fields and back, midnight as 00:00, the
// checks made before sending (keyed by the server's field names), and the week's summary.
import { describe, expect, test } from "bun:test";
import { type Calendar, formFor, serverMessage, toInput, weekSummary } from "./calendar-form";

const nine = [{ start: "09:00", end: "17:00" }];
const calendar = {
  id: "c1",
  name: "UK office",
  timezone: "Europe/London",
  weekly: {
    mon: nine,
    tue: nine,
    wed: nine,
    thu: nine,
    fri: nine,
    sat: [{ start: "18:00", end: "24:00" }],
  },
  holidays: [{ date: "2026-12-25", name: "Christmas Day", yearly: true }],
  isDefault: true,
  createdAt: "",
  updatedAt: "",
} as unknown as Calendar;

describe("the calendar form", () => {
  test("a new calendar is Monday to Friday 09:00–17:00 in the browser's zone", () => {
    const state = formFor();
    expect(state.name).toBe("");
    expect(state.timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(state.days.mon).toEqual({ open: true, intervals: nine });
    expect(state.days.sun.open).toBe(false);
  });

  test("an existing calendar round-trips; 24:00 shows as 00:00 and goes back as 24:00", () => {
    const state = formFor(calendar);
    expect(state.days.sat.intervals).toEqual([{ start: "18:00", end: "00:00" }]);
    expect(state.days.sun).toEqual({ open: false, intervals: nine });
    const checked = toInput({ ...state, name: "  UK office " });
    expect(checked).toEqual({
      ok: true,
      input: {
        name: "UK office",
        timezone: "Europe/London",
        weekly: calendar.weekly,
        holidays: calendar.holidays,
        isDefault: true,
      },
    });
  });

  test("problems are keyed by the server's field names", () => {
    const state = formFor(calendar);
    state.name = " ";
    state.days.mon = {
      open: true,
      intervals: [
        { start: "09:00", end: "13:00" },
        { start: "12:00", end: "17:00" },
      ],
    };
    state.days.tue = { open: true, intervals: [{ start: "17:00", end: "09:00" }] };
    state.days.wed = { open: true, intervals: [{ start: "", end: "12:00" }] };
    state.holidays = [{ date: "", name: "", yearly: false }];
    const checked = toInput(state);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors).sort()).toEqual([
      "holidays.0.date",
      "holidays.0.name",
      "name",
      "weekly.mon.1.start",
      "weekly.tue.0.end",
      "weekly.wed.0.start",
    ]);
  });

  test("a week with every day closed is refused on weekly", () => {
    const state = formFor(calendar);
    for (const day of Object.values(state.days)) day.open = false;
    const checked = toInput(state);
    expect(checked.ok ? null : checked.errors.weekly).toBe("Open at least one day.");
  });

  test("the server's message is found for exactly its field", () => {
    const error = Object.assign(new Error("holidays.0.name: is required"), {
      data: { field: "holidays.0.name", fieldErrors: { "holidays.0.name": "is required" } },
    });
    expect(serverMessage(error, "holidays.0.name")).toBe("Is required");
    expect(serverMessage(error, "name")).toBeNull();
  });
});

describe("the week's summary", () => {
  test.each([
    [calendar.weekly, "Mon–Fri 09:00–17:00 · Sat 18:00–24:00"],
    [{ mon: nine, wed: nine }, "Mon 09:00–17:00 · Wed 09:00–17:00"],
    [
      {
        sat: [
          { start: "09:00", end: "12:00" },
          { start: "13:00", end: "17:00" },
        ],
        sun: [
          { start: "09:00", end: "12:00" },
          { start: "13:00", end: "17:00" },
        ],
      },
      "Sat–Sun 09:00–12:00, 13:00–17:00",
    ],
    [{}, "Closed"],
  ] as const)("%j", (weekly, summary) => {
    expect(weekSummary(weekly as Calendar["weekly"])).toBe(summary);
  });
});
