// A raw message (RFC 5322 / MIME) turned into what the desk needs, by mailparser: addresses
// lower-cased, Message-IDs without brackets, the plain text (from the HTML when there is no text
// part), attachments with their type sniffed from the bytes, and a delivery report when it is one.
import { type AddressObject, simpleParser } from "mailparser";
import { messageIdsIn, normaliseMessageId } from "./addresses";
import { type DeliveryReport, deliveryReportOf } from "./dsn";
import { sniffType } from "./sniff";

export type Address = { address: string; name: string };

export type ParsedAttachment = {
  filename: string;
  /** Sniffed from the bytes; the sender's claim only when the bytes say nothing. */
  contentType: string;
  size: number;
  content: Uint8Array;
  /** For inline images named by `cid:` in the HTML. */
  contentId: string | null;
  inline: boolean;
};

export type ParsedMail = {
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  from: Address | null;
  replyTo: Address | null;
  to: Address[];
  cc: Address[];
  subject: string;
  date: Date | null;
  /** The message as plain text (the text part, or the HTML's text). */
  text: string;
  html: string | null;
  /** The headers a desk decides on, lower-case names, first value. */
  headers: Record<string, string>;
  attachments: ParsedAttachment[];
  /** Set when the message is a delivery status notification (a bounce). */
  report: DeliveryReport | null;
};

export class MimeError extends Error {
  override name = "MimeError";
}

const KEPT_HEADERS = [
  "auto-submitted",
  "precedence",
  "x-autoreply",
  "x-autorespond",
  "x-failed-recipients",
  "list-id",
  "content-type",
  "thread-index",
  // Where a forwarded message was first addressed (the tenant's own address, forwarded to ours).
  "delivered-to",
  "x-forwarded-to",
  "x-original-to",
];

function addresses(value: AddressObject | AddressObject[] | undefined): Address[] {
  const objects = Array.isArray(value) ? value : value ? [value] : [];
  const out: Address[] = [];
  for (const entry of objects.flatMap((o) => o.value)) {
    for (const one of entry.group ?? [entry]) {
      const address = one.address?.trim().toLowerCase();
      if (address?.includes("@"))
        out.push({ address, name: (one.name ?? "").trim().slice(0, 200) });
    }
  }
  return out;
}

/** A file name without path separators or control characters, at most 200 characters. */
function safeFilename(name: string): string {
  const out = Array.from(name, (c) => (c === "/" || c === "\\" || c.charCodeAt(0) < 32 ? "_" : c));
  return out.join("").trim().slice(0, 200) || "attachment";
}

/** The Date header when it parses; mailparser would put "now" for one that does not. */
function dateOf(mail: Awaited<ReturnType<typeof simpleParser>>): Date | null {
  const line = mail.headerLines.find((h) => h.key === "date")?.line.replace(/^date:\s*/i, "");
  return line && !Number.isNaN(Date.parse(line)) ? (mail.date ?? null) : null;
}

function headerText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return headerText(value[0]);
  if (value && typeof value === "object" && "value" in value) {
    const v = value as { value: unknown; params?: Record<string, string> };
    const params = Object.entries(v.params ?? {}).map(([k, p]) => `; ${k}=${p}`);
    return `${String(v.value)}${params.join("")}`;
  }
  return value instanceof Date ? value.toISOString() : "";
}

/**
 * Parses a raw message. Lenient, as mail is: a missing header is an empty value, not an error.
 *
 * @throws MimeError when the bytes are not a message at all (no header block)
 */
export async function parseMail(raw: Uint8Array): Promise<ParsedMail> {
  const buffer = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const head = buffer.subarray(0, 4096).toString("latin1");
  if (!/^[\x21-\x39\x3b-\x7e]+:/m.test(head)) throw new MimeError("no message header found");
  let mail: Awaited<ReturnType<typeof simpleParser>>;
  try {
    // keepDeliveryStatus: a bounce's message/delivery-status part stays a part (dsn.ts reads it).
    mail = await simpleParser(buffer, {
      skipImageLinks: true,
      keepDeliveryStatus: true,
      maxHtmlLengthToParse: 2_000_000,
    });
  } catch (error) {
    throw new MimeError(`the message could not be parsed: ${(error as Error).message}`);
  }
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = mail.headers.get(name);
    if (value !== undefined) headers[name] = headerText(value).slice(0, 1000);
  }
  // mailparser gathers the List-* headers under "list".
  const list = mail.headers.get("list") as { id?: { id?: string } } | undefined;
  if (list?.id?.id) headers["list-id"] = list.id.id.slice(0, 1000);
  const attachments: ParsedAttachment[] = [];
  for (const [index, a] of mail.attachments.entries()) {
    const content = new Uint8Array(a.content);
    attachments.push({
      filename: safeFilename(a.filename ?? `attachment-${index + 1}`),
      contentType: await sniffType(content, a.contentType),
      size: content.byteLength,
      content,
      contentId: normaliseMessageId(a.contentId ?? a.cid ?? null),
      inline: a.contentDisposition === "inline" || Boolean(a.related),
    });
  }
  const from = addresses(mail.from)[0] ?? null;
  return {
    messageId: normaliseMessageId(mail.messageId),
    inReplyTo: messageIdsIn(mail.inReplyTo),
    references: messageIdsIn(mail.references),
    from,
    replyTo: addresses(mail.replyTo)[0] ?? null,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    subject: (mail.subject ?? "").replace(/\s+/g, " ").trim().slice(0, 998),
    date: dateOf(mail),
    text: (mail.text ?? "").replace(/\r\n/g, "\n"),
    html: typeof mail.html === "string" ? mail.html : null,
    headers,
    attachments,
    report: deliveryReportOf(headers, attachments),
  };
}
