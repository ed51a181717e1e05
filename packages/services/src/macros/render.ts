// Filling a canned reply's placeholders (`{{customer.name}}`, `{{ ticket.number }}`) with values.
import { MACRO_PLACEHOLDERS, type MacroPlaceholder } from "@supportdesk/domain";

/** A placeholder as written: double braces round a dotted name, spaces inside the braces allowed. */
const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\s*\}\}/g;

/** What each known placeholder becomes; a missing one becomes an empty string. */
export type MacroValues = Partial<Record<MacroPlaceholder, string | number | null | undefined>>;

const isPlaceholder = (key: string): key is MacroPlaceholder =>
  Object.hasOwn(MACRO_PLACEHOLDERS, key);

/**
 * The body with every known placeholder replaced by its value (missing values become empty
 * strings); unknown placeholders are left exactly as written, so a typo shows instead of vanishing.
 *
 * @example
 * renderMacro("Hi {{ customer.firstName }}, re #{{ticket.number}} {{oops}}", {
 *   "customer.firstName": "Ada",
 *   "ticket.number": 42,
 * }); // "Hi Ada, re #42 {{oops}}"
 */
export function renderMacro(body: string, values: MacroValues): string {
  return body.replace(PLACEHOLDER, (written, key: string) =>
    isPlaceholder(key) ? String(values[key] ?? "") : written,
  );
}

/** The placeholders a body uses that are not known (shown as written when it is applied). */
export function unknownPlaceholders(body: string): string[] {
  const unknown = [...body.matchAll(PLACEHOLDER)]
    .map((match) => match[1] ?? "")
    .filter((key) => !isPlaceholder(key));
  return [...new Set(unknown)];
}

/** A person's first name: the first word of their name ("" for none). */
export function firstName(name: string | null | undefined): string {
  return name?.trim().split(/\s+/)[0] ?? "";
}
