// The one door every ticket change goes through after its write: the notification event, the SLA
// clocks and the satisfaction survey (in the same transaction), and the jobs that run automation
// rules (when the tenant has a rule for the event) and refresh the reports' rollup (recorded in
// the outbox in that transaction too).
import { and, automationRules, eq, type TenantDb } from "@supportdesk/database";
import { automationEventJob, enqueue, reportFactJob, ticketEventJob } from "@supportdesk/queue";
import type { z } from "zod";
import { TRIGGER_OF_KIND } from "./automations/schema";
import { csatAfterTicketEvent } from "./csat/hooks";
import { slaAfterTicketEvent } from "./sla/hooks";

export type TicketEvent = Omit<z.input<typeof ticketEventJob.payload>, "tenantId">;

/** Set on the scope of a change an automation rule makes: its rule and how deep the chain is. */
export type AutomationOrigin = { ruleId: string; depth: number };

/**
 * Records what happened to a ticket, in the transaction that changed it: queues the notification
 * event, re-reads the ticket's SLA clocks (due times are computed here, not later), opens a
 * survey on resolve, and queues the automation event and the rollup refresh. Call it after the
 * ticket's row and messages are written.
 *
 * @example
 * await recordTicketEvent(scope.tx, scope.tenantId, { ticketId, kind: "updated", actorUserId, changes }, scope.automation);
 */
export async function recordTicketEvent(
  tx: TenantDb,
  tenantId: string,
  event: TicketEvent,
  origin?: AutomationOrigin,
): Promise<void> {
  const recorded = await enqueue(tx, ticketEventJob, { tenantId, ...event });
  const now = new Date();
  await slaAfterTicketEvent(tx, tenantId, event, now);
  await csatAfterTicketEvent(tx, tenantId, event, now);
  // Most tenants have no rule for most events: no job then (one probe of the trigger index).
  if (await hasRulesFor(tx, TRIGGER_OF_KIND[event.kind])) {
    await enqueue(tx, automationEventJob, {
      tenantId,
      eventId: recorded.id,
      ticketId: event.ticketId,
      kind: event.kind,
      actorUserId: event.actorUserId,
      ...(event.messageId ? { messageId: event.messageId } : {}),
      ...(event.changes ? { changes: event.changes } : {}),
      depth: origin ? origin.depth + 1 : 0,
      ...(origin ? { ruleId: origin.ruleId } : {}),
      occurredAt: now.toISOString(),
    });
  }
  // One refresh waiting per ticket is enough: it reads the ticket as it is when it runs (and the
  // waiting one is held until this transaction commits, so it sees this change).
  await enqueue(
    tx,
    reportFactJob,
    { tenantId, ticketId: event.ticketId },
    { key: `fact:${event.ticketId}` },
  );
}

/** Whether the tenant has an enabled rule of this trigger type. */
async function hasRulesFor(tx: TenantDb, triggerType: string): Promise<boolean> {
  const [rule] = await tx
    .select({ id: automationRules.id })
    .from(automationRules)
    .where(and(eq(automationRules.triggerType, triggerType), eq(automationRules.enabled, true)))
    .limit(1);
  return rule !== undefined;
}
