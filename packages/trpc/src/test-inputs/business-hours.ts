// The matrices' inputs for the businessHours procedures (spread into INPUTS in test-procedures.ts), and
// the harmless variants the permission matrix calls when a role is allowed (permission-matrix.test.ts).
import type { Ids } from "../test-procedures";

const unique = () => crypto.randomUUID().slice(0, 8);
const nine = [{ start: "09:00", end: "17:00" }];

export const inputs: Record<string, (ids: Ids) => unknown> = {
  "businessHours.list": () => undefined,
  "businessHours.create": () => ({
    name: `Matrix hours ${unique()}`,
    timezone: "America/New_York",
    weekly: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine },
    holidays: [{ date: "2026-07-04", name: "Independence Day", yearly: true }],
  }),
  // The fixture's own holiday, re-sent: the calendar means the same afterwards.
  "businessHours.update": (ids) => ({
    id: ids.businessHoursId,
    holidays: [{ date: "2026-12-25", name: "Christmas Day", yearly: true }],
  }),
  // The fixture SLA policy counts in the fixture calendar: its owner gets CONFLICT, others NOT_FOUND.
  "businessHours.delete": (ids) => ({ id: ids.businessHoursId }),
};

export const harmless: Record<string, (ids: Ids) => unknown> = {
  // The fixture calendar stays whatever the SLA matrix did to the policy (an unknown id: NOT_FOUND).
  "businessHours.delete": () => ({ id: crypto.randomUUID() }),
};
