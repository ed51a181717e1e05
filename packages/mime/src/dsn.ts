// Delivery status notifications (RFC 3464): which address failed, and why. A bounce marks the
// customer's address as bouncing instead of opening a ticket.

export type DeliveryReport = {
  /** Permanently failed recipients (status 5.x.x), lower-cased, with the server's words. */
  failed: { address: string; status: string; diagnostic: string }[];
};

type Part = { contentType: string; content: Uint8Array };

/**
 * The failures a `multipart/report; report-type=delivery-status` message reports, or null when it
 * is not one. Transient (4.x.x) failures are not failures yet.
 */
export function deliveryReportOf(
  headers: Record<string, string>,
  attachments: readonly Part[],
): DeliveryReport | null {
  const type = (headers["content-type"] ?? "").toLowerCase();
  const status = attachments.find((a) => a.contentType === "message/delivery-status");
  if (!type.startsWith("multipart/report") || !status) return null;
  const text = new TextDecoder().decode(status.content).replace(/\r\n/g, "\n");
  const failed: DeliveryReport["failed"] = [];
  // Per-recipient blocks are separated by blank lines; the first block is per-message.
  for (const folded of text.split(/\n\s*\n/)) {
    // Fields may be folded over several lines (a long Diagnostic-Code): unfold them first.
    const block = folded.replace(/\n[ \t]+/g, " ");
    const field = (name: string) =>
      new RegExp(`^${name}:\\s*(?:[^;\\n]*;\\s*)?(.+)$`, "im").exec(block)?.[1]?.trim() ?? "";
    const address = field("Final-Recipient") || field("Original-Recipient");
    const code = /^Status:\s*(\d\.\d{1,3}\.\d{1,3})/im.exec(block)?.[1] ?? "";
    if (address.includes("@") && code.startsWith("5")) {
      failed.push({
        address: address.toLowerCase().replace(/^<|>$/g, ""),
        status: code,
        diagnostic: field("Diagnostic-Code").slice(0, 500),
      });
    }
  }
  return { failed };
}
