// Which ticket an inbound message continues, in the order the issue sets: a Message-ID we sent or
// received named in In-Reply-To/References → the per-ticket `+code` recipient → `[#n]` in the
// subject when the sender is the ticket's customer or one of its CCs → none (a new ticket).
import {
  and,
  customers,
  emailMessageIds,
  eq,
  inArray,
  isNotNull,
  type TenantDb,
  ticketCcs,
  tickets,
} from "@supportdesk/database";
import { type ParsedMail, ticketNumberIn } from "@supportdesk/mime";

export type ThreadMatch = { ticketId: string; by: "message-id" | "reply-code" | "subject" };

/**
 * The ticket `mail` continues, or null; `code` is the `+code` of the recipient, if any. A ticket
 * merged into another continues there (merges are flattened, so one hop is enough).
 */
export async function findThread(
  tx: TenantDb,
  mail: Pick<ParsedMail, "inReplyTo" | "references" | "subject">,
  code: string | null,
  sender: string,
): Promise<ThreadMatch | null> {
  const match = await findDirect(tx, mail, code, sender);
  if (!match) return null;
  const [row] = await tx
    .select({ into: tickets.mergedIntoId })
    .from(tickets)
    .where(eq(tickets.id, match.ticketId));
  return row?.into ? { ...match, ticketId: row.into } : match;
}

async function findDirect(
  tx: TenantDb,
  mail: Pick<ParsedMail, "inReplyTo" | "references" | "subject">,
  code: string | null,
  sender: string,
): Promise<ThreadMatch | null> {
  // Newest first: the message answered, then the thread from its end.
  const ids = [...new Set([...mail.inReplyTo, ...[...mail.references].reverse()])].slice(0, 100);
  if (ids.length > 0) {
    const rows = await tx
      .select({ messageId: emailMessageIds.messageId, ticketId: emailMessageIds.ticketId })
      .from(emailMessageIds)
      .where(and(inArray(emailMessageIds.messageId, ids), isNotNull(emailMessageIds.ticketId)));
    const byId = new Map(rows.map((r) => [r.messageId, r.ticketId]));
    for (const id of ids) {
      const ticketId = byId.get(id);
      if (ticketId) return { ticketId, by: "message-id" };
    }
  }
  if (code) {
    const [row] = await tx
      .select({ id: tickets.id })
      .from(tickets)
      .where(eq(tickets.replyCode, code));
    if (row) return { ticketId: row.id, by: "reply-code" };
  }
  const number = ticketNumberIn(mail.subject);
  if (number !== null) {
    const [row] = await tx
      .select({ id: tickets.id, customerEmail: customers.email })
      .from(tickets)
      .leftJoin(
        customers,
        and(eq(customers.tenantId, tickets.tenantId), eq(customers.id, tickets.customerId)),
      )
      .where(eq(tickets.number, number));
    if (row && (await isParticipant(tx, row.id, row.customerEmail, sender))) {
      return { ticketId: row.id, by: "subject" };
    }
  }
  return null;
}

/** Whether `sender` is the ticket's customer or one of its CCs (addresses compare in any case). */
async function isParticipant(
  tx: TenantDb,
  ticketId: string,
  customerEmail: string | null,
  sender: string,
): Promise<boolean> {
  if (customerEmail?.toLowerCase() === sender) return true;
  const [cc] = await tx
    .select({ email: ticketCcs.email })
    .from(ticketCcs)
    .where(and(eq(ticketCcs.ticketId, ticketId), eq(ticketCcs.email, sender)));
  return cc !== undefined;
}
