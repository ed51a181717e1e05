// Heading ids: stable, de-duplicated slugs that cannot clobber DOM globals.

/** Every heading id starts with this, so `id="h-location"` never shadows `window.location`. */
export const HEADING_ID_PREFIX = "h-";

const MAX_SLUG_LENGTH = 64;

/**
 * The slug of a heading's text: lower-case letters (with their marks) and digits of any script, words joined by "-".
 * Latin diacritics are folded ("Café" → "cafe") so links survive copy-paste; text with no letters or
 * digits at all becomes "section".
 */
export function slugOf(text: string): string {
  const words = text
    .normalize("NFKD")
    // Only Latin accents go: a mark on kana or Devanagari changes the letter itself ("プ" ≠ "フ").
    .replace(/(\p{Script=Latin})\p{M}+/gu, "$1")
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, "-");
  // Cut by code point so a character outside the BMP is never split in half.
  const slug = Array.from(words)
    .slice(0, MAX_SLUG_LENGTH)
    .join("")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? "section" : slug;
}

/**
 * Hands out prefixed ids in document order; a repeated slug gets -2, -3, … and a suffixed id that
 * is itself taken (a heading literally titled "Setup 2") keeps counting until it is free.
 */
export function createIdAllocator(): (text: string) => string {
  const taken = new Set<string>();
  return (text) => {
    const base = `${HEADING_ID_PREFIX}${slugOf(text)}`;
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  };
}
