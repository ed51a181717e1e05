// What a message to a customer needs to stay in its thread: our Message-ID recorded (so replies
// find the ticket), In-Reply-To and References, the ticket's own Reply-To address, Outlook's
// Thread-Index, and the people copied on the ticket.
import { asc, emailMessageIds, eq, type TenantDb, ticketCcs, tickets } from "@supportdesk/database";

export type Threading = {
  replyTo: string;
  inReplyTo: string | undefined;
  references: string[];
  threadIndex: string;
  threadTopic: string;
  cc: string[];
};

/** How many Message-IDs References carries (the first and the latest ones). */
const MAX_REFERENCES = 20;

/** A reply code: 12 lower-case letters and digits (62 bits), unique per tenant. */
function newReplyCode(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => alphabet[b % 36]).join("");
}

/** The ticket's reply code, made now when it has none. */
async function replyCodeOf(tx: TenantDb, ticketId: string): Promise<string> {
  const [row] = await tx
    .select({ code: tickets.replyCode })
    .from(tickets)
    .where(eq(tickets.id, ticketId))
    .for("update");
  if (row?.code) return row.code;
  const code = newReplyCode();
  await tx.update(tickets).set({ replyCode: code }).where(eq(tickets.id, ticketId));
  return code;
}

/**
 * Outlook's Thread-Index ([MS-OXOMSG] 2.2.1.3): a 22-byte header block (the thread's start as a
 * FILETIME's top 6 bytes, and a GUID — here the ticket's id) and a 5-byte child block per reply.
 */
export function threadIndex(ticketId: string, startedAt: Date, replies: number): string {
  const filetime = (BigInt(startedAt.getTime()) + 11_644_473_600_000n) * 10_000n;
  const header = new Uint8Array(22);
  for (let i = 0; i < 6; i++) header[i] = Number((filetime >> BigInt(56 - 8 * i)) & 0xffn);
  const guid = ticketId.replace(/-/g, "");
  for (let i = 0; i < 16; i++) header[6 + i] = Number.parseInt(guid.slice(2 * i, 2 * i + 2), 16);
  const children = new Uint8Array(5 * Math.min(replies, 50));
  for (let r = 0; r < replies && r < 50; r++) {
    // Each child: the reply's offset, here one step per reply, and a sequence nibble.
    const value = (BigInt(r + 1) << 18n) | BigInt(r & 0xf);
    for (let i = 0; i < 5; i++) children[5 * r + i] = Number((value >> BigInt(32 - 8 * i)) & 0xffn);
  }
  return Buffer.concat([header, children]).toString("base64");
}

/**
 * Records `messageId` (ours, without brackets) as this ticket's outbound message, and returns the
 * headers that keep the customer's reply in this ticket. Idempotent: a retried job records the same
 * id once.
 */
export async function threadOutbound(
  tx: TenantDb,
  input: {
    ticketId: string;
    ticketMessageId: string | null;
    messageId: string;
    slug: string;
    inboundDomain: string;
    /** Whether the ticket's CCs are copied (agent replies: yes; acknowledgements: no). */
    copyCcs: boolean;
  },
): Promise<Threading> {
  const code = await replyCodeOf(tx, input.ticketId);
  const earlier = await tx
    .select({ messageId: emailMessageIds.messageId, direction: emailMessageIds.direction })
    .from(emailMessageIds)
    .where(eq(emailMessageIds.ticketId, input.ticketId))
    .orderBy(asc(emailMessageIds.createdAt), asc(emailMessageIds.messageId));
  const before = earlier.filter((m) => m.messageId !== input.messageId);
  await tx
    .insert(emailMessageIds)
    .values({
      messageId: input.messageId,
      ticketId: input.ticketId,
      ticketMessageId: input.ticketMessageId,
      direction: "out",
    })
    .onConflictDoNothing();
  const [ticket] = await tx
    .select({ subject: tickets.subject, createdAt: tickets.createdAt })
    .from(tickets)
    .where(eq(tickets.id, input.ticketId));
  const ids = before.map((m) => m.messageId);
  const references =
    ids.length > MAX_REFERENCES ? [ids[0] as string, ...ids.slice(-(MAX_REFERENCES - 1))] : ids;
  const lastIn = before.filter((m) => m.direction === "in").at(-1)?.messageId;
  const ccs = input.copyCcs
    ? await tx
        .select({ email: ticketCcs.email })
        .from(ticketCcs)
        .where(eq(ticketCcs.ticketId, input.ticketId))
        .orderBy(asc(ticketCcs.createdAt))
    : [];
  return {
    replyTo: `${input.slug}+${code}@${input.inboundDomain}`,
    inReplyTo: lastIn ?? ids.at(-1),
    references,
    threadIndex: threadIndex(
      input.ticketId,
      ticket?.createdAt ?? new Date(),
      before.filter((m) => m.direction === "out").length,
    ),
    threadTopic: ticket?.subject ?? "",
    cc: ccs.map((c) => c.email),
  };
}
