// Hostile Markdown and raw HTML must come out inert: no script, handler, dangerous URL or style.
import { describe, expect, test } from "bun:test";
import { renderMarkdown } from "./index";
import { unsafeParts } from "./testing/inert";

const BATTERY: Record<string, string> = {
  "script tag": "<script>alert(1)</script>",
  "script tag inline": "Hello <script>alert(1)</script> world",
  "script with odd casing and spacing": "<ScRiPt >alert(1)</sCrIpT >",
  "img onerror": "<img src=x onerror=alert(1)>",
  "img onerror quoted, https src": '<img src="https://x.example/a.png" onerror="alert(1)">',
  "markdown link javascript:": "[x](javascript:alert(1))",
  "markdown link JAVASCRIPT:": "[x](JAVASCRIPT:alert(1))",
  "markdown link with tab entity": "[x](java&#x09;script:alert(1))",
  "markdown link with decimal entity": "[x](&#106;avascript:alert(1))",
  "markdown link with &colon;": "[x](javascript&colon;alert(1))",
  "markdown link in angle brackets": "[x](<javascript:alert(1)>)",
  "reference link javascript:": "[x][1]\n\n[1]: javascript:alert(1)",
  "markdown link vbscript:": "[x](vbscript:msgbox(1))",
  "markdown link data:": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "raw a data:": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  "raw a javascript: with entities": '<a href="&#x6A;avascript&colon;alert(1)">x</a>',
  "raw a javascript: with newline entity": '<a href="java&#x0A;script:alert(1)">x</a>',
  "raw a javascript: with leading spaces": '<a href="   javascript:alert(1)">x</a>',
  "raw a javascript: with control char": '<a href="&#1;javascript:alert(1)">x</a>',
  "raw a with onclick and target":
    '<a href="https://x.example" onclick="alert(1)" target=_top>x</a>',
  "svg onload": "<svg onload=alert(1)><circle r=1 /></svg>",
  "svg script": "<svg><script>alert(1)</script></svg>",
  "math xlink":
    '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">x</maction></math>',
  iframe: '<iframe src="https://evil.example"></iframe>',
  "iframe srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  object: '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  form: '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>',
  "style tag": "<style>body { background: url(javascript:alert(1)) }</style>",
  "style attribute": '<div style="background:url(javascript:alert(1))">x</div>',
  "style attribute on allowed tag": '<p style="color:red">x</p>',
  "details ontoggle": "<details open ontoggle=alert(1)><summary>s</summary>x</details>",
  "markdown image javascript:": "![x](javascript:alert(1))",
  "markdown image data:": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  "markdown image http": "![x](http://insecure.example/a.png)",
  "markdown image protocol-relative": "![x](//evil.example/a.png)",
  "raw img with backslash protocol-relative": '<img src="/\\evil.example/a.png">',
  "autolink javascript:": "<javascript:alert(1)>",
  "autolink mixed case": "<JaVaScRiPt:alert(1)>",
  "autolink data:": "<data:text/html,<script>alert(1)</script>>",
  "autolink vbscript:": "<vbscript:msgbox(1)>",
  "bare javascript: text": "javascript:alert(1)",
  "meta refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  "base href": '<base href="javascript:alert(1)//">',
  "link stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
  "html comment hiding script": "<!-- --><script>alert(1)</script><!-- -->",
  "unclosed attribute quote":
    '<a href="https://x.example" title="a\' onmouseover=alert(1) x=\'">x</a>',
  "heading with handler": '<h2 onclick="alert(1)" id="location">Hi</h2>',
  "code fence info trying to break out": '```js" onmouseover="alert(1)\ncode\n```',
  "table cell with style": '<table><tr><td style="x" onclick=alert(1)>a</td></tr></table>',
  "DOM clobbering names":
    '<img name="cookie" src="https://x.example/a.png"><a id="location" name="x">y</a>',
  "noscript mutation": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
};

describe("hostile input renders inert", () => {
  for (const [name, markdown] of Object.entries(BATTERY)) {
    test(name, () => {
      const { html } = renderMarkdown(markdown);
      expect(unsafeParts(html)).toEqual([]);
    });
  }
});

describe("what hostile input leaves behind", () => {
  test("script content is dropped, not shown as text", () => {
    const rendered = renderMarkdown("Hi <script>alert(1)</script> there");
    expect(rendered.html).toBe("<p>Hi  there</p>\n");
    expect(rendered.text).toBe("Hi there");
  });

  test("an image keeps its https src and alt but loses its handler", () => {
    const { html } = renderMarkdown(
      '<img src="https://x.example/a.png" alt="A" onerror="alert(1)">',
    );
    expect(html).toBe('<img src="https://x.example/a.png" alt="A" loading="lazy" />');
  });

  test("a link with a refused URL keeps its words and loses the link", () => {
    expect(renderMarkdown('<a href="data:text/html,x">read me</a>').html).toBe("<p>read me</p>\n");
    expect(renderMarkdown('<a href="java&#x0A;script:alert(1)">read me</a>').html).toBe(
      "<p>read me</p>\n",
    );
  });

  test("an image with a refused src disappears", () => {
    expect(renderMarkdown('<img src="http://insecure.example/a.png" alt="a">').html).toBe("");
    expect(renderMarkdown("<img src=x onerror=alert(1)>").html).toBe(
      '<img src="x" alt="" loading="lazy" />',
    );
  });

  test("iframes, forms and svg vanish with their content", () => {
    const { html } = renderMarkdown(
      '<iframe src="https://e.example">fallback</iframe><svg><text>drawn</text></svg>',
    );
    expect(html).not.toContain("fallback");
    expect(html).not.toContain("drawn");
  });

  test("an author-written id or name never reaches the output", () => {
    const { html } = renderMarkdown(
      '<h2 id="location">Hi</h2>\n\n<a name="cookie" href="#x">y</a>',
    );
    expect(html).toBe('<h2 id="h-hi">Hi</h2>\n<p><a href="#x">y</a></p>\n');
  });

  test("a fence info string cannot smuggle attributes into the code class", () => {
    const { html } = renderMarkdown('```js" onmouseover="alert(1)\ncode\n```');
    expect(html).toBe("<pre><code>code\n</code></pre>\n");
  });
});

describe("the inert check itself", () => {
  // If the checker passed everything, the battery above would prove nothing.
  const BAD: Record<string, string> = {
    script: "<p>x</p><script>alert(1)</script>",
    "event handler": '<img src="https://a.example/a.png" onerror="alert(1)">',
    "javascript: href": '<a href="javascript:alert(1)">x</a>',
    "entity-encoded javascript: href": '<a href="&#x6A;avascript&#58;alert(1)">x</a>',
    "tab-split javascript: href": '<a href="java&#x09;script:alert(1)">x</a>',
    "percent-encoded look-alike": '<a href="java%09script:alert(1)">x</a>',
    "data: href": '<a href="data:text/html,x">x</a>',
    "http image": '<img src="http://a.example/a.png">',
    "protocol-relative image": '<img src="//a.example/a.png">',
    "style attribute": '<p style="color:red">x</p>',
    "handler after a quoted value": '<a title="a" onclick=alert(1) href="#x">x</a>',
    "unlisted element": "<div>x</div>",
    "unlisted attribute": '<a href="https://a.example" target="_blank">x</a>',
  };
  for (const [name, html] of Object.entries(BAD)) {
    test(`flags ${name}`, () => {
      expect(unsafeParts(html).length).toBeGreaterThan(0);
    });
  }

  test("passes ordinary safe output", () => {
    const html =
      '<h2 id="h-a">A</h2><p><a href="https://a.example/x?y=1&amp;z=2" rel="noopener">a</a> ' +
      '<a href="mailto:a@b.example">m</a> <a href="#h-a">t</a> <img src="/x.png" alt="" loading="lazy"></p>';
    expect(unsafeParts(html)).toEqual([]);
  });
});
