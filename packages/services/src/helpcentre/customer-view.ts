// The customer's own view of their ticket, opened by a link from their email (`/tickets/<token>`):
// the public conversation — never internal notes, system lines or another ticket — and their
// reply, which reaches the agents live. The link is the capability; nothing else is asked.
import {
  and,
  asc,
  customers,
  eq,
  messages,
  sql,
  type TenantDb,
  tickets,
  users,
} from "@supportdesk/database";
import type { TicketStatus } from "@supportdesk/domain";
import { assignmentAfterTicketChange } from "../assignment-trigger";
import { audit } from "../audit";
import { AppError } from "../errors";
import { recordTicketEvent } from "../ticket-events";
import { ticketOfLink } from "../ticket-links";
import type { OpenScope } from "../ticket-open";
import { CONTACT_LIMITS, hasControlCharacters } from "./contact";

export type CustomerMessage = {
  id: string;
  /** "you" is the customer; agents are shown by name. */
  from: "customer" | "agent";
  authorName: string;
  body: string;
  createdAt: Date;
};

export type CustomerTicket = {
  number: number;
  subject: string;
  status: TicketStatus;
  createdAt: Date;
  messages: CustomerMessage[];
};

/** The ticket a link opens, as its customer may see it; undefined for a dead or foreign link. */
export async function customerTicket(
  tx: TenantDb,
  token: string,
): Promise<CustomerTicket | undefined> {
  const ticketId = await ticketOfLink(tx, token);
  if (!ticketId) return undefined;
  const [ticket] = await tx
    .select({
      number: tickets.number,
      subject: tickets.subject,
      status: tickets.status,
      createdAt: tickets.createdAt,
      customerId: tickets.customerId,
    })
    .from(tickets)
    .where(eq(tickets.id, ticketId));
  if (!ticket) return undefined;
  const rows = await tx
    .select({
      id: messages.id,
      authorType: messages.authorType,
      agentName: users.name,
      customerId: messages.authorCustomerId,
      customerName: customers.name,
      body: messages.body,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorUserId))
    .leftJoin(
      customers,
      and(eq(customers.tenantId, messages.tenantId), eq(customers.id, messages.authorCustomerId)),
    )
    .where(
      and(
        eq(messages.ticketId, ticketId),
        eq(messages.isInternal, false),
        sql`${messages.authorType} in ('customer', 'agent')`,
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const { customerId, ...shown } = ticket;
  // The ticket's customer reads their own messages as "You"; someone copied who wrote in is named.
  const nameOf = (m: (typeof rows)[number]) =>
    m.authorType === "agent"
      ? (m.agentName ?? "Support")
      : m.customerId === customerId
        ? "You"
        : (m.customerName ?? "Someone copied");
  return {
    ...shown,
    messages: rows.map((m) => ({
      id: m.id,
      from: m.authorType === "customer" ? "customer" : "agent",
      authorName: nameOf(m),
      body: m.body,
      createdAt: m.createdAt,
    })),
  };
}

/** Why a reply is refused, in a customer's words; `field` names the form field at fault. */
export function checkReply(
  body: unknown,
): { ok: true; body: string } | { ok: false; problem: string } {
  if (typeof body !== "string" || !body.trim())
    return { ok: false, problem: "Write a message first." };
  if (body.length > CONTACT_LIMITS.message) {
    return { ok: false, problem: `A message may be at most ${CONTACT_LIMITS.message} characters.` };
  }
  if (hasControlCharacters(body)) {
    return { ok: false, problem: "The message holds characters that cannot be sent." };
  }
  return { ok: true, body: body.trim() };
}

/**
 * Adds the customer's reply to the ticket a link opens. A pending or resolved ticket opens again
 * (the ball is back with the agents); a closed one refuses (CONFLICT), since closed is final.
 * Undefined for a dead or foreign link.
 */
export async function customerReply(
  scope: OpenScope,
  input: { token: string; body: string },
): Promise<{ messageId: string } | undefined> {
  const ticketId = await ticketOfLink(scope.tx, input.token);
  if (!ticketId) return undefined;
  const [ticket] = await scope.tx
    .select({
      status: tickets.status,
      customerId: tickets.customerId,
      teamId: tickets.teamId,
      assigneeId: tickets.assigneeId,
      mergedIntoId: tickets.mergedIntoId,
    })
    .from(tickets)
    .where(eq(tickets.id, ticketId))
    .for("update");
  if (!ticket?.customerId) return undefined;
  if (ticket.status === "closed") {
    throw new AppError(
      "CONFLICT",
      "This request is closed, so it takes no more replies. Please send a new request instead.",
    );
  }
  const [message] = await scope.tx
    .insert(messages)
    .values({
      ticketId,
      authorType: "customer",
      authorCustomerId: ticket.customerId,
      body: input.body,
    })
    .returning({ id: messages.id });
  if (!message) throw new Error("message insert returned nothing");
  if (ticket.status !== "open") {
    await scope.tx.insert(messages).values({
      ticketId,
      authorType: "system",
      body: `Status changed from ${ticket.status} to open (the customer replied).`,
    });
  }
  await scope.tx
    .update(tickets)
    .set({ status: "open", updatedAt: new Date() })
    .where(eq(tickets.id, ticketId));
  // A reopened team ticket without an agent waits for one again.
  await assignmentAfterTicketChange({ tx: scope.tx, tenantId: scope.tenantId }, ticket, {
    ...ticket,
    status: "open",
  });
  await audit(
    scope,
    "ticket.customer_reply",
    { type: "ticket", id: ticketId },
    {
      messageId: message.id,
    },
  );
  await recordTicketEvent(scope.tx, scope.tenantId, {
    ticketId,
    kind: "message",
    actorUserId: null,
    messageId: message.id,
  });
  return { messageId: message.id };
}
