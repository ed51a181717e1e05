// The calendars SLA clocks count in (business-hours' `loadCalendar`), each loaded at most once per
// ticket change. A clock names its calendar; a clock in calendar time names none (24/7).
import type { TenantDb } from "@supportdesk/database";
import { type Calendar, type LoadedCalendar, loadCalendar } from "../business-hours";

/** Loads clocks' calendars by id, each at most once (null: calendar time, 24/7). */
export function calendarCache(tx: TenantDb) {
  const seen = new Map<string, Promise<LoadedCalendar | null>>();
  return (id: string | null): Promise<Calendar | null> => {
    if (!id) return Promise.resolve(null);
    let found = seen.get(id);
    if (!found) {
      found = loadCalendar(tx, id);
      seen.set(id, found);
    }
    return found;
  };
}

export type CalendarOf = ReturnType<typeof calendarCache>;

/** The id of the calendar a policy's business-time targets count in: its own, else the default. */
export async function policyCalendarId(tx: TenantDb, businessHoursId: string | null) {
  return (await loadCalendar(tx, businessHoursId))?.id ?? null;
}
