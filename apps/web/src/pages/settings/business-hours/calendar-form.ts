// Settings → Business hours' form state: from a calendar to the fields, checked, to the input the
// server takes; a week's one-line summary; the time zones to choose from.
import { WEEKDAYS, type Weekday } from "@supportdesk/domain";
import type { RouterInputs, RouterOutputs } from "@supportdesk/trpc";

export type Calendar = RouterOutputs["businessHours"]["list"][number];
export type CalendarCreate = RouterInputs["businessHours"]["create"];

export const DAY_NAMES: Record<Weekday, { short: string; long: string }> = {
  mon: { short: "Mon", long: "Monday" },
  tue: { short: "Tue", long: "Tuesday" },
  wed: { short: "Wed", long: "Wednesday" },
  thu: { short: "Thu", long: "Thursday" },
  fri: { short: "Fri", long: "Friday" },
  sat: { short: "Sat", long: "Saturday" },
  sun: { short: "Sun", long: "Sunday" },
};

export type IntervalState = { start: string; end: string };
/** A closed day keeps its intervals, so ticking it open again brings them back. */
export type DayState = { open: boolean; intervals: IntervalState[] };
export type HolidayState = { date: string; name: string; yearly: boolean };
export type CalendarFormState = {
  name: string;
  timezone: string;
  days: Record<Weekday, DayState>;
  holidays: HolidayState[];
  isDefault: boolean;
};

const NINE_TO_FIVE: IntervalState = { start: "09:00", end: "17:00" };

/** The browser's own zone, for a new calendar. */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Every IANA zone the browser knows, plus `current` when the list lacks it (e.g. "UTC"). */
export function timeZones(current?: string): string[] {
  const zones: string[] = Intl.supportedValuesOf("timeZone");
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

// <input type="time"> cannot say 24:00: the form shows and takes 00:00 as an end for midnight.
const endForInput = (end: string) => (end === "24:00" ? "00:00" : end);
const endForServer = (end: string) => (end === "00:00" ? "24:00" : end);

/** The form for `calendar`, or a new one: the browser's zone, Monday to Friday 09:00–17:00. */
export function formFor(calendar?: Calendar): CalendarFormState {
  const days = Object.fromEntries(
    WEEKDAYS.map((day) => {
      const intervals = calendar ? (calendar.weekly[day] ?? []) : [];
      const open = calendar ? intervals.length > 0 : !["sat", "sun"].includes(day);
      return [
        day,
        {
          open,
          intervals:
            intervals.length > 0
              ? intervals.map((i) => ({ start: i.start, end: endForInput(i.end) }))
              : [{ ...NINE_TO_FIVE }],
        },
      ];
    }),
  ) as Record<Weekday, DayState>;
  return {
    name: calendar?.name ?? "",
    timezone: calendar?.timezone ?? browserZone(),
    days,
    holidays: (calendar?.holidays ?? []).map((h) => ({ ...h })),
    isDefault: calendar?.isDefault ?? false,
  };
}

/** Problems by the server's field names ("name", "weekly.mon.0.end", "holidays.2.date"). */
export type FormErrors = Record<string, string>;

const minutes = (time: string): number | null => {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
};

function checkDay(day: Weekday, intervals: IntervalState[], errors: FormErrors) {
  const name = DAY_NAMES[day].long;
  const parsed = intervals.map((interval, i) => {
    const start = minutes(interval.start);
    const end = minutes(endForServer(interval.end));
    if (start === null || start >= 1440)
      errors[`weekly.${day}.${i}.start`] = `${name}: give an opening time.`;
    else if (end === null) errors[`weekly.${day}.${i}.end`] = `${name}: give a closing time.`;
    else if (end <= start) errors[`weekly.${day}.${i}.end`] = `${name}: close after opening.`;
    return { i, start: start ?? 0, end: end ?? 0 };
  });
  const sorted = [...parsed].sort((a, b) => a.start - b.start);
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1];
    const next = sorted[k];
    if (prev && next && next.start < prev.end) {
      errors[`weekly.${day}.${next.i}.start`] ??= `${name}: these hours overlap others.`;
    }
  }
}

/** The input to save, or what to fix first (the server checks again). */
export function toInput(
  state: CalendarFormState,
): { ok: true; input: CalendarCreate } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const name = state.name.trim();
  if (!name) errors.name = "Give the calendar a name.";
  else if (name.length > 80) errors.name = "Keep the name to 80 characters.";
  if (!state.timezone) errors.timezone = "Choose a time zone.";
  const weekly: CalendarCreate["weekly"] = {};
  for (const day of WEEKDAYS) {
    const { open, intervals } = state.days[day];
    if (!open) continue;
    checkDay(day, intervals, errors);
    weekly[day] = intervals.map((i) => ({ start: i.start, end: endForServer(i.end) }));
  }
  if (Object.keys(weekly).length === 0) errors.weekly = "Open at least one day.";
  state.holidays.forEach((holiday, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(holiday.date)) errors[`holidays.${i}.date`] = "Give the date.";
    if (!holiday.name.trim()) errors[`holidays.${i}.name`] = "Name the holiday.";
  });
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    input: {
      name,
      timezone: state.timezone,
      weekly,
      holidays: state.holidays.map((h) => ({
        date: h.date,
        name: h.name.trim(),
        yearly: h.yearly,
      })),
      isDefault: state.isDefault,
    },
  };
}

const spans = (intervals: readonly { start: string; end: string }[]) =>
  intervals.map((i) => `${i.start}–${i.end}`).join(", ");

/** "Mon–Fri 09:00–17:00 · Sat 10:00–14:00": runs of days with the same hours; "Closed" if none. */
export function weekSummary(weekly: Calendar["weekly"]): string {
  const runs: { from: Weekday; to: Weekday; hours: string | null }[] = [];
  for (const day of WEEKDAYS) {
    const intervals = weekly[day] ?? [];
    const hours = intervals.length > 0 ? spans(intervals) : null;
    const last = runs[runs.length - 1];
    if (last && last.hours === hours) last.to = day;
    else runs.push({ from: day, to: day, hours });
  }
  const parts = runs.flatMap(({ from, to, hours }) => {
    if (!hours) return [];
    const days =
      from === to ? DAY_NAMES[from].short : `${DAY_NAMES[from].short}–${DAY_NAMES[to].short}`;
    return [`${days} ${hours}`];
  });
  return parts.length > 0 ? parts.join(" · ") : "Closed";
}

/**
 * The server's message for exactly `field` (zod's `fieldErrors` or an AppError's `field`), or
 * null: exact, because "name" must not pick up "holidays.0.name".
 */
export function serverMessage(error: unknown, field: string): string | null {
  if (!error || typeof error !== "object" || !("data" in error)) return null;
  const data = (
    error as { data?: { field?: string | null; fieldErrors?: Record<string, string> | null } }
  ).data;
  const zod = data?.fieldErrors?.[field];
  if (zod) return zod.charAt(0).toUpperCase() + zod.slice(1);
  if (data?.field === field && error instanceof Error)
    return error.message.replace(/^[\w.]+: /, "");
  return null;
}
