// Slug rules and the one slugify the sign-up form and the server share.
import { describe, expect, test } from "bun:test";
import {
  checkSlug,
  PATH_SLUG_PATTERN,
  pathSlug,
  RESERVED_SLUGS,
  SLUG_MAX_LENGTH,
  slugify,
} from "./slugs";

describe("checkSlug", () => {
  test.each(["acme", "a1", "acme-corp", "x".repeat(SLUG_MAX_LENGTH)])("accepts %s", (slug) => {
    expect(checkSlug(slug)).toEqual({ ok: true });
  });

  test.each([
    ["a", "2 to 63"],
    ["x".repeat(SLUG_MAX_LENGTH + 1), "2 to 63"],
    ["1acme", "start with a lowercase letter"],
    ["Acme", "start with a lowercase letter"],
    ["ac_me", "only lowercase letters"],
    ["acme-", "end with a hyphen"],
    ["xn--acme", "3rd and 4th"],
  ])("refuses %s, saying why", (slug, why) => {
    const result = checkSlug(slug);
    expect(result).toMatchObject({ ok: false, code: "SLUG_INVALID" });
    expect(result.ok ? "" : result.message).toContain(why);
  });

  test("the platform's own names are reserved", () => {
    for (const slug of ["www", "api", "admin", "hc"]) {
      expect(RESERVED_SLUGS.has(slug)).toBe(true);
      expect(checkSlug(slug)).toMatchObject({ ok: false, code: "SLUG_RESERVED" });
    }
  });
});

describe("slugify", () => {
  test.each([
    ["Acme Corp!", "acme-corp"],
    ["  Café Crème ", "cafe-creme"],
    ["42 Widgets", "widgets"],
    ["Support", "org-support"],
    ["!!!", "org"],
  ])("%s → %s", (name, slug) => {
    expect(slugify(name)).toBe(slug);
    expect(checkSlug(slugify(name)).ok).toBe(true);
  });

  test("leaves room for a -N suffix (at most 50 characters, no trailing hyphen)", () => {
    const slug = slugify(`${"a".repeat(49)} b c`);
    expect(slug.length).toBeLessThanOrEqual(50);
    expect(slug.endsWith("-")).toBe(false);
    expect(checkSlug(`${slug}-99`).ok).toBe(true);
  });
});

describe("pathSlug", () => {
  test.each([
    ["How do I return an item?", "how-do-i-return-an-item"],
    ["  Crème brûlée -- recipes ", "creme-brulee-recipes"],
    ["2FA & SSO", "2fa-sso"],
    ["???", ""],
  ])("%s → %s", (text, slug) => {
    expect(pathSlug(text)).toBe(slug);
    if (slug) expect(PATH_SLUG_PATTERN.test(slug)).toBe(true);
  });

  test("a long title is cut at a hyphen, never mid-word when it can help it", () => {
    const slug = pathSlug("word ".repeat(40), 30);
    expect(slug.length).toBeLessThanOrEqual(30);
    expect(slug.endsWith("-")).toBe(false);
    expect(slug.split("-").every((w) => w === "word")).toBe(true);
  });
});
