// Checks a business-hours calendar as a person wrote it: name, IANA zone, "HH:MM" intervals that
// do not overlap, real holiday dates. Each refusal is a BAD_REQUEST naming the field.
import type { BusinessInterval, BusinessWeek, Holiday } from "@supportdesk/domain";
import { WEEKDAYS } from "@supportdesk/domain";
import { IANAZone } from "luxon";
import { AppError } from "../errors";
import { parseClock } from "./days";

const MAX_INTERVALS_A_DAY = 12;
const MAX_HOLIDAYS = 500;

const bad = (field: string, message: string) => new AppError("BAD_REQUEST", message, { field });

export function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 80) {
    throw bad("name", "name must be 1 to 80 characters.");
  }
  return trimmed;
}

export function checkTimezone(timezone: string): string {
  if (!IANAZone.isValidZone(timezone)) {
    throw bad("timezone", "timezone must be an IANA time zone such as Europe/London.");
  }
  return timezone;
}

/**
 * The week with each day's intervals in order of start; refuses unknown days, unreadable or
 * empty intervals, overlaps, and a week with no open time at all.
 */
export function checkWeekly(weekly: Record<string, BusinessInterval[] | undefined>): BusinessWeek {
  const out: BusinessWeek = {};
  let open = false;
  for (const [day, intervals] of Object.entries(weekly)) {
    const weekday = WEEKDAYS.find((w) => w === day);
    if (!weekday)
      throw bad(`weekly.${day}`, `weekly.${day} is not a day (use ${WEEKDAYS.join(", ")}).`);
    if (!intervals || intervals.length === 0) continue;
    if (intervals.length > MAX_INTERVALS_A_DAY) {
      throw bad(
        `weekly.${day}`,
        `weekly.${day} may hold at most ${MAX_INTERVALS_A_DAY} intervals.`,
      );
    }
    const parsed = intervals.map((interval, i) => {
      const field = `weekly.${day}.${i}`;
      const start = parseClock(interval.start);
      const end = parseClock(interval.end);
      if (start === null || start >= 1440) {
        throw bad(`${field}.start`, `${field}.start must be a time from 00:00 to 23:59.`);
      }
      if (end === null)
        throw bad(`${field}.end`, `${field}.end must be a time from 00:01 to 24:00.`);
      if (end <= start) throw bad(`${field}.end`, `${field}.end must be after its start.`);
      return { i, start, end, interval: { start: interval.start, end: interval.end } };
    });
    parsed.sort((a, b) => a.start - b.start);
    for (let k = 1; k < parsed.length; k++) {
      const prev = parsed[k - 1];
      const next = parsed[k];
      if (prev && next && next.start < prev.end) {
        const field = `weekly.${day}.${next.i}`;
        throw bad(
          `${field}.start`,
          `${field} (${next.interval.start}–${next.interval.end}) overlaps ${prev.interval.start}–${prev.interval.end}.`,
        );
      }
    }
    out[weekday] = parsed.map((p) => p.interval);
    open = true;
  }
  if (!open) throw bad("weekly", "weekly must have open hours on at least one day.");
  return out;
}

/** Whether "YYYY-MM-DD" names a day that exists (2026-02-30 does not). */
function realDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Holidays with real dates and names, sorted by date. */
export function checkHolidays(holidays: Holiday[]): Holiday[] {
  if (holidays.length > MAX_HOLIDAYS) {
    throw bad("holidays", `holidays may hold at most ${MAX_HOLIDAYS} days.`);
  }
  return holidays
    .map((holiday, i) => {
      if (!realDate(holiday.date)) {
        throw bad(`holidays.${i}.date`, `holidays.${i}.date must be a real date (YYYY-MM-DD).`);
      }
      const name = holiday.name.trim();
      if (name.length < 1 || name.length > 80) {
        throw bad(`holidays.${i}.name`, `holidays.${i}.name must be 1 to 80 characters.`);
      }
      return { date: holiday.date, name, yearly: holiday.yearly };
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}
