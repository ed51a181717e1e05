import { describe, expect, test } from "bun:test";
import { changes } from "./ArticleForm";
import { moved } from "./Categories";

describe("moving a category", () => {
  test("up and down swap it with its neighbour; other positions stay", () => {
    expect(moved(["a", "b", "c"], 1, -1)).toEqual(["b", "a", "c"]);
    expect(moved(["a", "b", "c"], 1, 1)).toEqual(["a", "c", "b"]);
  });

  test("past either end, or from a position that is not there: nothing to send", () => {
    expect(moved(["a", "b"], 0, -1)).toBeNull();
    expect(moved(["a", "b"], 1, 1)).toBeNull();
    expect(moved(["a"], 3, -1)).toBeNull();
  });
});

describe("what a save sends", () => {
  const before = {
    title: "Returns",
    slug: { slug: "returns", edited: true },
    categoryId: "c1",
    excerpt: "Auto excerpt",
    body: "Old body",
  };

  test("only the fields that changed, so the server keeps deriving the untouched excerpt", () => {
    expect(changes(before, { ...before, body: "New body" })).toEqual({ body: "New body" });
    expect(changes(before, before)).toEqual({});
  });

  test("no category is sent as null; a new slug and title go as typed", () => {
    expect(
      changes(before, {
        ...before,
        categoryId: "",
        title: "Refunds",
        slug: { slug: "refunds", edited: true },
      }),
    ).toEqual({ categoryId: null, title: "Refunds", slug: "refunds" });
  });
});
