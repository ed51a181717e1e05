// The people copied on a ticket's replies, as the sidebar edits them: what was typed becomes an
// entry (checked as the server checks it), adding twice or past the limit is refused, and the
// list is sent whole (`tickets.updateCcs` replaces it).
import type { RouterInputs } from "@supportdesk/trpc";
import type { TicketDetail } from "./shared";

export type Cc = TicketDetail["ccs"][number];
export type CcsInput = RouterInputs["tickets"]["updateCcs"]["ccs"];

/** The server's limits (`tickets.updateCcs`). */
export const MAX_CCS = 50;
export const MAX_EMAIL_LENGTH = 254;
export const MAX_NAME_LENGTH = 200;

/** zod 4's `z.email()` pattern, which the server applies: what passes here passes there. */
export const EMAIL_PATTERN =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export function isEmailAddress(text: string): boolean {
  return text.length <= MAX_EMAIL_LENGTH && EMAIL_PATTERN.test(text);
}

/**
 * What was typed, as an entry: "bo@example.com" or "Bo Diaz <bo@example.com>" (quotes around the
 * name are dropped); the address lower-cased as the server keeps it. A problem in words otherwise.
 */
export function parseCc(typed: string): { cc: Cc } | { problem: string } {
  const text = typed.trim();
  if (!text) return { problem: "Type an email address." };
  const named = /^(.*)<([^<>]*)>$/.exec(text);
  const name = (named?.[1] ?? "")
    .trim()
    .replace(/^"(.*)"$/, "$1")
    .trim();
  const email = (named?.[2] ?? text).trim().toLowerCase();
  if (!isEmailAddress(email)) return { problem: `“${email || text}” is not an email address.` };
  if (name.length > MAX_NAME_LENGTH) {
    return { problem: `The name may be at most ${MAX_NAME_LENGTH} characters.` };
  }
  return { cc: { email, name } };
}

/** The list with what was typed added at the end, or why it cannot be. */
export function addCc(ccs: readonly Cc[], typed: string): { ccs: Cc[] } | { problem: string } {
  const parsed = parseCc(typed);
  if ("problem" in parsed) return parsed;
  if (ccs.some((c) => c.email.toLowerCase() === parsed.cc.email)) {
    return { problem: `${parsed.cc.email} is already copied.` };
  }
  if (ccs.length >= MAX_CCS) return { problem: `At most ${MAX_CCS} people can be copied.` };
  return { ccs: [...ccs, parsed.cc] };
}

/** The list without `email` (any case). */
export function removeCc(ccs: readonly Cc[], email: string): Cc[] {
  const gone = email.toLowerCase();
  return ccs.filter((c) => c.email.toLowerCase() !== gone);
}

/** What `tickets.updateCcs` takes: names only where there is one. */
export function toCcsInput(ccs: readonly Cc[]): CcsInput {
  return ccs.map((c) =>
    c.name.trim() ? { email: c.email, name: c.name.trim() } : { email: c.email },
  );
}
