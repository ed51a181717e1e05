// Files on tickets' messages: their metadata for the thread, and where one is for a download link
// (the router signs it). Reading a file needs `ticket.read`, like reading the ticket.
import { attachments, eq } from "@supportdesk/database";
import { authorize, type TenantScope } from "./context";
import { notFound } from "./errors";

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
