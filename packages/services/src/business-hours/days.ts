// A calendar compiled for walking: its zone, open minutes per weekday, holiday sets, and each local
// day's open intervals as instants (DST-correct through luxon's IANAZone offsets).
import type { Holiday } from "@supportdesk/domain";
import { WEEKDAYS } from "@supportdesk/domain";
import { IANAZone } from "luxon";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Offsets of real zones lie within ±14 h: a local day's instants lie within this much of it. */
const SLACK = 14 * HOUR;

/** What `calendar.ts` reads of a calendar (the exported `Calendar` type has this shape). */
export type CalendarShape = {
  timezone: string;
  weekly: Partial<Record<string, { start: string; end: string }[] | undefined>>;
  holidays: Holiday[];
};

export type Compiled = {
  zone: IANAZone;
  /** Open [start, end) minutes of the local day, sorted, per ISO weekday − 1 (0 = Monday). */
  week: [number, number][][];
  oneOff: Set<string>;
  yearly: Set<string>;
  /** No open time in any year: the math then counts calendar time (24/7). */
  neverOpen: boolean;
};

/** "HH:MM" (00:00–24:00) as minutes after midnight; null when malformed. */
export function parseClock(value: string): number | null {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 1440 ? minutes : null;
}

const compiledCache = new WeakMap<object, Compiled>();

/** Compiles (once per calendar object) what the walk needs; throws on a zone or time it cannot read. */
export function compile(calendar: CalendarShape): Compiled {
  const cached = compiledCache.get(calendar);
  if (cached) return cached;
  if (!IANAZone.isValidZone(calendar.timezone)) {
    throw new Error(`business hours: unknown time zone "${calendar.timezone}"`);
  }
  const week = WEEKDAYS.map((day) =>
    (calendar.weekly[day] ?? [])
      .map((interval): [number, number] => {
        const start = parseClock(interval.start);
        const end = parseClock(interval.end);
        if (start === null || end === null) {
          throw new Error(`business hours: unreadable interval on ${day}`);
        }
        return [start, end];
      })
      .filter(([start, end]) => end > start)
      .sort((a, b) => a[0] - b[0]),
  );
  const oneOff = new Set(calendar.holidays.filter((h) => !h.yearly).map((h) => h.date));
  const yearly = new Set(calendar.holidays.filter((h) => h.yearly).map((h) => h.date.slice(5)));
  // Every month-day falls on every weekday over the years, so only a closed week or yearly
  // holidays on all 366 month-days can keep a calendar shut for good.
  const neverOpen = week.every((day) => day.length === 0) || yearly.size >= 366;
  const compiled = { zone: IANAZone.create(calendar.timezone), week, oneOff, yearly, neverOpen };
  compiledCache.set(calendar, compiled);
  return compiled;
}

/**
 * The instant a local wall-clock time (given as UTC-based ms of that wall clock) happens in `zone`.
 * A time that occurs twice (clocks going back) is its first occurrence; a time that does not exist
 * (clocks going forward) is the moment the clocks jump, the first instant after the gap.
 */
export function wallToInstant(zone: IANAZone, local: number): number {
  const offsets = [
    ...new Set([zone.offset(local - SLACK), zone.offset(local), zone.offset(local + SLACK)]),
  ];
  let found = Number.POSITIVE_INFINITY;
  for (const offset of offsets) {
    const instant = local - offset * MINUTE;
    if (zone.offset(instant) === offset && instant < found) found = instant;
  }
  if (found !== Number.POSITIVE_INFINITY) return found;
  // In a gap: the jump lies between the instants the wall time would have under each offset.
  const later = zone.offset(local + SLACK);
  let lo = local - Math.max(...offsets) * MINUTE;
  let hi = local - Math.min(...offsets) * MINUTE;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (zone.offset(mid) === later) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The local date (as UTC midnight ms of that date) on which `instant` falls in `zone`. */
export function localDay(zone: IANAZone, instant: number): number {
  const local = instant + zone.offset(instant) * MINUTE;
  return local - (((local % DAY) + DAY) % DAY);
}

const pad = (n: number) => String(n).padStart(2, "0");

function isHoliday(compiled: Compiled, day: Date): boolean {
  const monthDay = `${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
  return (
    compiled.yearly.has(monthDay) ||
    compiled.oneOff.has(`${String(day.getUTCFullYear()).padStart(4, "0")}-${monthDay}`)
  );
}

/**
 * The open intervals of local day `day` (UTC midnight ms of the date) as [start, end) instants,
 * in order; empty on a closed weekday or a holiday. An interval that falls wholly in a DST gap
 * is dropped.
 */
export function openIntervals(compiled: Compiled, day: number): [number, number][] {
  const date = new Date(day);
  const minutes = compiled.week[(date.getUTCDay() + 6) % 7] ?? [];
  if (minutes.length === 0 || isHoliday(compiled, date)) return [];
  const { zone } = compiled;
  // Most days have no offset change: one offset converts every time of the day.
  const offset = zone.offset(day - SLACK);
  const steady = offset === zone.offset(day + DAY + SLACK);
  const toInstant = (m: number) =>
    steady ? day + m * MINUTE - offset * MINUTE : wallToInstant(zone, day + m * MINUTE);
  const intervals: [number, number][] = [];
  for (const [start, end] of minutes) {
    const from = toInstant(start);
    const to = toInstant(end);
    if (to > from) intervals.push([from, to]);
  }
  return intervals;
}
