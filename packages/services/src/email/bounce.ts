// A delivery status notification: the addresses that failed are marked as bouncing on their
// customers (the ticket shows it), and the ticket whose mail bounced gets a line saying so —
// instead of a ticket opened for the bounce.
import {
  customers,
  emailMessageIds,
  eq,
  inArray,
  messages,
  sql,
  type TenantDb,
} from "@supportdesk/database";
import { messageIdsIn, type ParsedMail } from "@supportdesk/mime";

/** The Message-IDs a bounce names: its own threading headers, and the returned message's headers. */
function bouncedIds(mail: ParsedMail): string[] {
  const inParts = mail.attachments
    .filter((a) => /^(?:message\/rfc822|text\/rfc822-headers|text\/plain)$/.test(a.contentType))
    .flatMap((a) => {
      const text = new TextDecoder().decode(a.content.subarray(0, 64 * 1024));
      return [...text.matchAll(/^Message-ID:\s*(<[^>\s]+>)/gim)].map((m) => m[1] ?? "");
    });
  return messageIdsIn(
    [...mail.inReplyTo, ...mail.references].map((id) => `<${id}>`).concat(inParts),
  );
}

/** Records a bounce; returns what happened, in words for the inbound log. */
export async function recordBounce(tx: TenantDb, mail: ParsedMail): Promise<string> {
  const report = mail.report;
  const failed = report?.failed ?? [];
  if (failed.length === 0) return "a delivery report with no permanent failure";
  for (const f of failed) {
    await tx
      .update(customers)
      .set({
        bouncingAt: sql`now()`,
        bounceReason: `${f.status} ${f.diagnostic}`.trim().slice(0, 500),
      })
      .where(eq(customers.emailLower, f.address));
  }
  const ids = bouncedIds(mail);
  const [hit] = ids.length
    ? await tx
        .select({ ticketId: emailMessageIds.ticketId })
        .from(emailMessageIds)
        .where(inArray(emailMessageIds.messageId, ids))
        .limit(1)
    : [];
  const addresses = failed.map((f) => f.address).join(", ");
  if (hit?.ticketId) {
    await tx.insert(messages).values({
      ticketId: hit.ticketId,
      authorType: "system",
      body: `Mail to ${addresses} bounced (${failed.map((f) => `${f.status}${f.diagnostic ? `: ${f.diagnostic}` : ""}`).join("; ")}).`,
    });
  }
  return `bounce for ${addresses}`;
}
