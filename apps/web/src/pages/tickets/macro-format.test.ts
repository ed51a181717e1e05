// Saying what a canned reply does, and spotting placeholders that are not known.
import { describe, expect, test } from "bun:test";
import { actionsSentence, describeActions, unknownPlaceholders } from "./macro-format";

describe("describeActions", () => {
  test("each action is a phrase, in a stable order", () => {
    expect(
      describeActions({
        addTags: ["billing", "vip"],
        status: "pending",
        priority: "high",
        assignee: "me",
        teamId: "t1",
      }),
    ).toEqual([
      "set status to pending",
      "set priority to high",
      "add tags billing, vip",
      "assign to whoever uses it",
      "set the team",
    ]);
    expect(describeActions({})).toEqual([]);
  });

  test("assigning reads for the person using it", () => {
    expect(describeActions({ assignee: "me" }, { applying: true })).toEqual(["assign to you"]);
    expect(describeActions({ assignee: "u1" }, { meId: "u1" })).toEqual(["assign to you"]);
    expect(describeActions({ assignee: "u2" }, { meId: "u1" })).toEqual(["assign to a teammate"]);
    expect(describeActions({ assignee: null, teamId: null, addTags: ["x"] })).toEqual([
      "add tag x",
      "unassign",
      "remove the team",
    ]);
  });

  test("a sentence joins them", () => {
    expect(actionsSentence([])).toBe("");
    expect(actionsSentence(["a"])).toBe("a");
    expect(actionsSentence(["a", "b", "c"])).toBe("a, b and c");
  });
});

describe("unknownPlaceholders", () => {
  test("known ones (spaces allowed) pass; unknown ones are listed once", () => {
    expect(unknownPlaceholders("{{ customer.name }} {{ticket.number}} {{shoe}} {{shoe}}")).toEqual([
      "shoe",
    ]);
    expect(unknownPlaceholders("{{constructor}}")).toEqual(["constructor"]);
  });
});
