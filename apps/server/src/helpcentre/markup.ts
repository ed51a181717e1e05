// Escaping HTML templates (Hono's `html` helper), kept synchronous: no view ever awaits.
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

export type Markup = HtmlEscapedString;

/**
 * `h\`<p>${text}</p>\``: every interpolated string is escaped, nested `h` results and `trusted`
 * values are inserted as they are, arrays are joined, and null/undefined/false render nothing.
 */
export function h(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  const out = html(strings, ...values);
  // Only a Promise among the values makes it async, and views never pass one.
  if (out instanceof Promise) throw new Error("h`…`: a view passed a Promise");
  return out;
}

/** HTML that is already safe: the sanitiser's output of @supportdesk/content, or our own. */
export const trusted = (safeHtml: string): Markup => raw(safeHtml);
