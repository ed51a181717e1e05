// The survey side of a ticket change (called by `recordTicketEvent` in the change's transaction):
// on resolve, opens the ticket's one survey and queues its email after the tenant's delay.
import { generateOpaqueToken, hashToken } from "@supportdesk/auth-utils";
import { csatSurveys, eq, type TenantDb, tickets } from "@supportdesk/database";
import { csatSurveyEmailJob, enqueue } from "@supportdesk/queue";
import type { TicketEvent } from "../ticket-events";
import { settingsOf } from "./shared";

/**
 * On resolve, when surveys are on and the ticket's inquiry type is not left out, and the ticket
 * has a customer and no survey yet: records the survey (whose work it rates: the assignee and
 * team now; only the token's hash is stored) and queues the email `delayMinutes` from `now`.
 * A second resolve after a reopen opens no second survey.
 */
export async function csatAfterTicketEvent(
  tx: TenantDb,
  tenantId: string,
  event: TicketEvent,
  now: Date,
): Promise<void> {
  if (event.changes?.status !== "resolved") return;
  const settings = await settingsOf(tx);
  if (!settings.enabled) return;
  const [ticket] = await tx
    .select({
      status: tickets.status,
      customerId: tickets.customerId,
      assigneeId: tickets.assigneeId,
      teamId: tickets.teamId,
      inquiryTypeId: tickets.inquiryTypeId,
    })
    .from(tickets)
    .where(eq(tickets.id, event.ticketId));
  if (!ticket?.customerId || ticket.status !== "resolved") return;
  if (ticket.inquiryTypeId && settings.disabledInquiryTypeIds.includes(ticket.inquiryTypeId)) {
    return;
  }
  const token = generateOpaqueToken();
  const [survey] = await tx
    .insert(csatSurveys)
    .values({
      ticketId: event.ticketId,
      customerId: ticket.customerId,
      agentUserId: ticket.assigneeId,
      teamId: ticket.teamId,
      tokenHash: hashToken(token),
    })
    // One survey per ticket: a ticket resolved again keeps the first.
    .onConflictDoNothing({ target: [csatSurveys.tenantId, csatSurveys.ticketId] })
    .returning({ id: csatSurveys.id });
  if (!survey) return;
  await enqueue(
    tx,
    csatSurveyEmailJob,
    { tenantId, surveyId: survey.id, token },
    { availableAt: new Date(now.getTime() + settings.delayMinutes * 60_000) },
  );
}
