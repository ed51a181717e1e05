// @supportdesk/content: knowledge-base Markdown → safe HTML, plain text and a table of contents.
import { truncateAtWord } from "./excerpt";
import { markdownToHtml } from "./markdown";
import { outlineOf } from "./outline";
import { sanitize } from "./sanitize";
import { createIdAllocator } from "./slug";

export { EXTERNAL_REL } from "./sanitize";
export { HEADING_ID_PREFIX, slugOf } from "./slug";

export type RenderedArticle = {
  /** Sanitised HTML, safe to embed as it is in a page, a preview or an email. */
  html: string;
  /** Plain text of the body (for excerpts and search snippets), whitespace collapsed. */
  text: string;
  /** The h2/h3 headings with the ids their elements carry (for a table of contents). */
  headings: { level: number; text: string; id: string }[];
};

export const DEFAULT_EXCERPT_LENGTH = 200;

const TOC_LEVELS = new Set([2, 3]);

/**
 * Renders an article's Markdown. Deterministic: the same Markdown always gives the same output.
 *
 * @example
 * const { html, headings } = renderMarkdown("## Getting started\nRead [the guide](/articles/guide).");
 * // html: '<h2 id="h-getting-started">Getting started</h2>\n<p>Read <a href="/articles/guide">…'
 * // headings: [{ level: 2, text: "Getting started", id: "h-getting-started" }]
 */
export function renderMarkdown(markdown: string): RenderedArticle {
  const safe = sanitize(markdownToHtml(markdown));
  const outline = outlineOf(safe);

  // Ids are added after sanitising, from the text the reader sees, so raw-HTML headings get one
  // too and no author-written id survives. The sanitiser writes every allowed heading as a bare
  // `<hN>` (no attribute is allowed on it) and escapes "<" in text, so each match is a real tag,
  // in the same order the outline found them.
  const allocate = createIdAllocator();
  const ids = outline.headings.map((heading) => allocate(heading.text));
  let index = 0;
  const html = safe.replace(/<h([1-6])>/g, (tag, level: string) => {
    const id = ids[index++];
    return id === undefined ? tag : `<h${level} id="${id}">`;
  });

  const headings = outline.headings.flatMap((heading, i) => {
    const id = ids[i];
    return TOC_LEVELS.has(heading.level) && id !== undefined ? [{ ...heading, id }] : [];
  });
  return { html, text: outline.text, headings };
}

/**
 * The first ~`max` characters of the article's plain text (no Markdown syntax), cut at a word
 * boundary, with "…" when cut; never longer than `max`.
 *
 * @example
 * excerptOf("# Billing\n\nYou can **change your plan** at any time.", 30); // "Billing You can change your…"
 */
export function excerptOf(markdown: string, max: number = DEFAULT_EXCERPT_LENGTH): string {
  return truncateAtWord(renderMarkdown(markdown).text, max);
}
