// One email layout that renders the same blocks as inline-styled HTML and as plain text.

/** Who an email speaks for: the tenant (or "SupportDesk" for platform emails). */
export interface Brand {
  /** Display name, shown in the header and meant for the From name and subject. */
  name: string;
  /** `#rgb` or `#rrggbb`; anything else falls back to the SupportDesk colour. */
  primaryColor?: string;
}

/** A piece of an email body. Every string is plain text: the HTML renderer escapes it. */
export type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "button"; label: string; url: string }
  | { kind: "quote"; text: string; by: string };

export interface Layout {
  subject: string;
  /** The line inbox lists show after the subject; hidden in the body. */
  preheader: string;
  heading: string;
  blocks: Block[];
  /** Why the reader got this email and what to do if it was not meant for them. */
  footer: string;
}

export const DEFAULT_COLOR = "#4f46e5";
const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const TEXT_COLOR = "#18181b";
const MUTED_COLOR = "#52525b";
const LINK_COLOR = "#1d4ed8";

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML content and (double- or single-quoted) attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Headers cannot hold line breaks; a subject built from user input is folded to one line. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

/**
 * Only absolute http(s) links go into an email: a `javascript:` or relative URL would be a bug
 * upstream, so it fails loudly here rather than reaching an inbox.
 */
export function checkUrl(url: string, field: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`${field} must be an absolute http(s) URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new TypeError(`${field} must be an absolute http(s) URL, got ${JSON.stringify(url)}`);
  }
  return url;
}

/** The brand colour if it is a plain hex colour (it lands inside a style attribute). */
export function brandColor(brand: Brand): string {
  const color = brand.primaryColor?.trim();
  return color && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(color) ? color : DEFAULT_COLOR;
}

function luminance(hex: string): number {
  const full = hex.length === 4 ? hex.replace(/[0-9a-f]/gi, (d) => d + d) : hex;
  const channel = (start: number): number => {
    const c = Number.parseInt(full.slice(start, start + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** White or near-black, whichever reads better on the brand colour (WCAG contrast ratio). */
export function textColorOn(background: string): string {
  const l = luminance(background);
  const onWhite = 1.05 / (l + 0.05);
  const onDark = (l + 0.05) / (luminance(TEXT_COLOR) + 0.05);
  return onWhite >= onDark ? "#ffffff" : TEXT_COLOR;
}

/** Paragraphs split on blank lines; single line breaks are kept. */
function htmlParagraphs(text: string, style: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p style="${style}">${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
}

function renderBlockHtml(block: Block, color: string): string {
  const paragraphStyle = `margin:0 0 16px;font-family:${FONT};font-size:16px;line-height:1.5;color:${TEXT_COLOR};`;
  switch (block.kind) {
    case "paragraph":
      return htmlParagraphs(block.text, paragraphStyle);
    case "quote":
      return [
        `<p style="margin:0 0 8px;font-family:${FONT};font-size:14px;color:${MUTED_COLOR};">${escapeHtml(block.by)} wrote:</p>`,
        `<blockquote style="margin:0 0 16px;padding:4px 0 4px 16px;border-left:4px solid ${color};">`,
        htmlParagraphs(block.text, paragraphStyle),
        "</blockquote>",
      ].join("\n");
    case "button": {
      const href = escapeHtml(block.url);
      return [
        `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 24px;">`,
        `<tr><td style="border-radius:6px;background-color:${color};">`,
        `<a href="${href}" style="display:inline-block;padding:12px 24px;font-family:${FONT};font-size:16px;font-weight:600;color:${textColorOn(color)};text-decoration:none;border-radius:6px;">${escapeHtml(block.label)}</a>`,
        "</td></tr></table>",
        `<p style="margin:0 0 16px;font-family:${FONT};font-size:13px;line-height:1.5;color:${MUTED_COLOR};">If the button does not work, copy this link into your browser:<br><a href="${href}" style="color:${LINK_COLOR};word-break:break-all;">${escapeHtml(block.url)}</a></p>`,
      ].join("\n");
    }
  }
}

/** The HTML part: table layout and inline styles, which is what mail clients render reliably. */
export function renderHtml(layout: Layout, brand: Brand): string {
  const color = brandColor(brand);
  const body = layout.blocks.map((b) => renderBlockHtml(b, color)).join("\n");
  return `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(layout.subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f4f5;">
<div style="display:none;max-height:0;overflow:hidden;">${escapeHtml(layout.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f4f4f5;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;background-color:#ffffff;border-radius:8px;">
<tr><td style="padding:16px 32px;background-color:${color};border-radius:8px 8px 0 0;font-family:${FONT};font-size:18px;font-weight:700;color:${textColorOn(color)};">${escapeHtml(brand.name)}</td></tr>
<tr><td style="padding:32px;">
<h1 style="margin:0 0 24px;font-family:${FONT};font-size:22px;line-height:1.3;color:${TEXT_COLOR};">${escapeHtml(layout.heading)}</h1>
${body}
</td></tr>
</table>
<p style="max-width:560px;margin:16px auto 0;font-family:${FONT};font-size:12px;line-height:1.5;color:${MUTED_COLOR};">${escapeHtml(layout.footer)}</p>
</td></tr>
</table>
</body>
</html>
`;
}

function renderBlockText(block: Block): string {
  switch (block.kind) {
    case "paragraph":
      return block.text.trim();
    case "quote": {
      const quoted = block.text
        .replace(/\r\n?/g, "\n")
        .trim()
        .split("\n")
        .map((line) => (line.length > 0 ? `> ${line}` : ">"));
      return [`${block.by} wrote:`, ...quoted].join("\n");
    }
    case "button":
      return `${block.label}:\n${block.url}`;
  }
}

/** The plain-text part: readable on its own, links written out in full. */
export function renderText(layout: Layout, brand: Brand): string {
  return [
    brand.name,
    "=".repeat(Math.min(Math.max(brand.name.length, 3), 60)),
    "",
    layout.heading,
    "",
    layout.blocks.map(renderBlockText).join("\n\n"),
    "",
    "-- ",
    layout.footer,
    "",
  ].join("\n");
}
