// The inbound job: one received message, filed under its tenant. Idempotent by the row's status
// (a redelivered job finds it processed); a message that cannot be read or filed is quarantined,
// never dropped, and one message's trouble never touches another's.
import { and, type Database, eq, inboundEmails, sql } from "@supportdesk/database";
import { MimeError, type ParsedMail, parseMail, parseRecipient } from "@supportdesk/mime";
import { type BlobStore, tenantKey } from "@supportdesk/storage";
import { fileInbound, type StoredAttachment } from "./file";

export type ProcessDeps = { db: Database; storage: BlobStore; inboundDomain: string };

export type ProcessInput = {
  tenantId: string;
  inboundEmailId: string;
  /** Whether this is the job's last try: an unexpected failure then quarantines the message. */
  lastAttempt: boolean;
};

type Status = typeof inboundEmails.$inferSelect.status;

async function setStatus(
  deps: ProcessDeps,
  input: ProcessInput,
  status: Status,
  fields: Partial<typeof inboundEmails.$inferInsert> = {},
): Promise<void> {
  await deps.db.withTenant(input.tenantId, (tx) =>
    tx
      .update(inboundEmails)
      .set({ status, processedAt: sql`now()`, ...fields })
      .where(eq(inboundEmails.id, input.inboundEmailId)),
  );
}

/** Sets a message aside for admins (retry or discard), with why. */
export function quarantine(deps: ProcessDeps, input: ProcessInput, reason: string): Promise<void> {
  return setStatus(deps, input, "quarantined", { reason: reason.slice(0, 1000) });
}

/** Stores the message's attachments under keys of its own: a retry writes the same keys again. */
async function storeAttachments(
  deps: ProcessDeps,
  input: ProcessInput,
  mail: ParsedMail,
): Promise<StoredAttachment[]> {
  const stored: StoredAttachment[] = [];
  for (const [index, a] of mail.attachments.entries()) {
    const storageKey = tenantKey(input.tenantId, "attachments", `${input.inboundEmailId}-${index}`);
    await deps.storage.put(storageKey, a.content, a.contentType);
    stored.push({
      storageKey,
      filename: a.filename,
      contentType: a.contentType,
      size: a.size,
      contentId: a.contentId,
      inline: a.inline,
    });
  }
  return stored;
}

export type ProcessOutcome = { status: Status; ticketId?: string; reason?: string };

/** Runs one inbound job. */
export async function processInbound(
  deps: ProcessDeps,
  input: ProcessInput,
): Promise<ProcessOutcome> {
  const [row] = await deps.db.withTenant(input.tenantId, (tx) =>
    tx
      .update(inboundEmails)
      .set({ attempts: sql`${inboundEmails.attempts} + 1` })
      .where(and(eq(inboundEmails.id, input.inboundEmailId), eq(inboundEmails.status, "received")))
      .returning(),
  );
  if (!row) return { status: "processed", reason: "not waiting (already filed, or discarded)" };
  const raw = await deps.storage.get(row.storageKey);
  if (!raw) {
    await quarantine(deps, input, "The stored message is missing from storage.");
    return { status: "quarantined" };
  }
  let mail: ParsedMail;
  try {
    mail = await parseMail(raw);
  } catch (error) {
    if (!(error instanceof MimeError)) throw error;
    await quarantine(deps, input, `The message could not be read: ${error.message}`);
    return { status: "quarantined" };
  }
  const messageId =
    mail.messageId ??
    `${new Bun.CryptoHasher("sha256").update(raw).digest("hex")}@no-message-id.invalid`;
  try {
    const stored = await storeAttachments(deps, input, mail);
    const filed = await deps.db.withTenant(input.tenantId, async (tx) => {
      // Two deliveries of one job (a worker killed mid-way, a stalled lock) meet here: the row
      // lock lets one file the message; the other finds it filed and leaves everything alone.
      const [locked] = await tx
        .select({ status: inboundEmails.status })
        .from(inboundEmails)
        .where(eq(inboundEmails.id, row.id))
        .for("update");
      if (locked?.status !== "received") return { status: "skipped" as const };
      const result = await fileInbound(tx, {
        tenantId: input.tenantId,
        row,
        mail,
        messageId,
        inboundDomain: deps.inboundDomain,
        replyCode: parseRecipient(row.recipient, deps.inboundDomain)?.code ?? null,
        stored,
      });
      await tx
        .update(inboundEmails)
        .set({
          status: result.status,
          reason: "reason" in result ? result.reason : null,
          messageId,
          fromAddress: mail.from?.address ?? null,
          subject: mail.subject.slice(0, 300),
          ticketId: result.status === "processed" ? result.ticketId : null,
          ticketMessageId: result.status === "processed" ? result.messageId : null,
          processedAt: sql`now()`,
        })
        .where(eq(inboundEmails.id, row.id));
      return result;
    });
    if (filed.status === "skipped") return { status: "processed", reason: "filed by another run" };
    if (filed.status !== "processed") {
      // Nothing refers to them: a duplicate's, an ignored message's or a bounce's files go.
      await Promise.all(stored.map((a) => deps.storage.delete(a.storageKey)));
      return { status: filed.status, reason: filed.reason };
    }
    return { status: "processed", ticketId: filed.ticketId };
  } catch (error) {
    if (input.lastAttempt) {
      await quarantine(deps, input, `Filing failed: ${(error as Error).message}`);
      return { status: "quarantined" };
    }
    // Let the job retry; the row stays `received` (its status update rolled back with the rest).
    throw error;
  }
}
