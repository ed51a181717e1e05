// Time-based triggers: for each enabled time rule, the tickets whose moment has come ("pending for
// 3 days", "SLA due in 15 min"), each fired once per anchor (the run's key names it), run like events.
import {
  and,
  asc,
  automationRules,
  type Database,
  eq,
  isNull,
  type SQL,
  sql,
  type TenantDb,
  tickets,
} from "@supportdesk/database";
import type { RealtimeEvent } from "@supportdesk/domain";
import {
  type EngineDeps,
  runRule,
  type StoredRule,
  storedRuleColumns,
  toStoredRule,
} from "./engine";
import type { Trigger } from "./schema";

/** At most this many tickets per rule per sweep, oldest first (the next sweep takes the rest). */
export const TIME_BATCH = 200;

type TimeTrigger = Extract<Trigger, { type: "time" }>;

/** The run key of a time trigger: one per ticket and anchor, so it fires once per anchor. */
export const timeKey = (ticketId: string, anchor: Date) =>
  `time:${ticketId}:${anchor.toISOString()}`;

/** The anchor a trigger counts from and the state the ticket must be in. */
function anchorOf(trigger: TimeTrigger): { anchor: SQL; state: SQL | undefined } {
  switch (trigger.after) {
    case "pending":
      return { anchor: sql`${tickets.statusChangedAt}`, state: eq(tickets.status, "pending") };
    case "unassigned":
      return {
        anchor: sql`${tickets.createdAt}`,
        state: and(isNull(tickets.assigneeId), eq(tickets.status, "open")),
      };
    case "created":
      return { anchor: sql`${tickets.createdAt}`, state: undefined };
    case "updated":
      return { anchor: sql`${tickets.updatedAt}`, state: undefined };
    case "sla_due":
      return { anchor: sql`${tickets.slaDueAt}`, state: sql`${tickets.slaDueAt} is not null` };
  }
}

/** The tickets a time rule fires for now (not yet run for their current anchor), oldest first. */
export async function dueTickets(tx: TenantDb, rule: StoredRule, now: Date, limit = TIME_BATCH) {
  const trigger = rule.trigger as TimeTrigger;
  const { anchor, state } = anchorOf(trigger);
  // "sla_due" fires `minutes` before the due time; the others `minutes` after their anchor.
  const sign = trigger.after === "sla_due" ? sql`+` : sql`-`;
  const cutoff = sql`${now.toISOString()}::timestamptz ${sign} make_interval(mins => ${trigger.minutes})`;
  const key = sql`'time:' || ${tickets.id}::text || ':' || to_char(${anchor} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const rows = await tx
    .select({ ticketId: tickets.id, anchor: sql<string>`${anchor}` })
    .from(tickets)
    .where(
      and(
        state,
        isNull(tickets.mergedIntoId),
        sql`${anchor} <= ${cutoff}`,
        sql`not exists (select 1 from automation_runs r where r.tenant_id = ${tickets.tenantId} and r.rule_id = ${rule.id} and r.event_key = ${key})`,
      ),
    )
    .orderBy(asc(anchor), asc(tickets.id))
    .limit(limit);
  return rows.map((row) => ({ ticketId: row.ticketId, anchor: new Date(row.anchor) }));
}

/** The moment a trigger fires for an anchor (its runs' latency counts from there). */
function fireAt(trigger: TimeTrigger, anchor: Date) {
  const ms = trigger.minutes * 60_000;
  return new Date(anchor.getTime() + (trigger.after === "sla_due" ? -ms : ms));
}

/** Whether the tenant has enabled time rules. */
export async function hasEnabledTimeRules(tx: TenantDb): Promise<boolean> {
  const [row] = await tx
    .select({ id: automationRules.id })
    .from(automationRules)
    .where(and(eq(automationRules.triggerType, "time"), eq(automationRules.enabled, true)))
    .limit(1);
  return Boolean(row);
}

/** Fires the tenant's time rules whose moment has come; returns how many runs it recorded. */
export async function sweepTime(
  db: Database,
  tenantId: string,
  now: Date,
  deps: EngineDeps = {},
): Promise<{ fired: number; events: RealtimeEvent[] }> {
  const events: RealtimeEvent[] = [];
  const rules = await db.withTenant(tenantId, async (tx) =>
    (
      await tx
        .select(storedRuleColumns)
        .from(automationRules)
        .where(and(eq(automationRules.triggerType, "time"), eq(automationRules.enabled, true)))
        .orderBy(asc(automationRules.position), asc(automationRules.id))
    ).map(toStoredRule),
  );
  let fired = 0;
  for (const rule of rules) {
    const due = await db.withTenant(tenantId, (tx) => dueTickets(tx, rule, now));
    for (const { ticketId, anchor } of due) {
      const outcome = await runRule(
        db,
        tenantId,
        rule,
        {
          eventKey: timeKey(ticketId, anchor),
          ticketId,
          depth: 0,
          occurredAt: fireAt(rule.trigger as TimeTrigger, anchor),
        },
        { now: () => now, ...deps, events },
      );
      if (outcome.status !== "duplicate") fired++;
    }
  }
  return { fired, events };
}
