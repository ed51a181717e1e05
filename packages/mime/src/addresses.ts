// Addresses and identifiers as inbound mail uses them: which tenant (and ticket) a recipient
// names, Message-IDs without their brackets, a ticket number in a subject.

export type Recipient = { slug: string; code: string | null };

const LOCAL = /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\+([a-z0-9]{6,40}))?$/;

/**
 * The tenant slug (and per-ticket reply code) an address names on our inbound domain:
 * `acme@mail.example` → `{ slug: "acme", code: null }`, `acme+k3x9…@mail.example` → with the
 * code; anything else (another domain, a malformed local part) → null. Case does not matter.
 */
export function parseRecipient(address: string, inboundDomain: string): Recipient | null {
  const at = address.lastIndexOf("@");
  if (at <= 0) return null;
  const domain = address.slice(at + 1).toLowerCase();
  if (domain !== inboundDomain.toLowerCase()) return null;
  const match = LOCAL.exec(address.slice(0, at).toLowerCase());
  if (!match?.[1]) return null;
  return { slug: match[1], code: match[2] ?? null };
}

/** A Message-ID without its angle brackets and spaces; null when there is nothing in it. */
export function normaliseMessageId(value: string | undefined | null): string | null {
  const id = (value ?? "")
    .trim()
    .replace(/^<+|>+$/g, "")
    .trim();
  return id && id.length <= 998 && !/\s/.test(id) ? id : null;
}

/** Every Message-ID in a References / In-Reply-To value (one string or several). */
export function messageIdsIn(value: string | string[] | undefined | null): string[] {
  const all = (Array.isArray(value) ? value : [value ?? ""]).join(" ");
  const ids = all.match(/<[^<>\s]+>/g) ?? all.split(/\s+/);
  return [...new Set(ids.map(normaliseMessageId).filter((id): id is string => id !== null))];
}

/** The ticket number a subject carries as `[#123]` (the last one), or null. */
export function ticketNumberIn(subject: string): number | null {
  const all = [...subject.matchAll(/\[#(\d{1,9})\]/g)];
  const last = all.at(-1)?.[1];
  return last ? Number(last) : null;
}

/** A subject without reply and forward prefixes (`Re:`, `AW:`, `Fwd:` …), for a new ticket. */
export function cleanSubject(subject: string): string {
  let out = subject.trim();
  for (;;) {
    const next = out.replace(/^(?:re|aw|sv|vs|antw|fwd?|wg|tr)\s*(?:\[\d+\])?\s*:\s*/i, "");
    if (next === out) break;
    out = next;
  }
  return out.replace(/\s+/g, " ").slice(0, 300) || "(no subject)";
}
