// Ordinary knowledge-base Markdown renders to the HTML, text and headings a reader expects.
import { describe, expect, test } from "bun:test";
import { EXTERNAL_REL, renderMarkdown } from "./index";

describe("renderMarkdown html", () => {
  test("paragraphs with emphasis, inline code and links", () => {
    const { html } = renderMarkdown(
      "Press **Save**, then *wait*. Run `npm test`.\n\n" +
        "See [the guide](/articles/guide), [below](#h-setup), " +
        "[our site](https://example.com/docs) or [mail us](mailto:help@example.com).",
    );
    expect(html).toBe(
      "<p>Press <strong>Save</strong>, then <em>wait</em>. Run <code>npm test</code>.</p>\n" +
        '<p>See <a href="/articles/guide">the guide</a>, <a href="#h-setup">below</a>, ' +
        `<a href="https://example.com/docs" rel="${EXTERNAL_REL}">our site</a> or ` +
        '<a href="mailto:help@example.com">mail us</a>.</p>\n',
    );
  });

  test("headings, lists, blockquote and rule", () => {
    const { html } = renderMarkdown(
      "## Before you start\n\n- one\n- two\n\n3. three\n4. four\n\n> Note: ~~old~~ new\n\n---",
    );
    expect(html).toBe(
      '<h2 id="h-before-you-start">Before you start</h2>\n' +
        "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n" +
        '<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>\n' +
        "<blockquote>\n<p>Note: <s>old</s> new</p>\n</blockquote>\n" +
        "<hr />\n",
    );
  });

  test("fenced code keeps its language class and escapes its content", () => {
    const { html } = renderMarkdown("```ts\nif (a < b && c) run();\n```\n\n```\nplain\n```");
    expect(html).toBe(
      '<pre><code class="language-ts">if (a &lt; b &amp;&amp; c) run();\n</code></pre>\n' +
        "<pre><code>plain\n</code></pre>\n",
    );
  });

  test("tables align with classes instead of style attributes", () => {
    const { html } = renderMarkdown("| Plan | Price |\n|:--|--:|\n| Pro | $9 |");
    expect(html).toBe(
      "<table>\n<thead>\n<tr>\n" +
        '<th class="align-left">Plan</th>\n<th class="align-right">Price</th>\n' +
        "</tr>\n</thead>\n<tbody>\n<tr>\n" +
        '<td class="align-left">Pro</td>\n<td class="align-right">$9</td>\n' +
        "</tr>\n</tbody>\n</table>\n",
    );
  });

  test("images load lazily and keep their alt text, even an empty one", () => {
    const { html } = renderMarkdown(
      '![Settings screen](https://cdn.example.com/s.png "Settings") ![](/img/divider.png)',
    );
    expect(html).toBe(
      '<p><img src="https://cdn.example.com/s.png" alt="Settings screen" title="Settings" loading="lazy" /> ' +
        '<img src="/img/divider.png" alt="" loading="lazy" /></p>\n',
    );
  });

  test("pasted URLs and autolinks become links", () => {
    const { html } = renderMarkdown("Go to https://status.example.com or <help@example.com>.");
    expect(html).toBe(
      `<p>Go to <a href="https://status.example.com" rel="${EXTERNAL_REL}">https://status.example.com</a>` +
        ' or <a href="mailto:help@example.com">help@example.com</a>.</p>\n',
    );
  });

  test("allowlisted inline HTML is kept and other tags are unwrapped", () => {
    const { html } = renderMarkdown("Press <strong>Save</strong> then <kbd>Enter</kbd>.");
    expect(html).toBe("<p>Press <strong>Save</strong> then Enter.</p>\n");
  });

  test("the same Markdown always renders the same output", () => {
    const markdown = "# A\n\n## B\n\n## B\n\n[x](https://e.example) ![y](https://e.example/y.png)";
    expect(renderMarkdown(markdown)).toEqual(renderMarkdown(markdown));
  });

  test("empty input renders nothing", () => {
    expect(renderMarkdown("")).toEqual({ html: "", text: "", headings: [] });
  });
});

describe("renderMarkdown headings", () => {
  test("repeated headings get unique ids numbered from 2", () => {
    const { html, headings } = renderMarkdown("## Setup\n\n## Setup\n\n### Setup\n\n## Setup 2");
    expect(headings.map((h) => h.id)).toEqual(["h-setup", "h-setup-2", "h-setup-3", "h-setup-2-2"]);
    expect(html).toContain('<h3 id="h-setup-3">Setup</h3>');
    expect(new Set(headings.map((h) => h.id)).size).toBe(headings.length);
  });

  test("the table of contents lists h2 and h3 only, but every heading gets an anchor", () => {
    const { html, headings } = renderMarkdown(
      "# Title\n\n## Install\n\n### On macOS\n\n#### Details",
    );
    expect(headings).toEqual([
      { level: 2, text: "Install", id: "h-install" },
      { level: 3, text: "On macOS", id: "h-on-macos" },
    ]);
    expect(html).toContain('<h1 id="h-title">Title</h1>');
    expect(html).toContain('<h4 id="h-details">Details</h4>');
  });

  test("heading text is the visible text: markup stripped, accents folded in the id", () => {
    const { headings } = renderMarkdown("## Café *au* `lait` & [more](https://e.example)");
    expect(headings).toEqual([
      { level: 2, text: "Café au lait & more", id: "h-cafe-au-lait-more" },
    ]);
  });

  test("ids are prefixed so a heading cannot clobber a DOM global", () => {
    const { html } = renderMarkdown("## location\n\n## cookie");
    expect(html).toBe('<h2 id="h-location">location</h2>\n<h2 id="h-cookie">cookie</h2>\n');
  });

  test("a raw-HTML heading gets a generated id in place of its own", () => {
    const { headings } = renderMarkdown('<h2 id="x">Billing</h2>\n\n## Billing');
    expect(headings.map((h) => h.id)).toEqual(["h-billing", "h-billing-2"]);
  });

  test("non-Latin headings keep their letters; symbol-only headings fall back to section", () => {
    const { headings } = renderMarkdown("## 料金プラン\n\n## हिन्दी सहायता\n\n## ???\n\n## ---!");
    expect(headings.map((h) => h.id)).toEqual([
      "h-料金プラン",
      "h-हिन्दी-सहायता",
      "h-section",
      "h-section-2",
    ]);
  });
});

describe("renderMarkdown text", () => {
  test("is the visible words with Markdown syntax gone and whitespace collapsed", () => {
    const { text } = renderMarkdown(
      "# Reset   your password\n\n1. Open **Settings**\n2. Click [Reset](/reset)\n\n> Tip: `Ctrl+R`\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    );
    expect(text).toBe("Reset your password Open Settings Click Reset Tip: Ctrl+R a b 1 2");
  });

  test("decodes entities once and never includes dropped script text", () => {
    const { text } = renderMarkdown("Fish &amp; chips <script>steal()</script> &lt;b&gt;");
    expect(text).toBe("Fish & chips <b>");
  });
});
