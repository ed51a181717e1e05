// The SLA side of a ticket change (called by `recordTicketEvent` in the change's transaction).
import { eq, messages, slaPolicies, sql, type TenantDb, tickets } from "@supportdesk/database";
import { SLA_METRICS, type SlaMetric, type TicketPriority } from "@supportdesk/domain";
import type { TicketEvent } from "../ticket-events";
import { calendarCache, policyCalendarId } from "./calendars";
import {
  type ClockContext,
  type ClockRow,
  clockStatusFor,
  copyToTicket,
  currentClocks,
  moveClocks,
  OPEN_STATUSES,
  startClock,
  supersede,
} from "./clocks";
import { enabledPolicies, type MatchFacts, matchPolicy, type PolicyRow, targetsFor } from "./match";

/** The ticket changes that may change which policy (or target) applies. */
const MATCHED_ON = ["priority", "teamId", "tags", "inquiryTypeId"];
const RESPONSES: SlaMetric[] = ["first_response", "next_response"];

type TicketFacts = MatchFacts & {
  id: string;
  status: string;
  channel: string;
  slaDueAt: Date | null;
  slaTarget: string | null;
  slaPaused: boolean;
};

/**
 * What the ticket is owed now, from its thread: a first response while no agent has answered in
 * public (when the customer wrote first, or it came by email or the help centre), a next response
 * when the customer wrote after the agents' last public reply, and always a resolution.
 */
async function owedMetrics(tx: TenantDb, ticket: TicketFacts): Promise<Set<SlaMetric>> {
  const id = ticket.id;
  const publicBy = (author: "agent" | "customer") =>
    sql`${messages.ticketId} = ${id} and ${messages.authorType} = ${author} and not ${messages.isInternal}`;
  const latest = (author: "agent" | "customer") =>
    sql`(select max(${messages.createdAt}) from ${messages} where ${publicBy(author)})`;
  const [row] = await tx.execute<{
    first_author: string | null;
    answered: boolean;
    waiting: boolean;
    replied: boolean;
  }>(
    sql`with first as (
        select ${messages.id} as id, ${messages.authorType}::text as author from ${messages}
        where ${messages.ticketId} = ${id} and ${messages.authorType} <> 'system'
        order by ${messages.createdAt}, ${messages.id} limit 1)
      select
        (select author from first) as first_author,
        exists (select 1 from ${messages} where ${publicBy("agent")}
          and ${messages.id} is distinct from (select id from first)) as answered,
        ${latest("agent")} is not null as replied,
        coalesce(${latest("customer")} > ${latest("agent")}, false) as waiting`,
  );
  const owed = new Set<SlaMetric>(["resolution"]);
  const customerFirst =
    row?.first_author === "customer" ||
    ticket.channel === "email" ||
    ticket.channel === "helpcentre";
  // An email or help-centre ticket is owed a first answer even if an agent wrote its first line.
  if (customerFirst && !row?.answered) owed.add("first_response");
  if (row?.replied && row.waiting) owed.add("next_response");
  return owed;
}

/** The calendar `policy`'s business-time targets count in: its own, else the tenant default. */
async function calendarIdOf(tx: TenantDb, policy: PolicyRow): Promise<string | null> {
  return policyCalendarId(tx, policy.businessHoursId);
}

/** Starts, from now, a clock for each metric the ticket is owed and `policy` has a target for. */
async function apply(
  c: ClockContext,
  ticket: TicketFacts,
  policy: PolicyRow | null,
  clocks: ClockRow[],
  only?: SlaMetric[],
) {
  if (!policy) return;
  const targets = targetsFor(policy, ticket.priority);
  const owed = await owedMetrics(c.tx, ticket);
  const calendarId = Object.values(targets).some((t) => t?.businessHours)
    ? await calendarIdOf(c.tx, policy)
    : null;
  for (const metric of SLA_METRICS) {
    const target = targets[metric];
    if (!target || !owed.has(metric) || (only && !only.includes(metric))) continue;
    clocks.push(await startClock(c, ticket.id, metric, target, policy, calendarId));
  }
}

/**
 * After a change of priority, team, tags or inquiry type: when the matching policy or its
 * targets differ from what the open clocks measure, they are superseded and the policy applies
 * afresh from now.
 */
async function reapply(
  c: ClockContext,
  ticket: TicketFacts,
  policies: PolicyRow[],
  clocks: ClockRow[],
) {
  const match = matchPolicy(policies, ticket);
  const open = clocks.filter((clock) => OPEN_STATUSES.includes(clock.status));
  if (!match && open.length === 0) return;
  if (match && open.length > 0) {
    const targets = targetsFor(match, ticket.priority);
    const calendarId = await calendarIdOf(c.tx, match);
    const same = open.every((clock) => {
      const target = targets[clock.metric];
      return (
        clock.policyId === match.id &&
        target?.minutes === clock.targetMinutes &&
        (target.businessHours ? calendarId : null) === clock.businessHoursId
      );
    });
    if (same) return;
  }
  await supersede(c, clocks);
  const kept = clocks.filter((clock) => clock.status !== "superseded");
  clocks.splice(0, clocks.length, ...kept);
  await apply(c, ticket, match, clocks);
}

/** A public agent reply meets the response clocks; a customer's message after one starts the next. */
async function onMessage(
  c: ClockContext,
  ticket: TicketFacts,
  policies: PolicyRow[],
  clocks: ClockRow[],
  messageId: string,
) {
  const [message] = await c.tx
    .select({ authorType: messages.authorType, isInternal: messages.isInternal })
    .from(messages)
    .where(eq(messages.id, messageId));
  if (!message || message.isInternal) return;
  if (message.authorType === "agent") {
    await moveClocks(c, clocks, OPEN_STATUSES, "met", RESPONSES);
  } else if (message.authorType === "customer") {
    const waiting = clocks.some(
      (clock) => RESPONSES.includes(clock.metric) && OPEN_STATUSES.includes(clock.status),
    );
    if (!waiting) await apply(c, ticket, matchPolicy(policies, ticket), clocks, ["next_response"]);
  }
}

/**
 * Brings the ticket's SLA clocks up to date with its state after `event`: starts, pauses,
 * resumes, stops, meets or re-applies them, and copies the next due time onto the ticket.
 * A ticket with no clocks in a tenant with no enabled policy costs one read.
 */
export async function slaAfterTicketEvent(
  tx: TenantDb,
  _tenantId: string,
  event: TicketEvent,
  now: Date,
): Promise<void> {
  const [ticket] = await tx
    .select({
      id: tickets.id,
      status: tickets.status,
      priority: tickets.priority,
      teamId: tickets.teamId,
      tags: tickets.tags,
      inquiryTypeId: tickets.inquiryTypeId,
      channel: tickets.channel,
      slaDueAt: tickets.slaDueAt,
      slaTarget: tickets.slaTarget,
      slaPaused: tickets.slaPaused,
      hasPolicies: sql<boolean>`exists (select 1 from ${slaPolicies} where ${slaPolicies.enabled})`,
    })
    .from(tickets)
    .where(eq(tickets.id, event.ticketId));
  if (!ticket || (!ticket.hasPolicies && ticket.slaTarget === null)) return;
  const facts: TicketFacts = { ...ticket, priority: ticket.priority as TicketPriority };
  const policies = ticket.hasPolicies ? await enabledPolicies(tx) : [];
  const clocks = await currentClocks(tx, ticket.id);
  const c: ClockContext = { tx, now, calendar: calendarCache(tx) };

  if (event.kind === "created") {
    if (clocks.length === 0) await apply(c, facts, matchPolicy(policies, facts), clocks);
  } else if (event.kind === "updated") {
    if (MATCHED_ON.some((key) => key in (event.changes ?? {}))) {
      await reapply(c, facts, policies, clocks);
    }
  } else if (event.messageId) {
    await onMessage(c, facts, policies, clocks, event.messageId);
  }
  // Pending pauses every open clock, resolved or closed stops it, open runs it again.
  await moveClocks(c, clocks, OPEN_STATUSES, clockStatusFor(facts.status));
  await copyToTicket(tx, ticket.id, clocks, ticket);
}
