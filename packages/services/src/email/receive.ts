// A message accepted by our SMTP receiver (or a provider's webhook): kept raw in storage, then
// recorded with the job that will file it, in one transaction — only then does the sender hear
// "250 OK". A failure before that answers 4xx, and the sender tries again: nothing is lost.
import { type Database, eq, inboundEmails, tenants } from "@supportdesk/database";
import { parseRecipient } from "@supportdesk/mime";
import { enqueue, inboundEmailJob } from "@supportdesk/queue";
import { type BlobStore, tenantKey } from "@supportdesk/storage";

export type InboundDeps = { db: Database; storage: BlobStore };

export type ReceivedEmail = {
  tenantId: string;
  /** The SMTP envelope's MAIL FROM ("" for a bounce) and the RCPT address that named the tenant. */
  envelopeFrom: string;
  recipient: string;
  raw: Uint8Array;
};

/** Stores and records one received message for one tenant; returns its id once durable. */
export async function recordInbound(
  deps: InboundDeps,
  email: ReceivedEmail,
): Promise<{ id: string }> {
  const id = Bun.randomUUIDv7();
  const storageKey = tenantKey(email.tenantId, "inbound", `${id}.eml`);
  await deps.storage.put(storageKey, email.raw, "message/rfc822");
  await deps.db.withTenant(email.tenantId, async (tx) => {
    await tx.insert(inboundEmails).values({
      id,
      storageKey,
      size: email.raw.byteLength,
      envelopeFrom: email.envelopeFrom.slice(0, 500),
      recipient: email.recipient.slice(0, 500),
    });
    await enqueue(tx, inboundEmailJob, { tenantId: email.tenantId, inboundEmailId: id });
  });
  return { id };
}

/**
 * The active tenant (and ticket reply code) a recipient address names on our inbound domain, or
 * null: the SMTP receiver answers 550 at RCPT for null. A suspended tenant receives nothing.
 */
export async function resolveRecipient(
  db: Database,
  address: string,
  inboundDomain: string,
): Promise<{ tenantId: string; code: string | null } | null> {
  const recipient = parseRecipient(address, inboundDomain);
  if (!recipient) return null;
  const [tenant] = await db.platform
    .select({ id: tenants.id, status: tenants.status })
    .from(tenants)
    .where(eq(tenants.slug, recipient.slug));
  if (!tenant || tenant.status === "suspended") return null;
  return { tenantId: tenant.id, code: recipient.code };
}
