// Who hears about an SLA warning or breach, and the notifications (and emails) it gives them:
// the assignee; when unassigned, the ticket's team's members; when it has no team either, every
// agent. Only people who still work tickets here; each per their preferences.
import { eq, inArray, type TenantDb, teamMembers, tickets } from "@supportdesk/database";
import type { RealtimeEvent } from "@supportdesk/domain";
import { ticketWorkers } from "../members";
import { titleOf } from "../notifications/audience";
import { storeNotifications } from "../notifications/store";

export type SlaAlert = {
  clockId: string;
  ticketId: string;
  metric: string;
  dueAt: Date | null;
  kind: "sla.warning" | "sla.breach";
};

/** The people an alert about `ticket` goes to (see the module comment). */
async function audienceOf(
  tx: TenantDb,
  ticket: { assigneeId: string | null; teamId: string | null },
  workers: Set<string>,
): Promise<string[]> {
  if (ticket.assigneeId && workers.has(ticket.assigneeId)) return [ticket.assigneeId];
  if (ticket.teamId) {
    const members = await tx
      .select({ userId: teamMembers.userId })
      .from(teamMembers)
      .where(eq(teamMembers.teamId, ticket.teamId));
    const working = members.map((m) => m.userId).filter((id) => workers.has(id));
    if (working.length > 0) return working;
  }
  return [...workers];
}

/**
 * Stores the notifications of `alerts` (ids derived from the clock, the kind and the person, so
 * a repeated alert adds nothing) and records the emails asked for. Call it in the transaction
 * that marked the clocks warned or breached.
 */
export async function notifySlaAlerts(
  tx: TenantDb,
  tenantId: string,
  alerts: SlaAlert[],
): Promise<{ stored: number; events: RealtimeEvent[] }> {
  const events: RealtimeEvent[] = [];
  if (alerts.length === 0) return { stored: 0, events };
  const ticketIds = [...new Set(alerts.map((a) => a.ticketId))];
  const rows = await tx
    .select({
      id: tickets.id,
      number: tickets.number,
      subject: tickets.subject,
      status: tickets.status,
      assigneeId: tickets.assigneeId,
      teamId: tickets.teamId,
    })
    .from(tickets)
    .where(inArray(tickets.id, ticketIds));
  const workers = new Set(await ticketWorkers(tx, tenantId));
  let stored = 0;
  for (const alert of alerts) {
    const ticket = rows.find((row) => row.id === alert.ticketId);
    if (!ticket) continue;
    const audience = new Map(
      (await audienceOf(tx, ticket, workers)).map((userId) => [userId, alert.kind]),
    );
    const notified = await storeNotifications(
      tx,
      tenantId,
      audience,
      `${alert.kind}:${alert.clockId}`,
      {
        ticketId: ticket.id,
        number: ticket.number,
        subject: ticket.subject,
        title: titleOf(alert.kind, ticket),
        actorName: null,
        metric: alert.metric,
        dueAt: alert.dueAt?.toISOString() ?? null,
      },
    );
    stored += notified.userIds.length;
    events.push(...notified.events);
  }
  return { stored, events };
}
