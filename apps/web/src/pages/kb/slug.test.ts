import { describe, expect, test } from "bun:test";
import { existingSlug, FRESH_SLUG, onSlug, onTitle } from "./slug";

describe("the suggested slug", () => {
  test("follows the title while the author has not typed one", () => {
    let state = onTitle(FRESH_SLUG, "How do I");
    expect(state).toEqual({ slug: "how-do-i", edited: false });
    state = onTitle(state, "How do I return an Item?");
    expect(state.slug).toBe("how-do-i-return-an-item");
    expect(onTitle(state, "Crème brûlée: 100% café").slug).toBe("creme-brulee-100-cafe");
  });

  test("stops following once the author types a slug of their own", () => {
    let state = onTitle(FRESH_SLUG, "Returns");
    state = onSlug("returns-policy", "Returns");
    state = onTitle(state, "Returns and refunds");
    expect(state).toEqual({ slug: "returns-policy", edited: true });
  });

  test("emptying the slug field hands it back to the title", () => {
    expect(onSlug("mine", "Delivery times")).toEqual({ slug: "mine", edited: true });
    expect(onSlug("  ", "Delivery times")).toEqual({
      slug: "delivery-times",
      edited: false,
    });
  });

  test("an existing article keeps its slug when the title changes", () => {
    expect(onTitle(existingSlug("warranty"), "Warranty, explained").slug).toBe("warranty");
  });
});
