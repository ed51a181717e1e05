// POST /inbound/email: an email provider's inbound webhook, for deployments that receive mail
// through a provider instead of our SMTP receiver. The body is the raw message; the recipient is
// `?to=` (and the envelope sender `?from=`); the body is signed (`X-SupportDesk-Signature: sha256=<hex HMAC-SHA256>`) with
// INBOUND_WEBHOOK_SECRET, checked in constant time. The same path as SMTP follows: stored, recorded
// with its job, then 202.
import { createHmac, timingSafeEqual } from "node:crypto";
import { email } from "@supportdesk/services";
import type { TrpcDeps } from "@supportdesk/trpc";
import type { Context } from "hono";

export type InboundWebhookOptions = { secret: string; maxBytes: number };

const problem = (status: number, message: string) =>
  new Response(JSON.stringify({ error: { message } }), {
    status,
    headers: { "content-type": "application/json" },
  });

function signed(secret: string, body: Uint8Array, header: string | undefined): boolean {
  const given = /^sha256=([0-9a-f]{64})$/i.exec(header ?? "")?.[1]?.toLowerCase();
  if (!given) return false;
  const expected = createHmac("sha256", secret).update(body).digest("hex");
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}

/** The address of the message's From header (in its header block), or "". */
function headerFrom(raw: Uint8Array): string {
  const head = new TextDecoder().decode(raw.subarray(0, 16 * 1024)).split(/\r?\n\r?\n/)[0] ?? "";
  const line = /^from:(.*(?:\r?\n[ \t].*)*)/im.exec(head)?.[1] ?? "";
  return /<?([^\s<>"@]+@[^\s<>"@]+)>?/.exec(line)?.[1]?.toLowerCase() ?? "";
}

/** Reads at most `max` bytes of the body; null once it is larger. */
async function readCapped(request: Request, max: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size > max) {
      await request.body.cancel().catch(() => {});
      return null;
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

export async function receiveWebhook(
  deps: TrpcDeps,
  options: InboundWebhookOptions,
  c: Context,
): Promise<Response> {
  const to = c.req.query("to") ?? "";
  if (!to || to.length > 320) return problem(400, "to: the recipient address is required (?to=).");
  if (Number(c.req.header("content-length") ?? "0") > options.maxBytes) {
    return problem(413, `The message is larger than ${options.maxBytes} bytes.`);
  }
  const raw = await readCapped(c.req.raw, options.maxBytes);
  if (raw === null) return problem(413, `The message is larger than ${options.maxBytes} bytes.`);
  if (!signed(options.secret, raw, c.req.header("x-supportdesk-signature"))) {
    return problem(401, "X-SupportDesk-Signature does not match the body.");
  }
  if (raw.byteLength === 0) return problem(400, "body: the raw message is empty.");
  const target = await email.resolveRecipient(deps.db, to, deps.settings.inboundDomain);
  if (!target) return problem(404, "to: no such mailbox here.");
  // The envelope sender, as SMTP's MAIL FROM (`?from=`, empty for a bounce); providers that do
  // not pass it get the message's From address.
  const from = c.req.query("from") ?? headerFrom(raw);
  const { id } = await email.recordInbound(
    { db: deps.db, storage: deps.files.storage },
    { tenantId: target.tenantId, envelopeFrom: from.slice(0, 320), recipient: to, raw },
  );
  return new Response(JSON.stringify({ id }), {
    status: 202,
    headers: { "content-type": "application/json" },
  });
}
