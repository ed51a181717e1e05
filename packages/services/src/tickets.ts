// Tickets and their threads: get with the whole thread, create with a per-tenant number, update,
// reply (the inbox list is ticket-list.ts, the CCs ticket-ccs.ts).
import {
  and,
  attachments,
  customers,
  eq,
  messages,
  sql,
  teams,
  ticketCcs,
  tickets,
  users,
} from "@supportdesk/database";
import { can } from "@supportdesk/domain";
import { enqueue, ticketReplyEmailJob } from "@supportdesk/queue";
import { assignmentAfterTicketChange } from "./assignment-trigger";
import { claimUploads } from "./attachments";
import { audit } from "./audit";
import { authorize, type TenantScope } from "./context";
import { AppError, notFound } from "./errors";
import { isAssignable } from "./members";
import { exactSla } from "./sla/history";
import { slaColumns, slaOf } from "./sla/state";
import { recordTicketEvent } from "./ticket-events";
import { mintTicketLink } from "./ticket-links";
import {
  findTicket,
  refuseMerged,
  type TicketPriority,
  type TicketStatus,
  ticketColumns,
} from "./ticket-list";
import { openTicket } from "./ticket-open";

export { updateCcs } from "./ticket-ccs";
export { revokeTicketLinks } from "./ticket-links";
export {
  listTickets,
  type TicketFilters,
  type TicketPriority,
  type TicketStatus,
} from "./ticket-list";

/** A ticket with its whole thread (internal notes only for those holding ticket.note.read). */
export async function getTicket(scope: TenantScope, input: { id: string }) {
  authorize(scope, "ticket.read");
  const ticket = await findTicket(scope, input.id);
  const notes = can(scope, "ticket.note.read");
  const thread = await scope.tx
    .select({
      id: messages.id,
      authorType: messages.authorType,
      authorUserId: messages.authorUserId,
      authorName: sql<string | null>`coalesce(${users.name}, ${customers.name})`,
      isInternal: messages.isInternal,
      body: messages.body,
      email: messages.email,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorUserId))
    .leftJoin(
      customers,
      and(eq(customers.tenantId, messages.tenantId), eq(customers.id, messages.authorCustomerId)),
    )
    .where(and(eq(messages.ticketId, input.id), notes ? undefined : eq(messages.isInternal, false)))
    .orderBy(messages.createdAt, messages.id);
  const files = await scope.tx
    .select({
      id: attachments.id,
      messageId: attachments.messageId,
      filename: attachments.filename,
      contentType: attachments.contentType,
      size: attachments.size,
      inline: attachments.inline,
    })
    .from(attachments)
    .where(eq(attachments.ticketId, input.id))
    .orderBy(attachments.createdAt, attachments.id);
  const ccs = await scope.tx
    .select({ email: ticketCcs.email, name: ticketCcs.name })
    .from(ticketCcs)
    .where(eq(ticketCcs.ticketId, input.id))
    .orderBy(ticketCcs.createdAt, ticketCcs.email);
  const [slaRow] = await scope.tx.select(slaColumns).from(tickets).where(eq(tickets.id, input.id));
  const sla = slaRow ? await exactSla(scope.tx, input.id, slaOf(slaRow, new Date())) : null;
  return {
    ...ticket,
    sla,
    ccs,
    messages: thread.map((m) => ({
      ...m,
      attachments: files
        .filter((f) => f.messageId === m.id)
        .map(({ messageId: _, ...file }) => file),
    })),
  };
}

async function assertAssignable(scope: TenantScope, assigneeId: string | null | undefined) {
  if (assigneeId && !(await isAssignable(scope, assigneeId))) {
    throw new AppError(
      "BAD_REQUEST",
      "assigneeId must be a member of this tenant who works tickets.",
      {
        field: "assigneeId",
      },
    );
  }
}

async function assertTeam(scope: TenantScope, teamId: string | null | undefined) {
  if (!teamId) return;
  const [row] = await scope.tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId));
  if (!row) {
    throw new AppError("BAD_REQUEST", "teamId is not a team of this tenant.", { field: "teamId" });
  }
}

async function assertCustomer(scope: TenantScope, customerId: string | undefined) {
  if (!customerId) return;
  const [row] = await scope.tx
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!row)
    throw new AppError("BAD_REQUEST", "customerId is not a customer of this tenant.", {
      field: "customerId",
    });
}

/** Opens a ticket numbered after the tenant's last one, with its first message. */
export async function createTicket(
  scope: TenantScope,
  input: {
    subject: string;
    body: string;
    customerId?: string | undefined;
    priority?: TicketPriority | undefined;
    assigneeId?: string | undefined;
    tags?: string[] | undefined;
  },
) {
  authorize(scope, "ticket.create");
  if (input.assigneeId) authorize(scope, "ticket.assign");
  await assertCustomer(scope, input.customerId);
  await assertAssignable(scope, input.assigneeId);
  return openTicket(scope, {
    ...input,
    channel: "agent",
    author: scope.actor.userId ? { type: "agent", userId: scope.actor.userId } : { type: "system" },
  });
}

export type TicketUpdate = {
  status?: TicketStatus | undefined;
  priority?: TicketPriority | undefined;
  assigneeId?: string | null | undefined;
  /** A team of the tenant, or null for none (changing it is assigning, like the agent). */
  teamId?: string | null | undefined;
  tags?: string[] | undefined;
};

/** Changes status, priority, assignee or tags; status changes leave a system line in the thread. */
export async function updateTicket(scope: TenantScope, input: TicketUpdate & { id: string }) {
  const { id, ...changes } = input;
  // Each kind of change asks for its own permission, whether or not the value differs.
  if (
    changes.status !== undefined ||
    changes.priority !== undefined ||
    changes.tags !== undefined
  ) {
    authorize(scope, "ticket.update");
  }
  if (changes.assigneeId !== undefined || changes.teamId !== undefined) {
    authorize(scope, "ticket.assign");
  }
  const before = await findTicket(scope, id);
  await refuseMerged(scope, before);
  await assertAssignable(scope, changes.assigneeId);
  await assertTeam(scope, changes.teamId);
  // Only what actually changes: re-sending the same assignee must not re-notify anyone.
  const set = Object.fromEntries(
    Object.entries(changes).filter(
      ([key, value]) =>
        value !== undefined &&
        JSON.stringify(value) !== JSON.stringify(before[key as keyof typeof before]),
    ),
  );
  if (Object.keys(set).length === 0) return before;
  const [after] = await scope.tx
    .update(tickets)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(tickets.id, id))
    .returning(ticketColumns);
  if (!after) throw notFound("Ticket");
  if (changes.status && changes.status !== before.status) {
    await scope.tx.insert(messages).values({
      ticketId: id,
      authorType: "system",
      body: `Status changed from ${before.status} to ${changes.status}.`,
    });
  }
  await audit(scope, "ticket.update", { type: "ticket", id }, { changes: set });
  await recordTicketEvent(
    scope.tx,
    scope.tenantId,
    {
      ticketId: id,
      kind: "updated",
      actorUserId: scope.actor.userId,
      changes: set,
      ...("assigneeId" in set ? { previousAssigneeId: before.assigneeId } : {}),
    },
    scope.automation,
  );
  // A ticket now waiting in a team, or capacity freed: the team's assignment runs.
  await assignmentAfterTicketChange(scope, before, after);
  return after;
}

/**
 * Adds a reply (seen by the customer) or an internal note (agents only). An agent's reply to
 * an open ticket makes it pending: the ball is in the customer's court.
 */
export async function addMessage(
  scope: TenantScope,
  input: {
    ticketId: string;
    body: string;
    internal: boolean;
    attachmentIds?: string[] | undefined;
  },
) {
  authorize(scope, input.internal ? "ticket.note" : "ticket.reply");
  const ticket = await findTicket(scope, input.ticketId);
  await refuseMerged(scope, ticket);
  const [message] = await scope.tx
    .insert(messages)
    .values({
      ticketId: ticket.id,
      authorType: "agent",
      authorUserId: scope.actor.userId,
      isInternal: input.internal,
      body: input.body,
    })
    .returning();
  if (!message) throw new Error("message insert returned nothing");
  if (input.attachmentIds?.length) {
    await claimUploads(scope.tx, {
      ticketId: ticket.id,
      messageId: message.id,
      attachmentIds: input.attachmentIds,
    });
  }
  const status = !input.internal && ticket.status === "open" ? "pending" : ticket.status;
  await scope.tx
    .update(tickets)
    .set({ status, updatedAt: new Date() })
    .where(eq(tickets.id, ticket.id));
  await audit(
    scope,
    input.internal ? "ticket.note" : "ticket.reply",
    { type: "ticket", id: ticket.id },
    {
      messageId: message.id,
    },
  );
  await recordTicketEvent(
    scope.tx,
    scope.tenantId,
    {
      ticketId: ticket.id,
      kind: "message",
      actorUserId: scope.actor.userId,
      messageId: message.id,
    },
    scope.automation,
  );
  if (!input.internal && ticket.customerId) {
    await enqueue(scope.tx, ticketReplyEmailJob, {
      tenantId: scope.tenantId,
      ticketId: ticket.id,
      messageId: message.id,
      linkToken: await mintTicketLink(scope.tx, ticket.id),
    });
  }
  return {
    id: message.id,
    ticketId: ticket.id,
    authorType: message.authorType,
    isInternal: message.isInternal,
    body: message.body,
    createdAt: message.createdAt,
  };
}
