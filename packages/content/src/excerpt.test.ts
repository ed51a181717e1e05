// excerptOf: a plain-text teaser cut at a word boundary.
import { describe, expect, test } from "bun:test";
import { DEFAULT_EXCERPT_LENGTH, excerptOf } from "./index";

describe("excerptOf", () => {
  test("returns short text whole, without an ellipsis", () => {
    expect(excerptOf("Short and sweet.")).toBe("Short and sweet.");
  });

  test("cuts at the last whole word that fits and adds an ellipsis", () => {
    const excerpt = excerptOf("You can change your plan at any time from Settings.", 30);
    expect(excerpt).toBe("You can change your plan at…");
    expect(excerpt.length).toBeLessThanOrEqual(30);
  });

  test("keeps a word that ends exactly at the limit", () => {
    // "one two three" is 13 characters; with the ellipsis 14 fit.
    expect(excerptOf("one two three four", 14)).toBe("one two three…");
  });

  test("strips Markdown syntax before cutting", () => {
    const markdown =
      "# Billing\n\n**Plans** are _monthly_. See [pricing](/pricing) and `invoices`.\n\n- Pro\n- Team\n\n![chart](https://e.example/c.png)";
    expect(excerptOf(markdown)).toBe(
      "Billing Plans are monthly. See pricing and invoices. Pro Team",
    );
  });

  test("drops punctuation left dangling before the ellipsis", () => {
    expect(excerptOf("First, second, third, fourth", 16)).toBe("First, second…");
  });

  test("cuts a single over-long word rather than returning nothing", () => {
    expect(excerptOf("Supercalifragilisticexpialidocious", 10)).toBe("Supercali…");
  });

  test(`defaults to ${DEFAULT_EXCERPT_LENGTH} characters`, () => {
    const excerpt = excerptOf("word ".repeat(100));
    expect(excerpt.length).toBeLessThanOrEqual(DEFAULT_EXCERPT_LENGTH);
    expect(excerpt.length).toBeGreaterThan(DEFAULT_EXCERPT_LENGTH - 10);
    expect(excerpt.endsWith("word…")).toBe(true);
  });

  test("never shows hostile markup as text", () => {
    expect(excerptOf("<script>alert(1)</script>Welcome <b>back</b>")).toBe("Welcome back");
  });
});
