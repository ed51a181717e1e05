// Test-only: an independent check that HTML can run nothing, written without sanitize-html.
// It reads the output with Bun's HTMLRewriter (lol-html, a browser-grade tokenizer unrelated to
// the htmlparser2 the sanitiser uses) and, as a second opinion, with plain regexes.

const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ["href", "title", "rel"],
  img: ["src", "alt", "title", "loading"],
  ol: ["start"],
  code: ["class"],
  th: ["class"],
  td: ["class"],
  h1: ["id"],
  h2: ["id"],
  h3: ["id"],
  h4: ["id"],
  h5: ["id"],
  h6: ["id"],
};
const TAGS_WITHOUT_ATTRIBUTES = "p br hr em strong s del blockquote ul li pre table thead tbody tr";
const ALLOWED_TAGS = new Set([
  ...Object.keys(ALLOWED_ATTRIBUTES),
  ...TAGS_WITHOUT_ATTRIBUTES.split(" "),
]);

const DANGEROUS_TAG =
  /<\s*\/?\s*(script|style|iframe|object|embed|form|svg|math|details|link|meta|base|template|frame|frameset|applet|input|button|textarea)\b/i;
// A start tag as the HTML tokenizer reads it: name, then attributes with optional quoted values.
const ATTRIBUTE = /\s+([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?/y;
const TAG_NAME = /<([a-zA-Z][^\s/>]*)/y;
const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  quot: '"',
  apos: "'",
  lt: "<",
  gt: ">",
  colon: ":",
  tab: "\t",
  newline: "\n",
};

/** Decodes what a browser would in an attribute value; an unknown named entity is reported. */
function decodeAttribute(value: string, problems: string[]): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole, body: string) => {
    if (body[0] === "#") {
      const code =
        body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : Number(body.slice(1));
      return String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[body.toLowerCase()];
    if (named === undefined) problems.push(`unknown entity ${whole} in a URL`);
    return named ?? "";
  });
}

function checkUrl(tag: string, name: string, raw: string, problems: string[]): void {
  const decoded = decodeAttribute(raw, problems);
  let squashed = decoded;
  try {
    squashed = decodeURIComponent(decoded);
  } catch {
    // A malformed percent sequence stays as it is; the checks below still apply.
  }
  // Remove everything a browser (or a sloppy one) might skip inside a scheme.
  squashed = [...squashed]
    .filter((c) => c.charCodeAt(0) > 0x20)
    .join("")
    .toLowerCase();
  if (/(javascript|vbscript|data|file):/.test(squashed)) {
    problems.push(`${tag}[${name}] is a ${squashed.split(":")[0]}: URL: ${raw}`);
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(squashed)?.[1];
  const allowed = tag === "img" ? ["https"] : ["http", "https", "mailto"];
  if (scheme !== undefined && !allowed.includes(scheme)) {
    problems.push(`${tag}[${name}] has scheme ${scheme}`);
  }
  if (/^[/\\]{2}/.test(squashed)) problems.push(`${tag}[${name}] is protocol-relative: ${raw}`);
}

/** Attribute names of every start tag, found with regexes alone; a tag they cannot read is reported. */
function regexAttributeNames(html: string, problems: string[]): string[] {
  const names: string[] = [];
  for (const start of html.matchAll(/<[a-zA-Z]/g)) {
    TAG_NAME.lastIndex = start.index;
    const tag = TAG_NAME.exec(html);
    let at = TAG_NAME.lastIndex;
    ATTRIBUTE.lastIndex = at;
    for (let attribute = ATTRIBUTE.exec(html); attribute; attribute = ATTRIBUTE.exec(html)) {
      names.push(attribute[1] ?? "");
      at = ATTRIBUTE.lastIndex;
    }
    if (!tag || !/^\s*\/?>/.test(html.slice(at))) {
      problems.push(
        `unreadable tag at ${start.index}: ${html.slice(start.index, start.index + 40)}`,
      );
    }
  }
  return names;
}

/**
 * Everything in `html` that could run script or style: an empty list means inert.
 *
 * @example
 * expect(unsafeParts(renderMarkdown(input).html)).toEqual([]);
 */
export function unsafeParts(html: string): string[] {
  const problems: string[] = [];
  const tag = DANGEROUS_TAG.exec(html);
  if (tag) problems.push(`dangerous tag ${tag[0]}`);
  for (const name of regexAttributeNames(html, problems)) {
    if (/^on/i.test(name) || /^style$/i.test(name)) problems.push(`attribute ${name} (regex scan)`);
  }

  new HTMLRewriter()
    .on("*", {
      element(element) {
        const name = element.tagName.toLowerCase();
        if (!ALLOWED_TAGS.has(name)) problems.push(`element <${name}> is not allowlisted`);
        for (const [attribute, value] of element.attributes) {
          const key = attribute.toLowerCase();
          if (key.startsWith("on")) problems.push(`event handler ${key} on <${name}>`);
          if (key === "style") problems.push(`style attribute on <${name}>`);
          if (!ALLOWED_ATTRIBUTES[name]?.includes(key)) {
            problems.push(`attribute ${key} on <${name}> is not allowlisted`);
          }
          if (key === "href" || key === "src") checkUrl(name, key, value, problems);
        }
      },
    })
    .transform(html);
  return problems;
}
