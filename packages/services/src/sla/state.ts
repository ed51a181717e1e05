// How a ticket stands against its SLA, from the ticket's own columns (no join per row): the
// `sla` of tickets.get / tickets.list rows, the inbox's SLA filter, and its "due" order.
import { and, isNotNull, isNull, type SQL, sql, tickets } from "@supportdesk/database";
import {
  SLA_DEFAULT_WARN_MINUTES,
  SLA_METRICS,
  type SlaMetric,
  type SlaState,
  type TicketSla,
} from "@supportdesk/domain";

/** The ticket columns `slaOf` reads (select them beside the others). */
export const slaColumns = {
  slaDueAt: tickets.slaDueAt,
  slaTarget: tickets.slaTarget,
  slaPaused: tickets.slaPaused,
};

export type SlaColumns = { slaDueAt: Date | null; slaTarget: string | null; slaPaused: boolean };

const WARN_MS = SLA_DEFAULT_WARN_MINUTES * 60_000;

/**
 * The ticket's SLA: its next due time and what it is for, and the state — breached (due has
 * passed), due soon (within the warning window), on track, paused (waiting on the customer) or
 * met (its clocks are done); null when no policy ever applied.
 *
 * @example
 * slaOf({ slaDueAt: new Date(Date.now() + 600_000), slaTarget: "first_response", slaPaused: false }, new Date());
 * // { dueAt: "…", target: "first_response", state: "due_soon" }
 */
export function slaOf(row: SlaColumns, now: Date): TicketSla {
  if (!row.slaTarget || !(SLA_METRICS as readonly string[]).includes(row.slaTarget)) return null;
  const target = row.slaTarget as SlaMetric;
  if (!row.slaDueAt) return { dueAt: null, target, state: row.slaPaused ? "paused" : "met" };
  const left = row.slaDueAt.getTime() - now.getTime();
  const state: SlaState = left < 0 ? "breached" : left <= WARN_MS ? "due_soon" : "on_track";
  return { dueAt: row.slaDueAt.toISOString(), target, state };
}

/** A row with its raw SLA columns replaced by `sla`. */
export function withSla<T extends SlaColumns>(row: T, now: Date) {
  const { slaDueAt: _due, slaTarget: _target, slaPaused: _paused, ...rest } = row;
  return { ...rest, sla: slaOf(row, now) };
}

/** The states the inbox filters by. */
export const SLA_FILTERS = ["breached", "due_soon", "on_track", "paused"] as const;
export type SlaFilter = (typeof SLA_FILTERS)[number];

const warnInterval = sql.raw(`interval '${SLA_DEFAULT_WARN_MINUTES} minutes'`);

/** The condition for tickets in `state` (the same boundaries as `slaOf`, at the statement's now()). */
export function slaCondition(state: SlaFilter): SQL | undefined {
  switch (state) {
    case "breached":
      return sql`${tickets.slaDueAt} < now()`;
    case "due_soon":
      return sql`${tickets.slaDueAt} >= now() and ${tickets.slaDueAt} <= now() + ${warnInterval}`;
    case "on_track":
      return sql`${tickets.slaDueAt} > now() + ${warnInterval}`;
    case "paused":
      return and(isNull(tickets.slaDueAt), isNotNull(tickets.slaTarget), sql`${tickets.slaPaused}`);
  }
}

/**
 * The "due" order's key: the due time, with tickets that have none (paused, met, no policy)
 * after all others at a far-future instant a cursor can carry.
 */
export const NO_DUE = new Date("2999-12-31T00:00:00.000Z");
export const dueKey = sql<Date>`coalesce(${tickets.slaDueAt}, ${NO_DUE.toISOString()}::timestamptz)`;
