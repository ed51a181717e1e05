// What a ticket merge moves from the source to the target: its conversation (messages, files, the
// emails' ids that thread replies), the people copied, and the customer's links to it.
import {
  and,
  attachments,
  emailMessageIds,
  eq,
  inArray,
  inboundEmails,
  isNull,
  messages,
  ne,
  sql,
  type TenantDb,
  ticketCcs,
  ticketLinks,
  tickets,
} from "@supportdesk/database";

export type Moved = { messages: number; attachments: number; ccs: number };

/**
 * Whether the source holds a customer message newer than the target's last public word (an
 * agent's reply or a customer's message): then the merged conversation awaits an agent.
 */
export async function sourceIsNewer(
  tx: TenantDb,
  sourceId: string,
  targetId: string,
): Promise<boolean> {
  const [row] = await tx
    .select({
      newer: sql<boolean>`coalesce(
        max(${messages.createdAt}) filter (where ${messages.ticketId} = ${sourceId} and ${messages.authorType} = 'customer')
        > coalesce(max(${messages.createdAt}) filter (where ${messages.ticketId} = ${targetId} and ${messages.authorType} <> 'system' and not ${messages.isInternal}), '-infinity'::timestamptz),
        false)`,
    })
    .from(messages)
    .where(inArray(messages.ticketId, [sourceId, targetId]));
  return row?.newer === true;
}

/**
 * Moves the source's thread into the target: messages and their files (each keeps its time, so
 * the target's thread interleaves them in order), the Message-IDs and received emails (a reply to
 * any email of the source's thread now files into the target), and the CCs (a union; nobody is
 * copied twice, and the target's own customer is not copied on their own ticket).
 */
export async function moveThread(
  tx: TenantDb,
  input: { sourceId: string; targetId: string; targetCustomerEmail: string | null },
): Promise<Moved> {
  const { sourceId, targetId } = input;
  const movedMessages = await tx
    .update(messages)
    .set({ ticketId: targetId })
    .where(eq(messages.ticketId, sourceId))
    .returning({ id: messages.id });
  const movedFiles = await tx
    .update(attachments)
    .set({ ticketId: targetId })
    .where(eq(attachments.ticketId, sourceId))
    .returning({ id: attachments.id });
  await tx
    .update(emailMessageIds)
    .set({ ticketId: targetId })
    .where(eq(emailMessageIds.ticketId, sourceId));
  await tx
    .update(inboundEmails)
    .set({ ticketId: targetId })
    .where(eq(inboundEmails.ticketId, sourceId));
  const ccs = await tx
    .delete(ticketCcs)
    .where(eq(ticketCcs.ticketId, sourceId))
    .returning({ email: ticketCcs.email, name: ticketCcs.name, createdAt: ticketCcs.createdAt });
  const owner = input.targetCustomerEmail?.toLowerCase();
  const kept = ccs.filter((cc) => cc.email !== owner);
  const added =
    kept.length === 0
      ? []
      : await tx
          .insert(ticketCcs)
          .values(kept.map((cc) => ({ ...cc, ticketId: targetId })))
          .onConflictDoNothing()
          .returning({ email: ticketCcs.email });
  return { messages: movedMessages.length, attachments: movedFiles.length, ccs: added.length };
}

/** Copies `person` on the target's replies (unless they already are); whether they were added. */
export async function addCc(
  tx: TenantDb,
  ticketId: string,
  person: { email: string; name: string },
): Promise<boolean> {
  const added = await tx
    .insert(ticketCcs)
    .values({ ticketId, email: person.email.toLowerCase(), name: person.name })
    .onConflictDoNothing()
    .returning({ email: ticketCcs.email });
  return added.length > 0;
}

/**
 * The customer's links to the source: when the target is the same customer's, they open the
 * target from now on (the customer keeps one working link); otherwise they are revoked, since a
 * link answers as the ticket's customer and must never let one customer write as another.
 */
export async function moveLinks(
  tx: TenantDb,
  input: { sourceId: string; targetId: string; sameCustomer: boolean },
): Promise<"repointed" | "revoked"> {
  const live = and(eq(ticketLinks.ticketId, input.sourceId), isNull(ticketLinks.revokedAt));
  if (input.sameCustomer) {
    await tx.update(ticketLinks).set({ ticketId: input.targetId }).where(live);
    return "repointed";
  }
  await tx.update(ticketLinks).set({ revokedAt: sql`now()` }).where(live);
  return "revoked";
}

/** Tickets merged into the source before now point at the target, so no pointer leads to a dead end. */
export async function repointEarlierMerges(tx: TenantDb, sourceId: string, targetId: string) {
  await tx
    .update(tickets)
    .set({ mergedIntoId: targetId })
    .where(and(eq(tickets.mergedIntoId, sourceId), ne(tickets.id, targetId)));
}
