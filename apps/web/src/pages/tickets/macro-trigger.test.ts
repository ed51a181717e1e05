// The reply box's `/` trigger: where it starts, what it offers, moving through it, inserting and
// taking an insertion back.
import { describe, expect, test } from "bun:test";
import {
  filterMacros,
  findTrigger,
  insertText,
  MAX_OPTIONS,
  moveActive,
  pickerOpen,
  undoInsertion,
} from "./macro-trigger";

/** The trigger with the caret at the `|` of `marked`. */
const at = (marked: string) => {
  const caret = marked.indexOf("|");
  return findTrigger(marked.replace("|", ""), caret);
};

describe("findTrigger", () => {
  test("a slash at the start, at a line's start or after a space opens it", () => {
    expect(at("/|")).toEqual({ start: 0, end: 1, query: "" });
    expect(at("/ref|")).toEqual({ start: 0, end: 4, query: "ref" });
    expect(at("Hello\n/re|")).toEqual({ start: 6, end: 9, query: "re" });
    expect(at("Thanks! /sign|")).toEqual({ start: 8, end: 13, query: "sign" });
    expect(at("Thanks!\t/x|")).toEqual({ start: 8, end: 10, query: "x" });
  });

  test("the query may hold spaces, and is what lies before the caret", () => {
    expect(at("/refund la|ter")).toEqual({ start: 0, end: 10, query: "refund la" });
  });

  test("a slash inside a word, a path or a date is text", () => {
    expect(at("and/or|")).toBeNull();
    expect(at("see https://x.test/a|")).toBeNull();
    expect(at("on 1/2|")).toBeNull();
  });

  test("nothing after a line break, a space right after the slash, or a caret before the slash", () => {
    expect(at("/ref\nmore|")).toBeNull();
    expect(at("/ ref|")).toBeNull();
    expect(at("|/ref")).toBeNull();
    expect(at(`/${"x".repeat(101)}|`)).toBeNull();
  });

  test("the last slash before the caret counts", () => {
    expect(at("/one /two|")).toEqual({ start: 5, end: 9, query: "two" });
  });
});

describe("filterMacros", () => {
  const macros = [
    { name: "Refund issued" },
    { name: "Shipping delay" },
    { name: "Partial refund" },
    { name: "Greeting" },
    { name: "Preferred hours" },
  ];
  const names = (query: string) => filterMacros(macros, query).map((m) => m.name);

  test("an empty query offers them in the given order, at most the limit", () => {
    expect(names("")).toEqual(macros.map((m) => m.name));
    const many = Array.from({ length: 20 }, (_, i) => ({ name: `M${i}` }));
    expect(filterMacros(many, "").length).toBe(MAX_OPTIONS);
  });

  test("name starts first, then a word start, then anywhere; case does not matter", () => {
    expect(names("REF")).toEqual(["Refund issued", "Partial refund", "Preferred hours"]);
    expect(names("delay")).toEqual(["Shipping delay"]);
    expect(names("zzz")).toEqual([]);
  });
});

describe("pickerOpen and moveActive", () => {
  test("the list shows while something matches or the query is one word", () => {
    expect(pickerOpen(null, 3)).toBe(false);
    expect(pickerOpen({ start: 0, end: 4, query: "xyz" }, 0)).toBe(true);
    expect(pickerOpen({ start: 0, end: 9, query: "no match" }, 0)).toBe(false);
    expect(pickerOpen({ start: 0, end: 9, query: "refund la" }, 1)).toBe(true);
  });

  test("arrows wrap round", () => {
    expect(moveActive(0, 1, 3)).toBe(1);
    expect(moveActive(2, 1, 3)).toBe(0);
    expect(moveActive(0, -1, 3)).toBe(2);
    expect(moveActive(0, 1, 0)).toBe(0);
  });
});

describe("inserting and taking it back", () => {
  test("the chosen text replaces the /query and the caret goes after it", () => {
    const done = insertText("Hi\n/ref and more", 3, 7, "Your refund is on its way.");
    expect(done.after).toBe("Hi\nYour refund is on its way. and more");
    expect(done.caret).toBe(3 + "Your refund is on its way.".length);
  });

  test("undo restores the text, or cuts the insertion out of a text edited since", () => {
    const done = insertText("Hi /ref", 3, 7, "BODY");
    expect(undoInsertion(done.after, done)).toEqual({ text: "Hi /ref", caret: 7 });
    expect(undoInsertion(`${done.after} thanks`, done)).toEqual({ text: "Hi  thanks", caret: 3 });
    expect(undoInsertion(`Hello! ${done.after}`, done)).toEqual({ text: "Hello! Hi ", caret: 10 });
    expect(undoInsertion("all rewritten", done)).toEqual({ text: "all rewritten", caret: 13 });
    // In the middle of the text: the caret returns to the end of the query.
    const mid = insertText("A /x B", 2, 4, "BODY");
    expect(undoInsertion(mid.after, mid)).toEqual({ text: "A /x B", caret: 4 });
  });
});
