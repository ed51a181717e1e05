// Markdown → (unsanitised) HTML with markdown-it, configured for help-centre articles.
import MarkdownIt from "markdown-it";

// `html: true` keeps inline HTML so the sanitiser can let the allowlisted part of it through;
// linkify (linkify-it 6: only URLs with a scheme, no fuzzy "example.com") turns pasted URLs into
// links; typographer stays off so the text an author typed is the text that is searched.
const md = new MarkdownIt({ html: true, linkify: true, typographer: false, breaks: false });

const ALIGN_STYLE = /^text-align:(left|center|right)$/;

/**
 * Renders Markdown to HTML that is NOT yet safe: the caller must sanitise it. Table-cell alignment,
 * which markdown-it writes as a `style` attribute, becomes an `align-<side>` class instead, because
 * style attributes are never allowed through.
 */
export function markdownToHtml(markdown: string): string {
  const tokens = md.parse(markdown, {});
  for (const token of tokens) {
    if (token.type !== "th_open" && token.type !== "td_open") continue;
    const style = token.attrGet("style");
    if (style === null) continue;
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== "style");
    const align = ALIGN_STYLE.exec(String(style))?.[1];
    if (align) token.attrSet("class", `align-${align}`);
  }
  return md.renderer.render(tokens, md.options, {});
}
