// Heading slugs: readable, stable and never longer than a URL fragment should be.
import { describe, expect, test } from "bun:test";
import { createIdAllocator, slugOf } from "./slug";

describe("slugOf", () => {
  test("joins lower-cased words with hyphens", () => {
    expect(slugOf("  How do I   reset my Password?  ")).toBe("how-do-i-reset-my-password");
  });

  test("folds Latin accents and compatibility forms", () => {
    expect(slugOf("Über café ﬁles")).toBe("uber-cafe-files");
  });

  test("caps the length without leaving a trailing hyphen", () => {
    const slug = slugOf(`${"a".repeat(63)} b`);
    expect(slug).toBe("a".repeat(63));
  });
});

describe("createIdAllocator", () => {
  test("each allocator starts afresh, so rendering twice gives the same ids", () => {
    const first = createIdAllocator();
    const second = createIdAllocator();
    expect([first("FAQ"), first("FAQ")]).toEqual(["h-faq", "h-faq-2"]);
    expect(second("FAQ")).toBe("h-faq");
  });
});
