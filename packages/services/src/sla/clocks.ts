// A ticket's SLA clocks and their moves: start, pause (pending), stop (resolved), resume, meet and
// supersede, each keeping what is left; and the copy of the next due time onto the ticket.
import { and, eq, ne, slaClocks, type TenantDb, tickets } from "@supportdesk/database";
import type { SlaClockStatus, SlaMetric, SlaTarget } from "@supportdesk/domain";
import { addBusinessSeconds, businessSecondsBetween } from "../business-hours";
import type { CalendarOf } from "./calendars";
import type { PolicyRow } from "./match";

export type ClockRow = {
  id: string;
  metric: SlaMetric;
  policyId: string | null;
  targetMinutes: number;
  businessHoursId: string | null;
  status: SlaClockStatus;
  dueAt: Date | null;
  remainingSeconds: number | null;
  breachedAt: Date | null;
};

/** Statuses of a clock that still counts (or will again): not met, not replaced. */
export const OPEN_STATUSES: SlaClockStatus[] = ["active", "paused", "stopped"];

/** The ticket's clocks that are not superseded (its current policy's). */
export async function currentClocks(tx: TenantDb, ticketId: string): Promise<ClockRow[]> {
  return tx
    .select({
      id: slaClocks.id,
      metric: slaClocks.metric,
      policyId: slaClocks.policyId,
      targetMinutes: slaClocks.targetMinutes,
      businessHoursId: slaClocks.businessHoursId,
      status: slaClocks.status,
      dueAt: slaClocks.dueAt,
      remainingSeconds: slaClocks.remainingSeconds,
      breachedAt: slaClocks.breachedAt,
    })
    .from(slaClocks)
    .where(and(eq(slaClocks.ticketId, ticketId), ne(slaClocks.status, "superseded")))
    .orderBy(slaClocks.startedAt, slaClocks.id);
}

export type ClockContext = { tx: TenantDb; now: Date; calendar: CalendarOf };

/** Starts a clock now for `metric` of `policy` (calendarId: the business calendar, if any). */
export async function startClock(
  c: ClockContext,
  ticketId: string,
  metric: SlaMetric,
  target: SlaTarget,
  policy: PolicyRow,
  calendarId: string | null,
): Promise<ClockRow> {
  const businessHoursId = target.businessHours ? calendarId : null;
  const seconds = target.minutes * 60;
  const dueAt = addBusinessSeconds(await c.calendar(businessHoursId), c.now, seconds);
  const [row] = await c.tx
    .insert(slaClocks)
    .values({
      ticketId,
      metric,
      policyId: policy.id,
      policyName: policy.name,
      targetMinutes: target.minutes,
      businessHoursId,
      warnMinutes: policy.warnMinutes,
      status: "active",
      startedAt: c.now,
      dueAt,
      remainingSeconds: seconds,
    })
    .returning({
      id: slaClocks.id,
      metric: slaClocks.metric,
      policyId: slaClocks.policyId,
      targetMinutes: slaClocks.targetMinutes,
      businessHoursId: slaClocks.businessHoursId,
      status: slaClocks.status,
      dueAt: slaClocks.dueAt,
      remainingSeconds: slaClocks.remainingSeconds,
      breachedAt: slaClocks.breachedAt,
    });
  if (!row) throw new Error("clock insert returned nothing");
  return row;
}

/**
 * Moves a clock to `status`. Leaving "active" keeps the business seconds left (negative once past
 * due) and records a breach the sweep has not yet (a clock past due is breached whatever happens
 * later); entering "active" from a pause or a stop sets the due time from what was left. Only a
 * paused clock loses its due time (it has none until it resumes); the others keep it as history.
 */
export async function moveClock(c: ClockContext, clock: ClockRow, status: SlaClockStatus) {
  if (clock.status === status) return;
  const calendar = await c.calendar(clock.businessHoursId);
  const set: Partial<typeof slaClocks.$inferInsert> = { status, updatedAt: c.now };
  if (clock.status === "active" && clock.dueAt) {
    set.remainingSeconds = businessSecondsBetween(calendar, c.now, clock.dueAt);
    if (clock.dueAt <= c.now && !clock.breachedAt) set.breachedAt = clock.dueAt;
  }
  // A paused clock has no due time; the others keep theirs as history.
  if (status === "paused") set.dueAt = null;
  if (status === "active") {
    set.dueAt = addBusinessSeconds(calendar, c.now, clock.remainingSeconds ?? 0);
  }
  if (status === "met" || status === "superseded") set.completedAt = c.now;
  await c.tx.update(slaClocks).set(set).where(eq(slaClocks.id, clock.id));
  Object.assign(clock, set);
}

/** Moves every clock whose status is one of `from` (and metric one of `metrics`) to `to`. */
export async function moveClocks(
  c: ClockContext,
  clocks: ClockRow[],
  from: SlaClockStatus[],
  to: SlaClockStatus,
  metrics?: SlaMetric[],
) {
  for (const clock of clocks) {
    if (from.includes(clock.status) && (!metrics || metrics.includes(clock.metric))) {
      await moveClock(c, clock, to);
    }
  }
}

/** The status running clocks should have for a ticket status. */
export function clockStatusFor(ticketStatus: string): SlaClockStatus {
  if (ticketStatus === "pending") return "paused";
  if (ticketStatus === "resolved" || ticketStatus === "closed") return "stopped";
  return "active";
}

/**
 * Copies the next due clock onto the ticket (`sla_due_at`, `sla_target`, `sla_paused`) for the
 * inbox: the earliest running clock; else the paused one with least left (paused); else the
 * last finished one (met, no due time); else nothing.
 */
export async function copyToTicket(
  tx: TenantDb,
  ticketId: string,
  clocks: ClockRow[],
  previous: { slaDueAt: Date | null; slaTarget: string | null; slaPaused: boolean },
) {
  const by = (status: SlaClockStatus) => clocks.filter((clock) => clock.status === status);
  const running = by("active").sort((a, b) => Number(a.dueAt) - Number(b.dueAt))[0];
  const paused = by("paused").sort(
    (a, b) => (a.remainingSeconds ?? 0) - (b.remainingSeconds ?? 0),
  )[0];
  const finished = clocks.filter((clock) => clock.status === "met" || clock.status === "stopped");
  const last = finished.find((clock) => clock.metric === "resolution") ?? finished.at(-1);
  const next = running
    ? { slaDueAt: running.dueAt, slaTarget: running.metric, slaPaused: false }
    : paused
      ? { slaDueAt: null, slaTarget: paused.metric, slaPaused: true }
      : { slaDueAt: null, slaTarget: last?.metric ?? null, slaPaused: false };
  if (
    Number(next.slaDueAt) === Number(previous.slaDueAt) &&
    next.slaTarget === previous.slaTarget &&
    next.slaPaused === previous.slaPaused
  ) {
    return;
  }
  await tx.update(tickets).set(next).where(eq(tickets.id, ticketId));
}

/** Marks the open clocks superseded (a re-applied policy replaces them; history kept). */
export async function supersede(c: ClockContext, clocks: ClockRow[]) {
  for (const clock of clocks) {
    if (OPEN_STATUSES.includes(clock.status)) await moveClock(c, clock, "superseded");
  }
}
