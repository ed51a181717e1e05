// The inbox filters in the URL: read defensively, written canonically, sent to tickets.list.
import { describe, expect, test } from "bun:test";
import {
  filtersKey,
  filtersToParams,
  hasFilters,
  type InboxFilters,
  listInput,
  MAX_QUERY_LENGTH,
  NO_FILTERS,
  otherFilterLabels,
  parseAssignee,
  parseFilters,
  parseList,
  toggled,
  withFilters,
} from "./filters";
import { STATUSES } from "./shared";

const USER = "0b6e2f4c-2d7a-4c1e-9f3a-5e8d7c6b5a49";
const TEAM = "7c1e2f4c-2d7a-4c1e-9f3a-5e8d7c6b5a49";
const FIELD = "1f6e2f4c-2d7a-4c1e-9f3a-5e8d7c6b5a49";
const NONE: InboxFilters = NO_FILTERS;
const parse = (query: string) => parseFilters(new URLSearchParams(query));

describe("reading the filters from a URL", () => {
  test("no parameters: no filters", () => {
    expect(parse("")).toEqual(NONE);
    expect(hasFilters(parse(""))).toBe(false);
  });

  test("every filter", () => {
    const filters = parse(`status=open,pending&priority=urgent&assignee=${USER}&q=refund`);
    expect(filters).toEqual({
      ...NONE,
      status: ["open", "pending"],
      priority: ["urgent"],
      assignee: USER,
      q: "refund",
    });
    expect(hasFilters(filters)).toBe(true);
  });

  test("lists come out once each, in the options' order", () => {
    expect(parse("status=closed,open,closed,open").status).toEqual(["open", "closed"]);
    expect(parse("priority=low,urgent,high,low").priority).toEqual(["urgent", "high", "low"]);
  });

  test("unknown list values are dropped, known ones kept", () => {
    expect(parse("status=open,bogus,,OPEN, pending").status).toEqual(["open"]);
    expect(parse("priority=critical").priority).toEqual([]);
    expect(parse("status=").status).toEqual([]);
    // A status is not a priority and the other way round.
    expect(parse("status=urgent&priority=open")).toEqual(NONE);
  });

  test("assignee: me, unassigned or an id the server accepts; anything else is no filter", () => {
    expect(parse("assignee=me").assignee).toBe("me");
    expect(parse("assignee=unassigned").assignee).toBe("unassigned");
    expect(parse(`assignee=${USER.toUpperCase()}`).assignee).toBe(USER.toUpperCase());
    for (const bad of [
      "someone",
      "ME",
      `${USER}x`,
      USER.slice(1),
      "'; drop table tickets; --",
      // Hex in 8-4-4-4-12 but not a UUID zod accepts (version 0, variant 1): a 400 if sent.
      "12345678-1234-0234-1234-123456789abc",
      "12345678-1234-4234-1234-123456789abc",
    ]) {
      expect(parseAssignee(bad)).toBe("");
      expect(hasFilters(parse(`assignee=${encodeURIComponent(bad)}`))).toBe(false);
    }
  });

  test("the search is trimmed and cut to what the server accepts", () => {
    expect(parse("q=%20%20refund%20").q).toBe("refund");
    expect(parse("q=%20%20").q).toBe("");
    expect(hasFilters(parse("q=%20"))).toBe(false);
    const long = parse(`q=${"a".repeat(MAX_QUERY_LENGTH + 50)}`).q;
    expect(long).toHaveLength(MAX_QUERY_LENGTH);
  });

  test("repeated parameters: the first counts", () => {
    expect(parse("status=open&status=closed").status).toEqual(["open"]);
  });

  test("parseList on its own", () => {
    expect(parseList(null, STATUSES)).toEqual([]);
    expect(parseList("resolved,open", STATUSES)).toEqual(["open", "resolved"]);
  });
});

describe("writing the filters to a URL", () => {
  test("no filters: no parameters", () => {
    expect(filtersToParams(NONE).toString()).toBe("");
  });

  test("lists are written deduplicated and in the options' order", () => {
    const params = filtersToParams({
      ...NONE,
      status: ["closed", "open", "closed"],
      priority: ["low", "urgent"],
    });
    expect(params.get("status")).toBe("open,closed");
    expect(params.get("priority")).toBe("urgent,low");
  });

  test("invalid values are never written", () => {
    const params = filtersToParams({
      ...NONE,
      status: ["open", "nope" as never],
      priority: ["nope" as never],
      assignee: "somebody",
      q: "   ",
      teamId: "someteam",
      tag: "Not a tag!",
      createdFrom: "2026-02-30x",
      fields: { "not-an-id": "x", [FIELD]: { nested: true } as never },
      sort: "sideways" as never,
    });
    expect(params.toString()).toBe("status=open");
  });

  test("round trip: parse(write(filters)) is the same filters", () => {
    const cases: InboxFilters[] = [
      NONE,
      { ...NONE, status: ["open"] },
      { ...NONE, status: ["open", "pending", "resolved", "closed"], assignee: "me" },
      { ...NONE, priority: ["urgent", "low"], assignee: "unassigned", sort: "oldest" },
      {
        ...NONE,
        status: ["pending"],
        priority: ["high"],
        assignee: USER,
        q: "#42 refund & more, 100%",
      },
      { ...NONE, q: "comma,separated=value?&x" },
      {
        ...NONE,
        teamId: TEAM,
        tag: "vip customer",
        customerId: USER,
        createdFrom: "2026-01-01",
        createdTo: "2026-01-31",
        updatedFrom: "2026-02-01",
        updatedTo: "2026-02-28",
        fields: { [FIELD]: ["Pro", "Free"] },
        sort: "updated",
      },
      { ...NONE, teamId: "none", fields: { [FIELD]: 3 } },
    ];
    for (const filters of cases) {
      expect(parseFilters(filtersToParams(filters))).toEqual(filters);
    }
  });

  test("round trip from a URL: write(parse(url)) is its canonical form", () => {
    const canonical = filtersToParams(
      parse(`q=%20hello%20&assignee=nobody&priority=low,low,urgent&status=bogus,open`),
    );
    expect(canonical.toString()).toBe("status=open&priority=urgent%2Clow&q=hello");
    expect(filtersToParams(parseFilters(canonical)).toString()).toBe(canonical.toString());
  });

  test("changing one filter keeps the others and any other parameter", () => {
    const before = new URLSearchParams("status=open&q=refund&utm_source=mail");
    const after = withFilters(before, { priority: ["high"] });
    expect(after.toString()).toBe("status=open&q=refund&utm_source=mail&priority=high");
    expect(before.toString()).toBe("status=open&q=refund&utm_source=mail"); // not mutated
  });

  test("emptying a filter removes its parameter", () => {
    const params = new URLSearchParams("status=open&priority=high&assignee=me&q=x");
    expect(withFilters(params, { status: [], assignee: "", q: "" }).toString()).toBe(
      "priority=high",
    );
  });

  test("a filter left out of the change is left alone, even if the URL's value is junk", () => {
    const params = new URLSearchParams("status=junk&assignee=me");
    expect(withFilters(params, { assignee: "unassigned" }).toString()).toBe(
      "status=junk&assignee=unassigned",
    );
  });
});

describe("toggling a chip", () => {
  test("adds a value that is not there and removes one that is", () => {
    expect(toggled([], "open")).toEqual(["open"]);
    expect(toggled(["open", "closed"], "open")).toEqual(["closed"]);
    expect(toggled(["closed"], "open")).toEqual(["closed", "open"]);
  });

  test("toggled and written: the URL stays canonical", () => {
    const status = toggled(parse("status=closed").status, "open");
    expect(withFilters(new URLSearchParams(), { status }).get("status")).toBe("open,closed");
  });

  test("toggling the last value off removes the parameter", () => {
    const status = toggled(parse("status=open").status, "open");
    expect(withFilters(new URLSearchParams("status=open"), { status }).has("status")).toBe(false);
  });
});

describe("what the inbox asks the server for", () => {
  test("no filters: nothing but the page size the caller adds", () => {
    const input = listInput(NONE, USER);
    expect(Object.values(input).every((value) => value === undefined)).toBe(true);
  });

  test("filters pass through", () => {
    expect(
      listInput(
        {
          ...NONE,
          status: ["open"],
          priority: ["urgent", "high"],
          assignee: "unassigned",
          q: "x",
          tag: "vip",
          fields: { [FIELD]: true },
          sort: "oldest",
        },
        USER,
      ),
    ).toMatchObject({
      status: ["open"],
      priority: ["urgent", "high"],
      assignee: "unassigned",
      q: "x",
      tag: "vip",
      fields: { [FIELD]: true },
      sort: "oldest",
      teamId: undefined,
    });
  });

  test('"me" is the signed-in user, and no filter when signed out', () => {
    expect(listInput({ ...NONE, assignee: "me" }, USER).assignee).toBe(USER);
    expect(listInput({ ...NONE, assignee: "me" }, undefined).assignee).toBeUndefined();
  });

  test("a shared URL full of junk asks for the unfiltered list", () => {
    const filters = parse(
      `status=everything&priority=${"x".repeat(300)}&assignee=../../admin&q=%20&extra=1`,
    );
    expect(listInput(filters, USER)).toEqual(listInput(NONE, USER));
  });
});

describe("the filters the inbox has no control for", () => {
  test("read from a URL and named for people", () => {
    const filters = parse(
      `team=${TEAM}&tag=VIP&created_from=2026-01-01&fields=${encodeURIComponent(JSON.stringify({ [FIELD]: "Pro" }))}&sort=oldest`,
    );
    expect(filters).toMatchObject({
      teamId: TEAM,
      tag: "vip",
      createdFrom: "2026-01-01",
      fields: { [FIELD]: "Pro" },
      sort: "oldest",
    });
    expect(hasFilters(filters)).toBe(true);
    expect(otherFilterLabels(filters)).toEqual([
      "a team",
      "tag vip",
      "created from 2026-01-01",
      "a custom field",
    ]);
  });

  test("junk is dropped: a bad team, day, fields JSON or sort", () => {
    expect(parse("team=everyone&created_to=2026-13-45&fields=%7Bnope&sort=random")).toEqual(NONE);
    expect(parse(`fields=${encodeURIComponent(JSON.stringify([1, 2]))}`).fields).toEqual({});
    expect(parse("created_from=2026-02-30&updated_to=2026-02-28")).toEqual({
      ...NONE,
      updatedTo: "2026-02-28",
    });
  });

  test("the sort alone is no filter, and the default sort is not written", () => {
    expect(hasFilters({ ...NONE, sort: "oldest" })).toBe(false);
    expect(filtersKey({ ...NONE, sort: "newest" })).toBe("");
    expect(filtersKey({ ...NONE, sort: "updated" })).toBe("sort=updated");
  });
});
