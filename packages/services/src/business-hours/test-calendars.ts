// Test support: the calendars the business-time tests count in (London and New York 9–5 with
// holidays, split hours, open all day, and Sunday nights across the clock changes).
import type { BusinessInterval, BusinessWeek } from "@supportdesk/domain";
import type { Calendar } from "./calendar";

export const H = 3600;
const weekdays = (...intervals: [string, string][]): BusinessWeek => {
  const day: BusinessInterval[] = intervals.map(([start, end]) => ({ start, end }));
  return { mon: day, tue: day, wed: day, thu: day, fri: day };
};

const holidays = [
  { date: "2026-04-03", name: "Good Friday", yearly: false },
  { date: "2026-12-25", name: "Christmas Day", yearly: true },
  // A yearly holiday first entered years ago still closes every 1 January.
  { date: "2020-01-01", name: "New Year's Day", yearly: true },
];
export const london: Calendar = {
  timezone: "Europe/London",
  weekly: weekdays(["09:00", "17:00"]),
  holidays,
};
export const newYork: Calendar = {
  timezone: "America/New_York",
  weekly: weekdays(["09:00", "17:00"]),
  holidays: [],
};
export const split: Calendar = {
  timezone: "Europe/London",
  weekly: weekdays(["09:00", "12:00"], ["13:00", "17:00"]),
  holidays: [],
};
/** Open every day, all day: business time is elapsed time, even on 23- and 25-hour days. */
export const allDay: Calendar = {
  timezone: "Europe/London",
  weekly: Object.fromEntries(
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [
      d,
      [{ start: "00:00", end: "24:00" }],
    ]),
  ),
  holidays: [],
};
/** Sundays 01:00–03:00 only: the hours the clocks change in (London 01:00 UTC; New York 02:00 local). */
export const sundayNight = (timezone: string, start = "01:00", end = "03:00"): Calendar => ({
  timezone,
  weekly: { sun: [{ start, end }] },
  holidays: [],
});
