// Words for an emailed message: its addresses ("Casey Lee <casey@example.com>"), the one-line
// envelope under its header, file sizes, and which attachments may show as pictures.
import type { ThreadMessage } from "./shared";

export type MessageEmail = NonNullable<ThreadMessage["email"]>;
export type Attachment = ThreadMessage["attachments"][number];
export type Address = { address: string; name?: string | null | undefined };

/**
 * The image types the server's file links show inline (`@supportdesk/mime`'s SAFE_IMAGE_TYPES);
 * any other file downloads, so only these can be thumbnails.
 */
export const SAFE_IMAGE_TYPES: ReadonlySet<string> = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
]);

/** "Casey Lee <casey@example.com>", or the bare address when there is no name (or it is the address). */
export function formatAddress({ address, name }: Address): string {
  const shown = (name ?? "").trim();
  if (!shown || shown.toLowerCase() === address.toLowerCase()) return address;
  return `${shown} <${address}>`;
}

/** Addresses joined with commas; "" for none. */
export function addressList(addresses: readonly Address[]): string {
  return addresses.map(formatAddress).join(", ");
}

/** The envelope in parts, for "From … · To … · Cc …" (parts with no one in them are left out). */
export function envelopeParts(email: Pick<MessageEmail, "from" | "to" | "cc">) {
  const parts: { label: "From" | "To" | "Cc"; text: string }[] = [
    { label: "From", text: formatAddress(email.from) },
    { label: "To", text: addressList(email.to) },
    { label: "Cc", text: addressList(email.cc) },
  ];
  return parts.filter((part) => part.text !== "");
}

/** "From Casey <casey@example.com> · To help@acme.test · Cc bo@example.com" in one line. */
export function envelopeLine(email: Pick<MessageEmail, "from" | "to" | "cc">): string {
  return envelopeParts(email)
    .map((part) => `${part.label} ${part.text}`)
    .join(" · ");
}

const UNITS = ["KB", "MB", "GB", "TB"] as const;

/** A size in words: "1 byte", "512 bytes", "1.5 KB", "24 KB", "3.2 MB" (units of 1024). */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "";
  if (bytes < 1024) return bytes === 1 ? "1 byte" : `${Math.round(bytes)} bytes`;
  let value = bytes;
  let unit = -1;
  do {
    value /= 1024;
    unit++;
  } while (value >= 1024 && unit < UNITS.length - 1);
  // One decimal while it says something (1.5 KB), none once the number is large (24 KB).
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  // 1023.96 KB rounds up to "1024 KB": say "1 MB" instead.
  if (rounded >= 1024 && unit < UNITS.length - 1) return `1 ${UNITS[unit + 1]}`;
  return `${rounded} ${UNITS[unit]}`;
}

/** The media type without parameters, lower-cased ("Image/PNG; name=a.png" → "image/png"). */
export function baseType(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

/** Whether an attachment shows as a thumbnail: an image type the file link serves inline. */
export function isThumbnail(attachment: Pick<Attachment, "contentType">): boolean {
  return SAFE_IMAGE_TYPES.has(baseType(attachment.contentType));
}

/** The attachments split into thumbnails and other files, each kept in the message's order. */
export function splitAttachments<T extends Pick<Attachment, "contentType">>(
  attachments: readonly T[],
): { images: T[]; files: T[] } {
  return {
    images: attachments.filter(isThumbnail),
    files: attachments.filter((a) => !isThumbnail(a)),
  };
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/**
 * The warning for a customer whose address bounces (`customers.get`'s `bouncingAt`, `bounceReason`):
 * the address, when mail last bounced and why; null while mail to it gets through.
 */
export function bounceNotice(
  customer: { email: string; bouncingAt: string | Date | null; bounceReason: string | null },
  formatDate: (date: Date) => string = (date) => dateFormat.format(date),
): string | null {
  if (!customer.bouncingAt) return null;
  const when = new Date(customer.bouncingAt);
  const since = Number.isNaN(when.getTime()) ? "" : ` (last on ${formatDate(when)})`;
  const reason = customer.bounceReason?.trim().replace(/[.\s]+$/, "");
  return `Email to ${customer.email} is bouncing${since}${reason ? `: ${reason}.` : "."} Replies may not reach this customer.`;
}
