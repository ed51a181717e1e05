// Business-time arithmetic over a calendar (time zone, weekly hours, holidays). A null calendar
// is calendar time (24/7). Replaced by the business-hours work; the signatures stay.
import type { BusinessWeek, Holiday } from "@supportdesk/domain";

export type Calendar = { timezone: string; weekly: BusinessWeek; holidays: Holiday[] };

/** The instant `seconds` of business time after `from` (before it when negative). */
export function addBusinessSeconds(_calendar: Calendar | null, from: Date, seconds: number): Date {
  return new Date(from.getTime() + seconds * 1000);
}

/** Business seconds from `from` to `to` (negative when `to` is earlier). */
export function businessSecondsBetween(_calendar: Calendar | null, from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / 1000);
}
