// The allowlist every rendered article passes through (sanitize-html, no DOM needed).
import sanitizeHtml from "sanitize-html";

/** What an absolute link to another site carries: no opener, no referrer, no SEO credit for UGC. */
export const EXTERNAL_REL = "noopener noreferrer nofollow ugc";

const HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"];

const ALLOWED_TAGS = [
  ...HEADINGS,
  "p",
  "br",
  "hr",
  "em",
  "strong",
  "s",
  "del",
  "blockquote",
  "ul",
  "ol",
  "li",
  "code",
  "pre",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "a",
  "img",
];

// Disallowed tags are unwrapped (their text kept) except these, whose content is code, markup or
// fallback that would read as garbage — or run — if it leaked out as text.
const DROP_WITH_CONTENT = [
  "script",
  "style",
  "textarea",
  "option",
  "select",
  "noscript",
  "iframe",
  "object",
  "embed",
  "template",
  "svg",
  "math",
  "title",
  "xmp",
  "noembed",
  "noframes",
];

// Protocol-relative URLs never get this far (acceptUrl refuses them), so absolute means a scheme.
const EXTERNAL_URL = /^https?:/i;
// Text before the first "/", "?" or "#" that contains a colon is a scheme — or, like
// "java%09script:", something no parser should be left to guess about.
const SCHEME_LIKE = /^[^/?#]*:/;

/**
 * The URL as a browser reads it (leading/trailing controls and spaces trimmed, tabs and newlines
 * inside removed), or null when it is refused: a scheme outside `schemes`, or protocol-relative.
 * sanitize-html checks schemes too; this stricter pass also refuses scheme look-alikes.
 */
export function acceptUrl(raw: string, schemes: readonly string[]): string | null {
  let start = 0;
  let end = raw.length;
  while (start < end && raw.charCodeAt(start) <= 0x20) start++;
  while (end > start && raw.charCodeAt(end - 1) <= 0x20) end--;
  const url = raw.slice(start, end).replace(/[\t\n\r]/g, "");
  if (/^[/\\]{2}/.test(url)) return null;
  if (SCHEME_LIKE.test(url)) {
    const scheme = url.slice(0, url.indexOf(":")).toLowerCase();
    if (!schemes.includes(scheme)) return null;
  }
  return url;
}

const LINK_SCHEMES = ["http", "https", "mailto"];
const IMAGE_SCHEMES = ["https"];

function keep(attribs: sanitizeHtml.Attributes, names: string[]): sanitizeHtml.Attributes {
  const out: sanitizeHtml.Attributes = {};
  for (const name of names) {
    const value = attribs[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  // No `id` anywhere: heading ids are added after sanitising (see index.ts), so an author cannot
  // name an element `location` or `cookie`. No `class` except the filtered ones below; no `style`.
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title", "loading"],
    ol: ["start"],
  },
  allowedClasses: {
    code: [/^language-[\w+#.-]{1,40}$/],
    th: ["align-left", "align-center", "align-right"],
    td: ["align-left", "align-center", "align-right"],
  },
  allowedSchemes: LINK_SCHEMES,
  allowedSchemesByTag: { img: IMAGE_SCHEMES },
  allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
  // "//host/x" is an external URL in disguise that would dodge the https-only rule for images.
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  nonTextTags: DROP_WITH_CONTENT,
  transformTags: {
    a: (tagName, attribs) => {
      const out = keep(attribs, ["title"]);
      const href = attribs.href === undefined ? null : acceptUrl(attribs.href, LINK_SCHEMES);
      if (href !== null) out.href = href;
      if (href !== null && EXTERNAL_URL.test(href)) out.rel = EXTERNAL_REL;
      return { tagName, attribs: out };
    },
    img: (tagName, attribs) => {
      const src = attribs.src === undefined ? null : acceptUrl(attribs.src, IMAGE_SCHEMES);
      // No alt from the author: decorative (alt=""), so a screen reader skips it instead of
      // reading out the file name (WCAG 1.1.1) — in the help centre, previews and emails alike.
      const out = {
        ...(src === null ? {} : { src }),
        alt: "",
        ...keep(attribs, ["alt", "title"]),
      };
      return { tagName, attribs: { ...out, loading: "lazy" } };
    },
  },
  exclusiveFilter: (frame) => {
    // A link whose URL was refused keeps its words; an image without an acceptable src goes.
    if (frame.tag === "a" && !frame.attribs.href) return "excludeTag";
    return frame.tag === "img" && !frame.attribs.src;
  },
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
};

/** Reduces HTML to the help-centre allowlist: safe to embed in a page or an email as it is. */
export function sanitize(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
