// The sidebar's custom field values: text for readers, removed choices, what a control sends.
import { describe, expect, test } from "bun:test";
import {
  differs,
  displayValue,
  inputText,
  removedChoices,
  type TicketField,
  toggledChoices,
  valueFromInput,
} from "./custom-field-values";

function field(type: TicketField["type"], options: string[] = []): TicketField {
  return {
    id: `f-${type}`,
    label: type,
    description: "",
    type,
    options,
    required: false,
    onContactForm: false,
    position: 0,
    archivedAt: null,
    createdAt: "2024-01-01T00:00:00.000Z",
    updatedAt: "2024-01-01T00:00:00.000Z",
  };
}
const plan = field("select", ["Free", "Pro"]);
const tools = field("multiselect", ["Mail", "Chat", "Phone"]);

describe("custom field values", () => {
  test("a choice no longer offered is named as removed", () => {
    expect(removedChoices(plan, "Legacy")).toEqual(["Legacy"]);
    expect(removedChoices(plan, "Pro")).toEqual([]);
    expect(removedChoices(tools, ["Mail", "Fax"])).toEqual(["Fax"]);
    expect(displayValue(plan, "Legacy")).toBe("Legacy (removed choice)");
    expect(displayValue(tools, ["Mail", "Fax"])).toBe("Mail, Fax (removed choice)");
  });

  test("values as text for readers; no value is null", () => {
    expect(displayValue(field("checkbox"), true)).toBe("Yes");
    expect(displayValue(field("checkbox"), false)).toBe("No");
    expect(displayValue(field("number"), 12.5)).toBe("12.5");
    expect(displayValue(field("text"), undefined)).toBeNull();
    expect(displayValue(tools, [])).toBeNull();
    expect(displayValue(field("date"), "2024-03-05")).toMatch(/2024/);
  });

  test("what a control's text sends", () => {
    expect(inputText(12)).toBe("12");
    expect(inputText(["x"])).toBe("");
    expect(valueFromInput(field("text"), "  hello ")).toBe("hello");
    expect(valueFromInput(field("text"), "   ")).toBeNull();
    expect(valueFromInput(field("number"), " 3.5 ")).toBe(3.5);
    expect(valueFromInput(field("number"), "1e")).toBeUndefined();
    expect(valueFromInput(field("date"), "2024-03-05")).toBe("2024-03-05");
    expect(valueFromInput(plan, "")).toBeNull();
  });

  test("ticking keeps the field's order, drops removed choices, and the last untick clears", () => {
    expect(toggledChoices(tools, ["Phone"], "Mail", true)).toEqual(["Mail", "Phone"]);
    expect(toggledChoices(tools, ["Fax", "Chat"], "Mail", true)).toEqual(["Mail", "Chat"]);
    expect(toggledChoices(tools, ["Chat"], "Chat", false)).toBeNull();
    expect(toggledChoices(tools, undefined, "Chat", true)).toEqual(["Chat"]);
  });

  test("only a real change is sent", () => {
    expect(differs(undefined, null)).toBe(false);
    expect(differs("Pro", "Pro")).toBe(false);
    expect(differs(["Mail"], ["Mail", "Chat"])).toBe(true);
    expect(differs(false, null)).toBe(true);
  });
});
