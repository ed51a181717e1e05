// Business time, the rest: random round trips (between inverts add), whether an instant is in
// open time, a calendar with no open time (24/7), and an unknown zone (a clear error).
import { describe, expect, test } from "bun:test";
import {
  addBusinessSeconds,
  businessSecondsBetween,
  type Calendar,
  isWithinBusinessHours,
} from "./calendar";
import { allDay, H, london, newYork, split, sundayNight } from "./test-calendars";

describe("round trips", () => {
  test("round trips hold for many starts and amounts in every calendar", () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const base = Date.parse("2026-01-01T00:00:00Z");
    for (const calendar of [london, newYork, split, allDay, sundayNight("Europe/London"), null]) {
      for (let i = 0; i < 150; i++) {
        const from = new Date(base + Math.floor(random() * 365 * 86400) * 1000);
        const seconds = Math.floor((random() - 0.5) * 60 * H);
        const to = addBusinessSeconds(calendar, from, seconds);
        expect(businessSecondsBetween(calendar, from, to)).toBe(seconds);
        // The moment before a due time was open time (it is not pushed past a closed stretch).
        if (seconds > 0)
          expect(isWithinBusinessHours(calendar, new Date(to.getTime() - 1))).toBe(true);
      }
    }
  });
});

describe("isWithinBusinessHours", () => {
  test.each([
    ["at opening (inclusive)", london, "2026-01-13T09:00:00Z", true],
    ["a minute before closing", london, "2026-01-13T16:59:00Z", true],
    ["at closing (exclusive)", london, "2026-01-13T17:00:00Z", false],
    ["on a Saturday", london, "2026-01-17T12:00:00Z", false],
    ["on a yearly holiday", london, "2026-12-25T12:00:00Z", false],
    ["on a one-off holiday", london, "2026-04-03T10:00:00Z", false],
    ["09:30 BST after the spring change", london, "2026-03-30T08:30:00Z", true],
    ["17:30 BST after the spring change", london, "2026-03-30T16:30:00Z", false],
    ["lunch in split hours", split, "2026-01-13T12:15:00Z", false],
    ["24/7 (null), any time", null, "2026-01-17T03:00:00Z", true],
  ] as const)("%s", (_name, calendar, at, open) => {
    expect(isWithinBusinessHours(calendar, new Date(at))).toBe(open);
  });
});

describe("a calendar with no open time", () => {
  const closed: Calendar = { timezone: "Europe/London", weekly: {}, holidays: [] };
  test("counts as 24/7 rather than never reaching a due time", () => {
    const from = new Date("2026-01-17T12:00:00Z");
    expect(addBusinessSeconds(closed, from, H).toISOString()).toBe("2026-01-17T13:00:00.000Z");
    expect(businessSecondsBetween(closed, from, new Date("2026-01-18T12:00:00Z"))).toBe(24 * H);
    expect(isWithinBusinessHours(closed, from)).toBe(true);
  });

  test("an unknown time zone is a clear error, not a wrong answer", () => {
    const broken = { ...london, timezone: "Mars/Olympus_Mons" };
    expect(() => addBusinessSeconds(broken, new Date(), H)).toThrow(/unknown time zone/);
  });
});
