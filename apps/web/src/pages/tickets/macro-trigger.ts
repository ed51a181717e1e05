// The reply box's canned-reply trigger, as pure functions: finding a `/query` typed at the caret
// (at the start of a line or after a space), choosing which canned replies it offers, moving
// through them, and putting the chosen text in place of the query (and taking it back out).

/** A `/query` before the caret: `start` is the slash, `end` the caret, `query` what follows `/`. */
export type Trigger = { start: number; end: number; query: string };

/** How much may follow the slash before it is just text (names are at most 100 characters). */
export const MAX_QUERY = 100;
/** How many canned replies the list offers at once. */
export const MAX_OPTIONS = 8;

/**
 * The `/query` the caret is in, or null: a slash at the start of the text or of a line, or after
 * whitespace, followed by no line break (a name may hold spaces) and not by a space at once.
 *
 * @example
 * findTrigger("Hi\n/ref", 7); // { start: 3, end: 7, query: "ref" }
 * findTrigger("and/or", 6); // null
 */
export function findTrigger(text: string, caret: number): Trigger | null {
  const lineStart = text.lastIndexOf("\n", caret - 1) + 1;
  const line = text.slice(lineStart, caret);
  for (let i = line.length - 1; i >= 0; i--) {
    if (line[i] !== "/") continue;
    if (i > 0 && !/\s/.test(line[i - 1] ?? "")) continue;
    const query = line.slice(i + 1);
    if (query.length > MAX_QUERY || /^\s/.test(query)) return null;
    return { start: lineStart + i, end: caret, query };
  }
  return null;
}

/**
 * The canned replies a query offers: names starting with it first, then those with a word
 * starting with it, then any holding it (case-insensitive); within each, the given order (the
 * server's: most used first). At most `limit`.
 */
export function filterMacros<T extends { name: string }>(
  macros: readonly T[],
  query: string,
  limit = MAX_OPTIONS,
): T[] {
  const q = query.trim().toLowerCase();
  if (!q) return macros.slice(0, limit);
  const rank = (name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith(q)) return 0;
    if (lower.split(/[\s\-_/]+/).some((word) => word.startsWith(q))) return 1;
    return lower.includes(q) ? 2 : 3;
  };
  return macros
    .map((macro, index) => ({ macro, index, rank: rank(macro.name) }))
    .filter((entry) => entry.rank < 3)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, limit)
    .map((entry) => entry.macro);
}

/**
 * Whether the list shows: something matches, or the query is still one word (so "/xyz" says
 * "no canned reply matches", while a slash followed by a sentence is just text).
 */
export function pickerOpen(trigger: Trigger | null, matches: number): boolean {
  return trigger !== null && (matches > 0 || !/\s/.test(trigger.query));
}

/** The next option when moving by `delta` through `count` of them, wrapping round. */
export function moveActive(active: number, delta: number, count: number): number {
  if (count === 0) return 0;
  return (((active + delta) % count) + count) % count;
}

/** An insertion into the text, remembered so it can be taken back. */
export type Insertion = {
  /** The whole text before, and after, the insertion. */
  before: string;
  after: string;
  start: number;
  inserted: string;
};

/**
 * Puts `inserted` in place of `text[start, end)` (the `/query`, or the selection); the caret goes
 * after it.
 */
export function insertText(
  text: string,
  start: number,
  end: number,
  inserted: string,
): Insertion & { caret: number } {
  const after = text.slice(0, start) + inserted + text.slice(end);
  return { before: text, after, start, inserted, caret: start + inserted.length };
}

/**
 * Takes an insertion back: the text as it was when nothing has changed since (the caret after
 * the `/query` again), else the inserted text cut out where it still stands, else the text
 * unchanged (the agent has rewritten it). `caret`: where the caret goes.
 */
export function undoInsertion(
  current: string,
  insertion: Insertion,
): { text: string; caret: number } {
  const { before, after, start, inserted } = insertion;
  if (current === after) {
    return { text: before, caret: start + before.length - after.length + inserted.length };
  }
  const at =
    inserted && current.slice(start, start + inserted.length) === inserted
      ? start
      : inserted
        ? current.indexOf(inserted)
        : -1;
  if (at < 0) return { text: current, caret: current.length };
  return { text: current.slice(0, at) + current.slice(at + inserted.length), caret: at };
}
