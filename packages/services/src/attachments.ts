// Files on tickets' messages: where one is for a download link (the router signs it), and an
// agent's upload — asked for on a ticket (`ticket.reply`), written by a signed link, then claimed
// by the reply that sends it (`tickets.addMessage` with `attachmentIds`).
import { and, attachments, eq, inArray, isNull, type TenantDb } from "@supportdesk/database";
import { tenantKey } from "@supportdesk/storage";
import { authorize, type TenantScope } from "./context";
import { AppError, notFound } from "./errors";
import { findTicket } from "./ticket-list";

/** At most this many files on one message, and this many bytes together. */
export const MAX_FILES_PER_MESSAGE = 10;
export const MAX_BYTES_PER_MESSAGE = 25 * 1024 * 1024;

export async function attachmentOf(scope: TenantScope, input: { id: string }) {
  authorize(scope, "ticket.read");
  const [row] = await scope.tx
    .select({
      storageKey: attachments.storageKey,
      filename: attachments.filename,
      contentType: attachments.contentType,
    })
    .from(attachments)
    .where(eq(attachments.id, input.id));
  if (!row) throw notFound("Attachment");
  return row;
}

/** A file name as stored: no path separators or control characters, at most 200 characters. */
export function cleanFilename(name: string): string {
  const out = Array.from(name.trim(), (c) =>
    c === "/" || c === "\\" || c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? "_" : c,
  );
  return out.join("").slice(0, 200) || "file";
}

/**
 * Reserves an upload of one file to a ticket (an agent attaching it to a reply): where it will be
 * stored and under which attachment id. The router turns it into a signed upload link.
 */
export async function startUpload(
  scope: TenantScope,
  input: { ticketId: string; filename: string; size: number; maxBytes: number },
) {
  authorize(scope, "ticket.reply");
  await findTicket(scope, input.ticketId);
  if (input.size > input.maxBytes) {
    throw new AppError("BAD_REQUEST", `size: a file may be at most ${input.maxBytes} bytes.`, {
      field: "size",
    });
  }
  const attachmentId = Bun.randomUUIDv7();
  return {
    attachmentId,
    ticketId: input.ticketId,
    filename: cleanFilename(input.filename),
    storageKey: tenantKey(scope.tenantId, "attachments", attachmentId),
  };
}

/** Whether an attachment with this id exists (an upload link writes once). */
export async function attachmentExists(tx: TenantDb, id: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: attachments.id })
    .from(attachments)
    .where(eq(attachments.id, id));
  return row !== undefined;
}

/**
 * Records an uploaded file on its ticket, not yet on a message. No permission here: the signed
 * upload link, minted by `startUpload` after its check, is the capability. Idempotent by id.
 */
export async function recordUpload(
  tx: TenantDb,
  input: {
    attachmentId: string;
    ticketId: string;
    filename: string;
    contentType: string;
    size: number;
    storageKey: string;
  },
) {
  const [row] = await tx
    .insert(attachments)
    .values({
      id: input.attachmentId,
      ticketId: input.ticketId,
      filename: input.filename,
      contentType: input.contentType,
      size: input.size,
      storageKey: input.storageKey,
    })
    .onConflictDoNothing()
    .returning({ id: attachments.id });
  return row ?? { id: input.attachmentId };
}

/**
 * Puts uploaded files on a new message: each must be on this ticket and on no message yet.
 * BAD_REQUEST (field `attachmentIds`) when one is not, or the message would hold too much.
 */
export async function claimUploads(
  tx: TenantDb,
  input: { ticketId: string; messageId: string; attachmentIds: string[] },
): Promise<void> {
  const ids = [...new Set(input.attachmentIds)];
  if (ids.length === 0) return;
  if (ids.length > MAX_FILES_PER_MESSAGE) {
    throw new AppError("BAD_REQUEST", `attachmentIds: at most ${MAX_FILES_PER_MESSAGE} files.`, {
      field: "attachmentIds",
    });
  }
  const claimed = await tx
    .update(attachments)
    .set({ messageId: input.messageId })
    .where(
      and(
        inArray(attachments.id, ids),
        eq(attachments.ticketId, input.ticketId),
        isNull(attachments.messageId),
      ),
    )
    .returning({ size: attachments.size });
  if (claimed.length !== ids.length) {
    throw new AppError(
      "BAD_REQUEST",
      "attachmentIds: a file is not an upload to this ticket, or was sent already.",
      { field: "attachmentIds" },
    );
  }
  const total = claimed.reduce((sum, a) => sum + a.size, 0);
  if (total > MAX_BYTES_PER_MESSAGE) {
    throw new AppError(
      "BAD_REQUEST",
      `attachmentIds: the files together may be at most ${MAX_BYTES_PER_MESSAGE} bytes.`,
      { field: "attachmentIds" },
    );
  }
}
