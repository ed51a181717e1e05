// Business-time arithmetic over a calendar (time zone, weekly hours, holidays). A null calendar
// is calendar time (24/7); so is a calendar with no open time at all (see README.md).
import type { BusinessWeek, Holiday } from "@supportdesk/domain";
import { type Compiled, compile, DAY, localDay, openIntervals } from "./days";

export type Calendar = { timezone: string; weekly: BusinessWeek; holidays: Holiday[] };

/** More local days than this without reaching the amount means a broken calendar, not a long wait. */
const MAX_DAYS = 366 * 100;

/** The compiled calendar, or null when the math is plain calendar time. */
function walkable(calendar: Calendar | null): Compiled | null {
  if (!calendar) return null;
  const compiled = compile(calendar);
  return compiled.neverOpen ? null : compiled;
}

/**
 * The instant `seconds` of business time after `from` (before it when negative). Counting starts
 * at the next open moment when `from` is outside hours; the answer is the earliest instant that
 * reaches the amount (so 8 h from Friday 09:00 on a 09:00–17:00 week is Friday 17:00, not
 * Monday 09:00). Zero returns `from`. Walks open intervals a local day at a time.
 *
 * @example
 * addBusinessSeconds(londonNineToFive, new Date("2026-03-27T16:00:00Z"), 2 * 3600)
 * // => 2026-03-30T09:00:00Z (Monday 10:00 BST)
 */
export function addBusinessSeconds(calendar: Calendar | null, from: Date, seconds: number): Date {
  const start = from.getTime();
  let remaining = Math.round(Math.abs(seconds) * 1000);
  const compiled = walkable(calendar);
  if (!compiled || remaining === 0) return new Date(start + Math.sign(seconds) * remaining);
  const first = localDay(compiled.zone, start);
  if (seconds > 0) {
    // From the day before: a zone going back at midnight can start `from`'s day twice.
    for (let i = -1; i < MAX_DAYS; i++) {
      for (const [open, close] of openIntervals(compiled, first + i * DAY)) {
        const begin = Math.max(open, start);
        if (close <= begin) continue;
        if (remaining <= close - begin) return new Date(begin + remaining);
        remaining -= close - begin;
      }
    }
  } else {
    for (let i = 1; i > -MAX_DAYS; i--) {
      for (const [open, close] of openIntervals(compiled, first + i * DAY).reverse()) {
        const end = Math.min(close, start);
        if (end <= open) continue;
        if (remaining <= end - open) return new Date(end - remaining);
        remaining -= end - open;
      }
    }
  }
  throw new Error(`business hours: no open time within ${MAX_DAYS} days`);
}

/**
 * Business seconds from `from` to `to` (negative when `to` is earlier): the open time between
 * them. The inverse of `addBusinessSeconds`: between(from, add(from, s)) === s.
 *
 * @example
 * businessSecondsBetween(londonNineToFive, friday16h, monday10h) // => 7200
 */
export function businessSecondsBetween(calendar: Calendar | null, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b < a) return -businessSecondsBetween(calendar, to, from);
  const compiled = walkable(calendar);
  if (!compiled) return Math.round((b - a) / 1000);
  let total = 0;
  const last = localDay(compiled.zone, b) + DAY;
  for (let day = localDay(compiled.zone, a) - DAY; day <= last; day += DAY) {
    for (const [open, close] of openIntervals(compiled, day)) {
      const overlap = Math.min(close, b) - Math.max(open, a);
      if (overlap > 0) total += overlap;
    }
  }
  return Math.round(total / 1000);
}

/** Whether `at` falls in open time (intervals include their start, not their end); null: always. */
export function isWithinBusinessHours(calendar: Calendar | null, at: Date): boolean {
  const compiled = walkable(calendar);
  if (!compiled) return true;
  const t = at.getTime();
  const day = localDay(compiled.zone, t);
  for (const d of [day - DAY, day]) {
    for (const [open, close] of openIntervals(compiled, d)) {
      if (t >= open && t < close) return true;
    }
  }
  return false;
}
