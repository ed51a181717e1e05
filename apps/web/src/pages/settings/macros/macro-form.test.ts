// The canned-reply form: from a canned reply, to the actions it sends, and placeholders put in.
import { describe, expect, test } from "bun:test";
import { actionsOf, formFor, insertPlaceholder, parseTags } from "./macro-form";

describe("the form's state", () => {
  test("a new one is empty (shared when asked); an existing one fills it", () => {
    expect(formFor()).toEqual({
      name: "",
      body: "",
      shared: false,
      status: "",
      priority: "",
      tags: "",
      assign: "",
    });
    expect(formFor(undefined, true).shared).toBe(true);
    expect(
      formFor({
        name: "Refund",
        body: "Done",
        shared: true,
        actions: { status: "resolved", addTags: ["billing", "vip"], assignee: null },
      }),
    ).toMatchObject({ status: "resolved", tags: "billing, vip", assign: "none", shared: true });
    expect(
      formFor({ name: "a", body: "", shared: false, actions: { assignee: "u1" } }).assign,
    ).toBe("keep");
  });
});

describe("actionsOf", () => {
  test("sends only what is set, tags parsed", () => {
    const state = { ...formFor(), status: "pending" as const, tags: "Billing, vip,, billing " };
    expect(actionsOf(state)).toEqual({ status: "pending", addTags: ["billing", "vip"] });
    expect(actionsOf({ ...formFor(), assign: "me" })).toEqual({ assignee: "me" });
    expect(actionsOf({ ...formFor(), assign: "none" })).toEqual({ assignee: null });
    expect(actionsOf(formFor())).toEqual({});
  });

  test("keeps a teammate and a team set elsewhere, unless the choice changed", () => {
    const original = { assignee: "u1", teamId: "t1" };
    const state = formFor({ name: "a", body: "", shared: false, actions: original });
    expect(actionsOf(state, original)).toEqual({ assignee: "u1", teamId: "t1" });
    expect(actionsOf({ ...state, assign: "" }, original)).toEqual({ teamId: "t1" });
  });

  test("parseTags trims, lower-cases and drops repeats and blanks", () => {
    expect(parseTags(" A, b ,,a")).toEqual(["a", "b"]);
    expect(parseTags("")).toEqual([]);
  });
});

describe("insertPlaceholder", () => {
  test("at the caret, over a selection, or at the end", () => {
    expect(insertPlaceholder("Hi !", { start: 3, end: 3 }, "{{customer.name}}")).toEqual({
      body: "Hi {{customer.name}}!",
      caret: 20,
    });
    expect(insertPlaceholder("Hi NAME!", { start: 3, end: 7 }, "{{x}}").body).toBe("Hi {{x}}!");
    expect(insertPlaceholder("Hi", null, " {{x}}")).toEqual({ body: "Hi {{x}}", caret: 8 });
  });
});
