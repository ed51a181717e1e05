// Who a ticket event concerns, as what, and through which channels (per their preferences).
import { inArray, notificationPreferences, type TenantDb } from "@supportdesk/database";
import type { ticketEventJob } from "@supportdesk/queue";
import type { z } from "zod";
import { type Channels, DEFAULT_PREFERENCES, type NotificationType } from "./types";

export type TicketEventPayload = z.infer<typeof ticketEventJob.payload>;

/** What the audience rules and titles need to know about the ticket and the message. */
export type TicketFacts = {
  id: string;
  number: number;
  subject: string;
  status: string;
  assigneeId: string | null;
};
export type MessageFacts = { id: string; isInternal: boolean; customerName: string | null };

/** The notification's title, as the inbox and the email show it. */
export function titleOf(type: NotificationType, ticket: TicketFacts): string {
  const ref = `#${ticket.number}: ${ticket.subject}`;
  switch (type) {
    case "ticket.created":
      return `New ticket ${ref}`;
    case "ticket.assigned":
      return `Ticket #${ticket.number} assigned to you: ${ticket.subject}`;
    case "ticket.unassigned":
      return `Ticket #${ticket.number} is no longer assigned to you: ${ticket.subject}`;
    case "ticket.updated":
      return `Ticket #${ticket.number} updated: ${ticket.subject}`;
    case "message.created":
      return `New reply on ${ref}`;
    case "note.created":
      return `New internal note on ${ref}`;
    case "sla.warning":
      return `SLA due soon on ${ref}`;
    case "sla.breach":
      return `SLA breached on ${ref}`;
    case "automation.notify":
      return `Automation: ${ref}`;
  }
}

export /** Who the event concerns and as what (one notification per user per job: the most specific). */
function audienceOf(
  event: TicketEventPayload,
  ticket: TicketFacts,
  message: MessageFacts | undefined,
  agents: string[],
): Map<string, NotificationType> {
  const out = new Map<string, NotificationType>();
  const assignee = ticket.assigneeId;
  if (event.kind === "created") {
    for (const agent of agents) {
      out.set(agent, agent === assignee ? "ticket.assigned" : "ticket.created");
    }
  } else if (event.kind === "updated") {
    // `changes` holds new values only: a string assigneeId is an assignment (null unassigns);
    // `previousAssigneeId` is who had it, told when it is taken off them.
    const changes = event.changes ?? {};
    const assignedTo = changes.assigneeId;
    if ("assigneeId" in changes) {
      if (typeof assignedTo === "string") out.set(assignedTo, "ticket.assigned");
      const previous = event.previousAssigneeId;
      if (previous && previous !== assignedTo) out.set(previous, "ticket.unassigned");
    } else if (assignee) out.set(assignee, "ticket.updated");
  } else if (message?.isInternal) {
    if (assignee) out.set(assignee, "note.created");
  } else {
    for (const agent of assignee ? [assignee] : agents) out.set(agent, "message.created");
  }
  const isAgent = new Set(agents);
  for (const userId of out.keys()) {
    // Never the actor; never someone who no longer works tickets here (or never did).
    if (userId === event.actorUserId || !isAgent.has(userId)) out.delete(userId);
  }
  return out;
}

/** Each concerned user's channels for their notification type: their row, else the default. */
export async function effectiveChannels(
  tx: TenantDb,
  audience: Map<string, NotificationType>,
): Promise<Map<string, Channels>> {
  const userIds = [...audience.keys()];
  const rows = userIds.length
    ? await tx
        .select({
          userId: notificationPreferences.userId,
          eventType: notificationPreferences.eventType,
          inApp: notificationPreferences.inApp,
          email: notificationPreferences.email,
        })
        .from(notificationPreferences)
        .where(inArray(notificationPreferences.userId, userIds))
    : [];
  const out = new Map<string, Channels>();
  for (const [userId, type] of audience) {
    const row = rows.find((r) => r.userId === userId && r.eventType === type);
    out.set(userId, row ? { inApp: row.inApp, email: row.email } : DEFAULT_PREFERENCES[type]);
  }
  return out;
}
