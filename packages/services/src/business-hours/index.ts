// business-hours: per-tenant calendars (time zone, weekly hours, holidays), their CRUD, and the
// business-time arithmetic SLA due times, reports and automation conditions count in.
export {
  addBusinessSeconds,
  businessSecondsBetween,
  type Calendar,
  isWithinBusinessHours,
} from "./calendar";
export {
  type BusinessHoursInput,
  createBusinessHours,
  deleteBusinessHours,
  type LoadedCalendar,
  listBusinessHours,
  loadCalendar,
  updateBusinessHours,
} from "./crud";
