// The search page's URL state: odd values dropped, canonical round trips, the server's input.
import { describe, expect, test } from "bun:test";
import { parseSearch, queryInput, searchParamsOf } from "./search-params";

const parse = (query: string) => parseSearch(new URLSearchParams(query));

describe("search params", () => {
  test("reads what it understands and drops the rest", () => {
    expect(
      parse(
        "q=%20refund%20&type=bogus&status=closed,nope,open&team=x&tag=VIP&from=2026-02-30&to=2026-03-01",
      ),
    ).toEqual({
      q: "refund",
      type: "all",
      status: ["open", "closed"],
      priority: [],
      assignee: "",
      team: "",
      tag: "vip",
      from: "",
      to: "2026-03-01",
      sort: "relevance",
    });
  });

  test("round-trips canonically", () => {
    const state = parse(
      "sort=newest&to=2026-01-31&q=a+b&type=tickets&assignee=me&team=none&priority=urgent",
    );
    expect(searchParamsOf(state).toString()).toBe(
      "q=a+b&type=tickets&priority=urgent&assignee=me&team=none&to=2026-01-31&sort=newest",
    );
    expect(parse(searchParamsOf(state).toString())).toEqual(state);
  });

  test("builds the query input with only the filters set", () => {
    expect(queryInput(parse("q=x"))).toEqual({ q: "x", type: "all", limit: 20 });
    expect(queryInput(parse("q=x&type=customers&status=open&from=2026-01-01"), 10)).toEqual({
      q: "x",
      type: "customers",
      limit: 10,
      filters: { status: ["open"], createdFrom: "2026-01-01" },
    });
  });
});
