// Cutting plain text to a teaser length without splitting a word.

const ELLIPSIS = "…";

/**
 * At most `max` characters (ellipsis included): the text itself when it fits, otherwise the words
 * that fit followed by "…". A single word longer than `max` is cut mid-word rather than dropped.
 */
export function truncateAtWord(text: string, max: number): string {
  const limit = Math.max(1, Math.floor(max));
  if (text.length <= limit) return text;
  const room = limit - ELLIPSIS.length;
  // Looking one character past the room finds a space that sits exactly at the cut.
  const window = text.slice(0, room + 1);
  const lastSpace = window.lastIndexOf(" ");
  const head = lastSpace > 0 ? window.slice(0, lastSpace) : text.slice(0, room);
  // A dangling comma or dash before the ellipsis reads like a typo: "password…", not "password,…".
  return `${head.replace(/[\s,;:.!?\-–—]+$/u, "")}${ELLIPSIS}`;
}
