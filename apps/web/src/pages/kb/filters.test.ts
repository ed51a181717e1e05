import { describe, expect, test } from "bun:test";
import {
  hasFilters,
  type KbFilters,
  listInput,
  MAX_QUERY_LENGTH,
  NO_FILTERS,
  parseFilters,
  searchInput,
  withFilters,
} from "./filters";

const CATEGORY = "0b6e2f4c-2d7a-4c1e-9f3a-5e8d7c6b5a49";
const parse = (query: string) => parseFilters(new URLSearchParams(query));

describe("reading the article filters from a URL", () => {
  test("no parameters: no filters", () => {
    expect(parse("")).toEqual(NO_FILTERS);
    expect(hasFilters(parse(""))).toBe(false);
  });

  test("status, category and search", () => {
    expect(parse(`status=draft&category=${CATEGORY}&q=%20refund%20`)).toEqual({
      status: "draft",
      category: CATEGORY,
      q: "refund",
    });
  });

  test("values the server would refuse are dropped, not sent", () => {
    for (const query of [
      "status=deleted",
      "status=Draft",
      "status=draft,published",
      "category=general",
      `category=${CATEGORY}x`,
      "category='; drop table kb_articles; --",
      "q=%20%20",
    ]) {
      expect(hasFilters(parse(query))).toBe(false);
    }
  });

  test("the search is cut to what the server accepts", () => {
    expect(parse(`q=${"a".repeat(MAX_QUERY_LENGTH + 20)}`).q).toHaveLength(MAX_QUERY_LENGTH);
  });
});

describe("writing the article filters to a URL", () => {
  test("round trip: parse(write(filters)) gives the same filters", () => {
    const cases: KbFilters[] = [
      NO_FILTERS,
      { status: "published", category: "", q: "" },
      { status: "archived", category: CATEGORY, q: "returns & refunds, 100%?" },
    ];
    for (const filters of cases) {
      expect(parseFilters(withFilters(new URLSearchParams(), filters))).toEqual(filters);
    }
  });

  test("changing one keeps the others and unrelated parameters; emptying one removes it", () => {
    const before = new URLSearchParams("status=draft&q=x&utm=mail");
    expect(withFilters(before, { category: CATEGORY }).toString()).toBe(
      `status=draft&q=x&utm=mail&category=${CATEGORY}`,
    );
    expect(withFilters(before, { status: "", q: "" }).toString()).toBe("utm=mail");
    expect(before.toString()).toBe("status=draft&q=x&utm=mail");
  });

  test("an invalid value is never written", () => {
    const next = withFilters(new URLSearchParams(), {
      status: "gone" as never,
      category: "nope",
      q: "  ",
    });
    expect(next.toString()).toBe("");
  });
});

describe("what the list asks the server for", () => {
  test("no filters: every article, by page", () => {
    expect(listInput(NO_FILTERS, 25)).toEqual({
      perPage: 25,
      status: undefined,
      categoryId: undefined,
    });
    expect(searchInput(NO_FILTERS, 20)).toBeNull();
  });

  test("a status and a category narrow the list and the search", () => {
    const filters: KbFilters = { status: "draft", category: CATEGORY, q: "refund" };
    expect(listInput(filters, 10)).toEqual({
      perPage: 10,
      status: ["draft"],
      categoryId: CATEGORY,
    });
    expect(searchInput(filters, 20)).toEqual({
      q: "refund",
      limit: 20,
      status: ["draft"],
      categoryId: CATEGORY,
    });
  });
});
