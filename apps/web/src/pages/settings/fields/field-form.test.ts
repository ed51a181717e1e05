// The ticket field form's pure parts: choices one per line, what is sent, what an edit removes.
import { describe, expect, test } from "bun:test";
import { optionsSummary } from "./FieldRow";
import {
  type FieldForm,
  formFromField,
  optionsProblem,
  parseOptions,
  removedOptions,
  type TicketField,
  toInput,
} from "./field-form";

const plan: TicketField = {
  id: "f1",
  label: "Plan",
  description: "",
  type: "select",
  options: ["Free", "Pro", "Team"],
  required: true,
  onContactForm: false,
  position: 0,
  archivedAt: null,
  createdAt: "2024-01-01T00:00:00.000Z",
  updatedAt: "2024-01-01T00:00:00.000Z",
};
const form = (changes: Partial<FieldForm>): FieldForm => ({ ...formFromField(), ...changes });

describe("field form", () => {
  test("choices are one per line, trimmed, blank lines skipped", () => {
    expect(parseOptions(" Free\n\n  Pro \r\n")).toEqual(["Free", "Pro"]);
    expect(formFromField(plan).optionsText).toBe("Free\nPro\nTeam");
  });

  test("choices are checked only for select types", () => {
    expect(optionsProblem(form({ type: "text", optionsText: "" }))).toBeNull();
    expect(optionsProblem(form({ type: "select", optionsText: "\n " }))).toBe(
      "List at least one choice, one per line.",
    );
    expect(optionsProblem(form({ type: "multiselect", optionsText: "A\nB\nA" }))).toBe(
      "“A” is listed twice.",
    );
    expect(optionsProblem(form({ type: "select", optionsText: "x".repeat(101) }))).toContain(
      "at most 100 characters",
    );
  });

  test("what is sent: trimmed, and no choices for a type without them", () => {
    expect(
      toInput(form({ label: " Seats ", type: "number", optionsText: "left over", required: true })),
    ).toEqual({
      label: "Seats",
      description: "",
      type: "number",
      options: [],
      required: true,
      onContactForm: false,
    });
    expect(
      toInput(form({ label: "Plan", type: "select", optionsText: "Free\nPro" })).options,
    ).toEqual(["Free", "Pro"]);
  });

  test("an edit's removed choices are named (tickets keep them)", () => {
    expect(
      removedOptions(plan, { ...formFromField(plan), optionsText: "Pro\nEnterprise" }),
    ).toEqual(["Free", "Team"]);
    expect(removedOptions(undefined, form({ type: "select" }))).toEqual([]);
  });

  test("a long list of choices is summarised", () => {
    expect(optionsSummary(["A", "B"])).toBe("A, B");
    expect(optionsSummary(["A", "B", "C", "D", "E", "F"])).toBe("A, B, C, D and 2 more");
  });
});
