// PUT /uploads/<token>: an agent's file for a reply, written by the signed link
// `attachments.createUpload` gave (it names the tenant, ticket, attachment id and size limit).
// The type is sniffed from the bytes; the file waits on the ticket until a reply claims it.
import { sniffType } from "@supportdesk/mime";
import { attachments } from "@supportdesk/services";
import { verifyUploadLink } from "@supportdesk/storage";
import type { TrpcDeps } from "@supportdesk/trpc";
import type { Context } from "hono";

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

export async function receiveUpload(deps: TrpcDeps, c: Context): Promise<Response> {
  const claims = verifyUploadLink(deps.files.linkKey, c.req.param("token") ?? "");
  if (!claims)
    return json(404, { error: { message: "This upload link has expired or does not exist." } });
  // A link writes once: a file already uploaded (perhaps sent) is never replaced through it.
  const used = await deps.db.withTenant(claims.tenantId, (tx) =>
    attachments.attachmentExists(tx, claims.attachmentId),
  );
  if (used) return json(409, { error: { message: "This file was uploaded already." } });
  const tooBig = () =>
    json(413, { error: { message: `file: a file may be at most ${claims.maxBytes} bytes.` } });
  if (Number(c.req.header("content-length") ?? "0") > claims.maxBytes) return tooBig();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of c.req.raw.body ?? []) {
    size += chunk.byteLength;
    if (size > claims.maxBytes) {
      await c.req.raw.body?.cancel().catch(() => {});
      return tooBig();
    }
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(Buffer.concat(chunks));
  const contentType = await sniffType(bytes, c.req.header("content-type"));
  await deps.files.storage.put(claims.key, bytes, contentType);
  const row = await deps.db.withTenant(claims.tenantId, (tx) =>
    attachments.recordUpload(tx, {
      attachmentId: claims.attachmentId,
      ticketId: claims.ticketId,
      filename: claims.filename,
      contentType,
      size: bytes.byteLength,
      storageKey: claims.key,
    }),
  );
  return json(201, { id: row.id, filename: claims.filename, contentType, size: bytes.byteLength });
}
