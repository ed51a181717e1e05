// Reads sanitised HTML back: its plain text and its headings, exactly as a reader will see them.
import { Parser } from "htmlparser2";

export type Outline = {
  /** Visible text, whitespace collapsed; block boundaries become a single space. */
  text: string;
  /** Every h1–h6 in document order. */
  headings: { level: number; text: string }[];
};

// Elements whose edges separate words: "<p>a</p><p>b</p>" reads "a b", not "ab".
const BLOCK = new Set([
  "p",
  "br",
  "hr",
  "blockquote",
  "ul",
  "ol",
  "li",
  "pre",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
]);

const HEADING = /^h([1-6])$/;

export function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Parses HTML the sanitiser produced (so it holds no script or style text to skip). */
export function outlineOf(html: string): Outline {
  const parts: string[] = [];
  const headings: Outline["headings"] = [];
  let heading: { level: number; parts: string[] } | null = null;

  const parser = new Parser(
    {
      onopentag(name) {
        if (BLOCK.has(name)) parts.push(" ");
        const level = HEADING.exec(name)?.[1];
        if (level) heading = { level: Number(level), parts: [] };
      },
      ontext(data) {
        parts.push(data);
        heading?.parts.push(data);
      },
      onclosetag(name) {
        if (BLOCK.has(name)) parts.push(" ");
        if (heading && HEADING.test(name)) {
          headings.push({ level: heading.level, text: collapse(heading.parts.join("")) });
          heading = null;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.parseComplete(html);
  return { text: collapse(parts.join("")), headings };
}
