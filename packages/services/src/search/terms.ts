// Turning what an agent types into a PostgreSQL text query: words (letters and digits of any
// script), lower-cased, each matching as a prefix, all of them required.

/** At most this many words count; the rest of a pasted paragraph is ignored. */
export const MAX_TERMS = 8;

/**
 * The distinct words of `q`, lower-cased, in order, at most MAX_TERMS. Only letters and digits
 * survive, so a term can never carry tsquery syntax.
 *
 * @example
 * searchTerms("Refund, invoice #42!") // ["refund", "invoice", "42"]
 */
export function searchTerms(q: string): string[] {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/** One term as a prefix tsquery ("refund" → "refund:*"), for `to_tsquery('simple', …)`. */
export const prefixQuery = (term: string): string => `${term}:*`;

/** Every term as a prefix, ANDed; null when `q` holds no word. */
export function allTermsQuery(q: string): string | null {
  const terms = searchTerms(q);
  return terms.length ? terms.map(prefixQuery).join(" & ") : null;
}

/** Every term as a prefix, ORed (for ranking and highlighting); null when `q` holds no word. */
export function anyTermQuery(q: string): string | null {
  const terms = searchTerms(q);
  return terms.length ? terms.map(prefixQuery).join(" | ") : null;
}

/** A ticket number typed as "42" or "#42". */
export function ticketNumberOf(q: string): number | undefined {
  const match = /^#?(\d{1,9})$/.exec(q.trim());
  return match ? Number(match[1]) : undefined;
}
