// Opening a ticket, whoever opens it: an agent or API key (tickets.create), or a customer through
// the help centre's contact form. The callers check who may; this writes the ticket, its first
// message, the audit row, the event for agents and the customer's acknowledgement, in one
// transaction.
import { type MessageEmail, messages, nextNumber, tickets } from "@supportdesk/database";
import type { TicketChannel, TicketFieldValue, TicketPriority } from "@supportdesk/domain";
import { enqueue, ticketCreatedEmailJob } from "@supportdesk/queue";
import { assignmentAfterTicketChange } from "./assignment-trigger";
import { audit } from "./audit";
import type { Actor, TenantScope } from "./context";
import { recordTicketEvent } from "./ticket-events";
import { mintTicketLink } from "./ticket-links";
import { ticketColumns } from "./ticket-list";

/** Who wrote the first message. */
export type FirstAuthor =
  | { type: "agent"; userId: string }
  | { type: "customer"; customerId: string }
  | { type: "system" };

export type NewTicket = {
  subject: string;
  body: string;
  customerId?: string | undefined;
  priority?: TicketPriority | undefined;
  assigneeId?: string | undefined | null;
  tags?: string[] | undefined;
  channel: TicketChannel;
  inquiryTypeId?: string | undefined;
  /** Custom field values (field id → value), already checked against their fields by the caller. */
  customFields?: Record<string, TicketFieldValue> | undefined;
  author: FirstAuthor;
  /** The first message's id, when the caller needs it before (inbound mail's attachments). */
  firstMessageId?: string | undefined;
  /** The first message's email envelope, when it came by email. */
  email?: MessageEmail | undefined;
  /** Whether the customer is sent an acknowledgement (default: yes, when there is a customer). */
  acknowledge?: boolean | undefined;
};

/** What opening a ticket needs: the tenant's transaction and who acts (for the audit trail). */
export type OpenScope = Pick<TenantScope, "tx" | "tenantId" | "automation"> & { actor: Actor };

/**
 * Opens a ticket numbered after the tenant's last one. When it has a customer, the customer is
 * emailed an acknowledgement carrying a fresh link to the ticket's customer view.
 */
export async function openTicket(scope: OpenScope, input: NewTicket) {
  const number = await nextNumber(scope.tx, "ticket");
  const [ticket] = await scope.tx
    .insert(tickets)
    .values({
      number,
      subject: input.subject.trim(),
      priority: input.priority ?? "normal",
      customerId: input.customerId ?? null,
      assigneeId: input.assigneeId ?? null,
      tags: input.tags ?? [],
      channel: input.channel,
      inquiryTypeId: input.inquiryTypeId ?? null,
      customFields: input.customFields ?? {},
    })
    .returning(ticketColumns);
  if (!ticket) throw new Error("ticket insert returned nothing");
  const { author } = input;
  await scope.tx.insert(messages).values({
    ...(input.firstMessageId ? { id: input.firstMessageId } : {}),
    ...(input.email ? { email: input.email } : {}),
    ticketId: ticket.id,
    authorType: author.type,
    authorUserId: author.type === "agent" ? author.userId : null,
    authorCustomerId: author.type === "customer" ? author.customerId : null,
    body: input.body,
  });
  await audit(
    scope,
    "ticket.create",
    { type: "ticket", id: ticket.id },
    { number, channel: input.channel },
  );
  await recordTicketEvent(
    scope.tx,
    scope.tenantId,
    {
      ticketId: ticket.id,
      kind: "created",
      actorUserId: scope.actor.userId,
    },
    scope.automation,
  );
  // Opened into a team: its assignment runs.
  await assignmentAfterTicketChange(scope, null, ticket);
  if (ticket.customerId && input.acknowledge !== false) {
    await enqueue(scope.tx, ticketCreatedEmailJob, {
      tenantId: scope.tenantId,
      ticketId: ticket.id,
      linkToken: await mintTicketLink(scope.tx, ticket.id),
    });
  }
  return ticket;
}
