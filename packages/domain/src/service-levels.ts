// Service levels the server and the browser share: business-hours calendars, SLA policies and
// their clocks, CSAT, and the report vocabulary. Types only and small constants: no I/O.
import type { TicketPriority } from "./enums";

/** Days of a business week, Monday first (ISO weekday 1–7 in this order). */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One open interval of a day, local wall-clock time "HH:MM" (end after start; "24:00" allowed). */
export type BusinessInterval = { start: string; end: string };
/** The weekly hours of a calendar: a day absent or empty is closed. */
export type BusinessWeek = Partial<Record<Weekday, BusinessInterval[]>>;
/** A closed day: once (`yearly` false) or on the same month and day every year. */
export type Holiday = { date: string; name: string; yearly: boolean };

/** What an SLA measures on a ticket. */
export const SLA_METRICS = ["first_response", "next_response", "resolution"] as const;
export type SlaMetric = (typeof SLA_METRICS)[number];

/** One target: minutes of business time (the policy's calendar) or calendar (24/7) time. */
export type SlaTarget = { minutes: number; businessHours: boolean };
/** A policy's targets: per priority, per metric; a metric left out is not measured. */
export type SlaTargets = Partial<Record<TicketPriority, Partial<Record<SlaMetric, SlaTarget>>>>;

/** How a ticket stands against its next target. */
export const SLA_STATES = ["on_track", "due_soon", "breached", "paused", "met"] as const;
export type SlaState = (typeof SLA_STATES)[number];
/** What `tickets.get` and `tickets.list` rows carry (null: no policy applies). */
export type TicketSla = { dueAt: string | null; target: SlaMetric; state: SlaState } | null;

/** A clock's life: running, paused (pending on the customer), stopped (resolved), met, replaced. */
export const SLA_CLOCK_STATUSES = ["active", "paused", "stopped", "met", "superseded"] as const;
export type SlaClockStatus = (typeof SLA_CLOCK_STATUSES)[number];

/** "Due soon" starts this long before the due time unless a policy says otherwise. */
export const SLA_DEFAULT_WARN_MINUTES = 30;

/** A CSAT rating: 1 (very unhappy) to 5 (very happy). */
export const CSAT_RATINGS = [1, 2, 3, 4, 5] as const;
export type CsatRating = (typeof CSAT_RATINGS)[number];
/** The five answers in words, worst first: the email's links, the survey page, what agents read. */
export const CSAT_LABELS = [
  "1 – Very unhappy",
  "2 – Unhappy",
  "3 – Neutral",
  "4 – Happy",
  "5 – Very happy",
] as const;
