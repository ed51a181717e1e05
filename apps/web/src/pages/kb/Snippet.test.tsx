import { describe, expect, test } from "bun:test";
import { renderToStaticMarkup } from "react-dom/server";
import { SnippetText } from "./Snippet";

describe("a search hit's snippet", () => {
  test("matched segments are marked, the rest is plain text, in order", () => {
    const html = renderToStaticMarkup(
      <SnippetText
        snippet={[
          { text: "Refunds", hit: true },
          { text: " reach your card in 5 days.", hit: false },
        ]}
      />,
    );
    expect(html).toBe(
      '<p class="kb-snippet"><mark>Refunds</mark><span> reach your card in 5 days.</span></p>',
    );
  });

  test("HTML in an article's text is shown as text, never as markup", () => {
    const html = renderToStaticMarkup(
      <SnippetText
        snippet={[
          { text: '<img src=x onerror="alert(1)">', hit: false },
          { text: "<script>alert(2)</script>", hit: true },
        ]}
      />,
    );
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("<mark>&lt;script&gt;alert(2)&lt;/script&gt;</mark>");
  });
});
