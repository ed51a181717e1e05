// Merging a ticket into another: the source's conversation moves into the target, the source
// closes pointing there (it keeps its number; numbers are never reused), both get a system line,
// an audit row and an event, and a customer other than the target's is told once.
import { customers, eq, inArray, messages, type TenantDb, tickets } from "@supportdesk/database";
import { enqueue, ticketReplyEmailJob } from "@supportdesk/queue";
import { assignmentAfterTicketChange } from "./assignment-trigger";
import { audit } from "./audit";
import { authorize, type TenantScope } from "./context";
import { AppError, notFound } from "./errors";
import {
  addCc,
  type Moved,
  moveLinks,
  moveThread,
  repointEarlierMerges,
  sourceIsNewer,
} from "./merge-moves";
import { recordTicketEvent } from "./ticket-events";
import { ticketColumns } from "./ticket-list";

/**
 * Both tickets, row-locked in id order (two merges of the same pair, either way round, queue
 * instead of deadlocking, and the second sees what the first did); NOT_FOUND for either unknown
 * or another tenant's.
 */
async function lockPair(tx: TenantDb, sourceId: string, targetId: string) {
  const rows = await tx
    .select(ticketColumns)
    .from(tickets)
    .where(inArray(tickets.id, [sourceId, targetId]))
    .orderBy(tickets.id)
    .for("update");
  const source = rows.find((r) => r.id === sourceId);
  const target = rows.find((r) => r.id === targetId);
  if (!source || !target) throw notFound("Ticket");
  return { source, target };
}

async function numberOf(tx: TenantDb, id: string): Promise<number | undefined> {
  const [row] = await tx.select({ number: tickets.number }).from(tickets).where(eq(tickets.id, id));
  return row?.number;
}

async function customerOf(tx: TenantDb, id: string | null) {
  if (!id) return null;
  const [row] = await tx
    .select({ id: customers.id, email: customers.email, name: customers.name })
    .from(customers)
    .where(eq(customers.id, id));
  return row ?? null;
}

/** The entries of `changes` whose value differs from `before`'s (what the event reports). */
function changed(before: Record<string, unknown>, changes: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(changes).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key]),
    ),
  );
}

async function systemLine(tx: TenantDb, ticketId: string, body: string): Promise<string> {
  const [row] = await tx
    .insert(messages)
    .values({ ticketId, authorType: "system", body })
    .returning({ id: messages.id });
  if (!row) throw new Error("message insert returned nothing");
  return row.id;
}

/**
 * Merges `sourceId` into `targetId`. The target keeps its status, unless the source holds a
 * customer message newer than the target's last public word: then it opens. The target takes the
 * source's tags and custom field values it lacks, and the source's customer when it has none.
 * When the target belongs to another customer, the source's customer is copied on the target
 * and emailed once (the source's last line) that the conversation continues there.
 *
 * @example
 * await mergeTickets(scope, { sourceId: duplicate.id, targetId: original.id });
 */
export async function mergeTickets(
  scope: TenantScope,
  input: { sourceId: string; targetId: string },
) {
  authorize(scope, "ticket.merge");
  const { tx } = scope;
  if (input.sourceId === input.targetId) {
    throw new AppError(
      "BAD_REQUEST",
      "targetId must be another ticket: a ticket cannot be merged into itself.",
      { field: "targetId" },
    );
  }
  const { source, target } = await lockPair(tx, input.sourceId, input.targetId);
  if (source.mergedIntoId) {
    const into = await numberOf(tx, source.mergedIntoId);
    throw new AppError(
      "CONFLICT",
      `sourceId: ticket #${source.number} was already merged into #${into}.`,
      { field: "sourceId" },
    );
  }
  if (target.mergedIntoId) {
    const into = await numberOf(tx, target.mergedIntoId);
    throw new AppError(
      "BAD_REQUEST",
      into === source.number
        ? `targetId: ticket #${target.number} was already merged into this one (#${into}).`
        : `targetId: ticket #${target.number} was merged into #${into}; merge into #${into} instead.`,
      { field: "targetId" },
    );
  }

  const sourceCustomer = await customerOf(tx, source.customerId);
  const adopt = !target.customerId && source.customerId !== null;
  const targetCustomer = adopt ? sourceCustomer : await customerOf(tx, target.customerId);
  /** The source's customer is not the target's: they are copied there, and told. */
  const otherCustomer = sourceCustomer !== null && targetCustomer?.id !== sourceCustomer.id;
  const reopen = target.status !== "open" && (await sourceIsNewer(tx, source.id, target.id));

  const moved: Moved = await moveThread(tx, {
    sourceId: source.id,
    targetId: target.id,
    targetCustomerEmail: targetCustomer?.email ?? null,
  });
  if (otherCustomer && (await addCc(tx, target.id, sourceCustomer))) moved.ccs += 1;
  const links = await moveLinks(tx, {
    sourceId: source.id,
    targetId: target.id,
    sameCustomer: !otherCustomer,
  });
  await repointEarlierMerges(tx, source.id, target.id);

  const now = new Date();
  const changes = {
    tags: [...new Set([...target.tags, ...source.tags])],
    customFields: { ...source.customFields, ...target.customFields },
    ...(adopt ? { customerId: source.customerId } : {}),
    ...(reopen ? { status: "open" as const } : {}),
  };
  const [merged] = await tx
    .update(tickets)
    .set({ ...changes, updatedAt: now })
    .where(eq(tickets.id, target.id))
    .returning(ticketColumns);
  const [closed] = await tx
    .update(tickets)
    .set({ status: "closed", mergedIntoId: target.id, updatedAt: now })
    .where(eq(tickets.id, source.id))
    .returning(ticketColumns);
  if (!merged || !closed) throw notFound("Ticket");

  const sourceLine = await systemLine(
    tx,
    source.id,
    `Merged into #${target.number}. The conversation continues there.`,
  );
  await systemLine(tx, target.id, `Merged #${source.number} into this ticket.`);
  if (reopen) {
    await systemLine(
      tx,
      target.id,
      `Status changed from ${target.status} to open (merged #${source.number} had a newer message from the customer).`,
    );
  }

  await audit(
    scope,
    "ticket.merge",
    { type: "ticket", id: source.id },
    { role: "source", targetId: target.id, targetNumber: target.number },
  );
  await audit(
    scope,
    "ticket.merge",
    { type: "ticket", id: target.id },
    { role: "target", sourceId: source.id, sourceNumber: source.number, moved, links },
  );
  const actorUserId = scope.actor.userId;
  await recordTicketEvent(tx, scope.tenantId, {
    actorUserId,
    ticketId: source.id,
    kind: "updated",
    changes: { status: "closed", mergedIntoId: target.id },
  });
  await recordTicketEvent(tx, scope.tenantId, {
    actorUserId,
    ticketId: target.id,
    kind: "updated",
    changes: { ...changed(target, changes), mergedTicketId: source.id },
  });
  // The source's agent may have freed capacity, and the target may now wait in its team.
  await assignmentAfterTicketChange({ tx, tenantId: scope.tenantId }, source, closed);
  await assignmentAfterTicketChange({ tx, tenantId: scope.tenantId }, target, merged);
  // The existing reply email fits: it sends the source's last (public) line to the source's
  // customer, without CCs (they moved to the target) and without a link (a link writes as the
  // ticket's customer, and the target's customer is someone else).
  if (otherCustomer) {
    await enqueue(tx, ticketReplyEmailJob, {
      tenantId: scope.tenantId,
      ticketId: source.id,
      messageId: sourceLine,
    });
  }
  return { source: closed, target: merged, moved, links, customerTold: otherCustomer };
}
