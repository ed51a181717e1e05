// Test support: an email received and filed by a tenant, and a file on one of its tickets, made the
// way the email channel makes them (stored, recorded, filed), for the matrices' inputs.
import { attachments, eq, messages } from "@supportdesk/database";
import { email } from "@supportdesk/services";
import { tenantKey } from "@supportdesk/storage";
import type { TrpcDeps } from "./context";

/** A received email (waiting to be filed) and an attachment on the ticket's first message. */
export async function fileFixtures(
  deps: TrpcDeps,
  tenantId: string,
  ticketId: string,
  label: string,
): Promise<{ inboundEmailId: string; attachmentId: string; emailMessageId: string }> {
  const raw = new TextEncoder().encode(
    `From: Ada <ada@example.com>\r\nTo: x@${deps.settings.inboundDomain}\r\nSubject: ${label}\r\n\r\nHello\r\n`,
  );
  const { id: inboundEmailId } = await email.recordInbound(
    { db: deps.db, storage: deps.files.storage },
    {
      tenantId,
      envelopeFrom: "ada@example.com",
      recipient: `x@${deps.settings.inboundDomain}`,
      raw,
    },
  );
  // Filed as the worker would: a ticket opened by the email, whose message keeps its original.
  const filed = await email.processInbound(
    { db: deps.db, storage: deps.files.storage, inboundDomain: deps.settings.inboundDomain },
    { tenantId, inboundEmailId, lastAttempt: false },
  );
  const [emailMessage] = await deps.db.withTenant(tenantId, (tx) =>
    tx
      .select({ id: messages.id })
      .from(messages)
      .where(eq(messages.ticketId, filed.ticketId ?? "")),
  );
  if (!emailMessage) throw new Error(`the fixture email was not filed: ${JSON.stringify(filed)}`);
  const storageKey = tenantKey(tenantId, "attachments", `fixture-${crypto.randomUUID()}`);
  await deps.files.storage.put(storageKey, new TextEncoder().encode(label), "text/plain");
  const attachmentId = await deps.db.withTenant(tenantId, async (tx) => {
    const [first] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(eq(messages.ticketId, ticketId))
      .limit(1);
    const [row] = await tx
      .insert(attachments)
      .values({
        ticketId,
        messageId: first?.id ?? null,
        filename: `${label}.txt`,
        contentType: "text/plain",
        size: label.length,
        storageKey,
      })
      .returning({ id: attachments.id });
    if (!row) throw new Error("attachment insert returned nothing");
    return row.id;
  });
  return { inboundEmailId, attachmentId, emailMessageId: emailMessage.id };
}
