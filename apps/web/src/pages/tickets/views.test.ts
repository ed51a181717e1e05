// Saved views ↔ inbox filters: what clicking a view puts in the URL, what "Save view" stores, which
// view the URL shows, and the count badge.
import { describe, expect, test } from "bun:test";
import { NO_FILTERS, parseFilters } from "./filters";
import { activeViewId, countLabel, filtersOfView, paramsOfView, viewOfFilters } from "./views";

const TEAM = "7c1e2f4c-2d7a-4c1e-9f3a-5e8d7c6b5a49";
const FIELD = "1f6e2f4c-2d7a-4c1e-9f3a-5e8d7c6b5a49";
type ViewLike = Parameters<typeof filtersOfView>[0];
const view = (filters: ViewLike["filters"], sort: ViewLike["sort"] = "newest") => ({
  filters,
  sort,
});

describe("applying a view", () => {
  test("its filters and sort become the inbox's, in the URL's canonical form", () => {
    const v = view(
      {
        status: ["pending", "open"],
        assignee: "me",
        teamId: TEAM,
        tag: "vip",
        fields: { [FIELD]: "Pro" },
      },
      "oldest",
    );
    expect(filtersOfView(v)).toEqual({
      ...NO_FILTERS,
      status: ["open", "pending"],
      assignee: "me",
      teamId: TEAM,
      tag: "vip",
      fields: { [FIELD]: "Pro" },
      sort: "oldest",
    });
    const params = paramsOfView(v);
    expect(params.get("status")).toBe("open,pending");
    expect(params.get("sort")).toBe("oldest");
    expect(parseFilters(params)).toEqual(filtersOfView(v));
  });

  test("an empty view is the unfiltered inbox (no parameters)", () => {
    expect(paramsOfView(view({})).toString()).toBe("");
  });

  test("what the inbox would refuse is dropped, not sent", () => {
    const odd = view({ assignee: "someone", teamId: "x", tag: "No!", createdFrom: "soon" });
    expect(filtersOfView(odd)).toEqual(NO_FILTERS);
  });
});

describe("saving the inbox as a view", () => {
  test("only what is set, and assignee me stays me (each agent sees their own)", () => {
    expect(
      viewOfFilters({ ...NO_FILTERS, status: ["open"], assignee: "me", sort: "updated" }),
    ).toEqual({ filters: { status: ["open"], assignee: "me" }, sort: "updated" });
    expect(viewOfFilters(NO_FILTERS)).toEqual({ filters: {}, sort: "newest" });
  });

  test("save then apply is the same inbox", () => {
    const inbox = {
      ...NO_FILTERS,
      priority: ["urgent" as const],
      teamId: "none",
      q: "refund",
      createdFrom: "2026-01-01",
      fields: { [FIELD]: ["Pro"] },
      sort: "oldest" as const,
    };
    expect(filtersOfView(viewOfFilters(inbox))).toEqual(inbox);
  });
});

describe("which view is showing", () => {
  const views = [
    { id: "a", ...view({ status: ["open"] }) },
    { id: "b", ...view({ status: ["open"] }, "oldest") },
    { id: "c", ...view({}) },
  ];
  test("the first whose filters and sort are exactly the URL's", () => {
    expect(activeViewId(views, parseFilters(new URLSearchParams("status=open")))).toBe("a");
    expect(activeViewId(views, parseFilters(new URLSearchParams("status=open&sort=oldest")))).toBe(
      "b",
    );
    expect(activeViewId(views, NO_FILTERS)).toBe("c");
    expect(activeViewId(views, parseFilters(new URLSearchParams("status=open,closed")))).toBeNull();
  });
});

describe("the count badge", () => {
  test("the number, 999+ once capped, nothing before it is known", () => {
    expect(countLabel({ count: 12, capped: false })).toBe("12");
    expect(countLabel({ count: 0, capped: false })).toBe("0");
    expect(countLabel({ count: 1000, capped: true })).toBe("999+");
    expect(countLabel(undefined)).toBe("");
  });
});
