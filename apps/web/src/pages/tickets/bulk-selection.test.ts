// The bulk selection's rules: a click, a shift-click range, the header checkbox, "all matching",
// what a bulk call names, the toolbar's change, and how a bulk job's progress reads.
import { describe, expect, test } from "bun:test";
import {
  bulkTarget,
  changesOf,
  clickRow,
  describeJobEnd,
  describeResult,
  headerState,
  jobActive,
  MAX_BULK_IDS,
  NO_SELECTION,
  type Selection,
  selectAllMatching,
  selectedCount,
  toggleLoaded,
} from "./bulk-selection";

const ORDER = ["t1", "t2", "t3", "t4", "t5", "t6"];
const ids = (s: Selection) => ORDER.filter((id) => s.ids.has(id));
const click = (s: Selection, id: string, shift = false) => clickRow(s, ORDER, id, shift);

describe("clicking rows", () => {
  test("a click ticks a row, a second click unticks it", () => {
    const one = click(NO_SELECTION, "t2");
    expect(ids(one)).toEqual(["t2"]);
    expect(one.anchor).toBe("t2");
    expect(ids(click(one, "t2"))).toEqual([]);
  });

  test("shift-click ticks the range from the last row clicked, both ends included, either way", () => {
    const down = click(click(NO_SELECTION, "t2"), "t5", true);
    expect(ids(down)).toEqual(["t2", "t3", "t4", "t5"]);
    const up = click(click(NO_SELECTION, "t5"), "t2", true);
    expect(ids(up)).toEqual(["t2", "t3", "t4", "t5"]);
  });

  test("shift-click on a ticked row unticks the range; the range then starts from it", () => {
    const all = toggleLoaded(NO_SELECTION, ORDER);
    const anchored = click(click(all, "t2"), "t2");
    expect(ids(anchored)).toEqual(ORDER);
    const cleared = click(anchored, "t4", true);
    expect(ids(cleared)).toEqual(["t1", "t5", "t6"]);
    expect(ids(click(cleared, "t6", true))).toEqual(["t1"]);
  });

  test("shift-click with no anchor (or one no longer listed) ticks just that row", () => {
    expect(ids(click(NO_SELECTION, "t3", true))).toEqual(["t3"]);
    const stale: Selection = { ids: new Set(), anchor: "gone", allMatching: false };
    expect(ids(click(stale, "t3", true))).toEqual(["t3"]);
  });

  test("the state is never changed in place", () => {
    const before = click(NO_SELECTION, "t1");
    click(before, "t2");
    expect(ids(before)).toEqual(["t1"]);
    expect(NO_SELECTION.ids.size).toBe(0);
  });
});

describe("the header checkbox and all matching", () => {
  test("none, some (indeterminate) or all of the loaded rows", () => {
    expect(headerState(NO_SELECTION, ORDER)).toBe("none");
    expect(headerState(click(NO_SELECTION, "t1"), ORDER)).toBe("some");
    expect(headerState(toggleLoaded(NO_SELECTION, ORDER), ORDER)).toBe("all");
    expect(headerState(NO_SELECTION, [])).toBe("none");
  });

  test("ticks every loaded row, then unticks them all", () => {
    const some = click(NO_SELECTION, "t3");
    const all = toggleLoaded(some, ORDER);
    expect(ids(all)).toEqual(ORDER);
    expect(toggleLoaded(all, ORDER)).toEqual(NO_SELECTION);
  });

  test("all matching stands for the filter until a row is clicked", () => {
    const all = selectAllMatching(toggleLoaded(NO_SELECTION, ORDER), ORDER);
    expect(all.allMatching).toBe(true);
    expect(selectedCount(all, 230)).toBe(230);
    expect(bulkTarget(all, { tag: "spam" })).toEqual({ filter: { tag: "spam" } });
    const narrowed = click(all, "t1");
    expect(narrowed.allMatching).toBe(false);
    expect(selectedCount(narrowed, 230)).toBe(5);
    expect(bulkTarget(narrowed, { tag: "spam" })).toEqual({ ids: ["t2", "t3", "t4", "t5", "t6"] });
  });
});

describe("what a bulk call names", () => {
  test("nothing selected, or too many one by one, says what to do", () => {
    expect(bulkTarget(NO_SELECTION, {})).toHaveProperty("error");
    const many = toggleLoaded(
      NO_SELECTION,
      Array.from({ length: MAX_BULK_IDS + 1 }, (_, i) => `t${i}`),
    );
    expect(bulkTarget(many, {})).toEqual({
      error: expect.stringContaining("select all tickets matching the filter"),
    });
  });
});

describe("the toolbar's change", () => {
  const blank = { status: "", priority: "", assignee: "", addTag: "", removeTag: "" } as const;
  test("only what was chosen; unassign is null; tags trimmed and lower-cased", () => {
    expect(changesOf(blank)).toEqual({});
    expect(
      changesOf({
        ...blank,
        status: "closed",
        assignee: "none",
        addTag: " Spam ",
        removeTag: "VIP",
      }),
    ).toEqual({ status: "closed", assigneeId: null, addTags: ["spam"], removeTags: ["vip"] });
    expect(changesOf({ ...blank, priority: "high", assignee: "u1" })).toEqual({
      priority: "high",
      assigneeId: "u1",
    });
    // A team: "" is no change, "none" takes the tickets out of their team.
    expect(changesOf({ ...blank, team: "" })).toEqual({});
    expect(changesOf({ ...blank, team: "none" })).toEqual({ teamId: null });
    expect(changesOf({ ...blank, team: "t1" })).toEqual({ teamId: "t1" });
  });

  test("the outcome, said for people", () => {
    expect(describeResult({ updated: 1, unchanged: 0, skipped: [] })).toBe("Updated 1 ticket.");
    expect(describeResult({ updated: 3, unchanged: 2, skipped: [{}] })).toBe(
      "Updated 3 tickets; 2 tickets already as asked; 1 ticket skipped.",
    );
    expect(describeResult({ updated: 0, unchanged: 0, skippedCount: 4 })).toBe(
      "Updated 0 tickets; 4 tickets skipped.",
    );
  });

  test("a bulk job is polled while queued or running, and its end said with the reason", () => {
    const states = ["queued", "running", "done", "failed", "unknown", undefined] as const;
    expect(states.map((state) => jobActive(state))).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
    const job = {
      jobId: "j1",
      total: 230,
      processed: 100,
      updated: 98,
      unchanged: 0,
      skippedCount: 2,
      skipped: [],
      reason: "Whoever started this change is no longer a member of this tenant.",
      startedBy: { userId: "u1", apiKeyId: null },
      startedAt: "2025-01-01T00:00:00.000Z",
      updatedAt: "2025-01-01T00:00:01.000Z",
    };
    expect(describeJobEnd({ state: "failed", job: { ...job, state: "failed" } })).toBe(
      "The change stopped after 100 of 230 tickets. Whoever started this change is no longer a member of this tenant. Updated 98 tickets; 2 tickets skipped.",
    );
    expect(
      describeJobEnd({
        state: "done",
        job: { ...job, state: "done", processed: 230, updated: 228, reason: null },
      }),
    ).toBe("Updated 228 tickets; 2 tickets skipped.");
    expect(describeJobEnd({ state: "unknown", job: null })).toContain("no longer available");
  });
});
