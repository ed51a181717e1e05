// validateFieldValues: every field type's good and bad values, the messages naming the field's
// label, clearing, required fields, and unknown or archived fields.
import { describe, expect, test } from "bun:test";
import type { TicketFieldType } from "@supportdesk/domain";
import { AppError } from "../errors";
import { type FieldDefinition, isDay, validateFieldValues, valuesFromForm } from "./values";

const ids = {
  text: "00000000-0000-4000-8000-000000000001",
  number: "00000000-0000-4000-8000-000000000002",
  select: "00000000-0000-4000-8000-000000000003",
  multiselect: "00000000-0000-4000-8000-000000000004",
  date: "00000000-0000-4000-8000-000000000005",
  checkbox: "00000000-0000-4000-8000-000000000006",
} satisfies Record<TicketFieldType, string>;

const LABELS: Record<TicketFieldType, string> = {
  text: "Order reference",
  number: "Seats",
  select: "Plan",
  multiselect: "Products",
  date: "Renewal",
  checkbox: "VIP",
};

function field(type: TicketFieldType, extra: Partial<FieldDefinition> = {}): FieldDefinition {
  return {
    id: ids[type],
    label: LABELS[type],
    type,
    options:
      type === "select" ? ["Free", "Pro"] : type === "multiselect" ? ["Mail", "Chat", "Phone"] : [],
    required: false,
    ...extra,
  };
}

const all = (Object.keys(ids) as TicketFieldType[]).map((t) => field(t));

/** The AppError `fn` throws, as code, field and message. */
function refusal(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { code: error.code, field: error.field, message: error.message };
  }
  throw new Error("expected a refusal");
}

const check = (type: TicketFieldType, value: unknown, defs = all) =>
  validateFieldValues(defs, { [ids[type]]: value })[ids[type]];
const refused = (type: TicketFieldType, value: unknown, defs = all) =>
  refusal(() => check(type, value, defs));

describe("good values, normalised", () => {
  test("text is trimmed; empty text clears", () => {
    expect(check("text", "  A-123 ")).toBe("A-123");
    expect(check("text", "   ")).toBeNull();
    expect(check("text", "x".repeat(2000))).toHaveLength(2000);
  });
  test("numbers, choices, dates and checkboxes", () => {
    expect(check("number", 0)).toBe(0);
    expect(check("number", -12.5)).toBe(-12.5);
    expect(check("select", "Pro")).toBe("Pro");
    expect(check("select", "")).toBeNull();
    expect(check("multiselect", ["Phone", "Mail"])).toEqual(["Mail", "Phone"]);
    expect(check("multiselect", [])).toBeNull();
    expect(check("date", "2024-02-29")).toBe("2024-02-29");
    expect(check("checkbox", true)).toBe(true);
    expect(check("checkbox", false)).toBe(false);
  });
  test("null clears any field that is not required", () => {
    for (const type of Object.keys(ids) as TicketFieldType[]) expect(check(type, null)).toBeNull();
  });
  test("several values at once, each under its id", () => {
    expect(
      validateFieldValues(all, { [ids.select]: "Free", [ids.number]: 3, [ids.text]: null }),
    ).toEqual({ [ids.select]: "Free", [ids.number]: 3, [ids.text]: null });
  });
});

describe("bad values are refused, naming the field", () => {
  const cases: [TicketFieldType, unknown, string][] = [
    ["text", 42, `"Order reference" must be text.`],
    ["text", "x".repeat(2001), `"Order reference" must be at most 2000 characters.`],
    ["number", "12", `"Seats" must be a number.`],
    ["number", Number.NaN, `"Seats" must be a number.`],
    ["number", Number.POSITIVE_INFINITY, `"Seats" must be a number.`],
    ["select", "Gold", `"Plan" must be one of: Free, Pro.`],
    ["select", ["Pro"], `"Plan" must be one of: Free, Pro.`],
    ["select", "pro", `"Plan" must be one of: Free, Pro.`],
    ["multiselect", "Mail", `"Products" must be a list of choices from: Mail, Chat, Phone.`],
    ["multiselect", ["Mail", 1], `"Products" must be a list of choices from: Mail, Chat, Phone.`],
    ["multiselect", ["Fax"], `"Products" must only hold choices from: Mail, Chat, Phone.`],
    ["multiselect", ["Mail", "Mail"], `"Products" lists a choice twice.`],
    ["date", "2023-02-29", `"Renewal" must be a date written YYYY-MM-DD.`],
    ["date", "2024-1-05", `"Renewal" must be a date written YYYY-MM-DD.`],
    ["date", "tomorrow", `"Renewal" must be a date written YYYY-MM-DD.`],
    ["date", 20240105, `"Renewal" must be a date written YYYY-MM-DD.`],
    ["checkbox", "true", `"VIP" must be ticked or not (true or false).`],
    ["checkbox", 1, `"VIP" must be ticked or not (true or false).`],
  ];
  for (const [type, value, message] of cases) {
    test(`${type}: ${JSON.stringify(value)?.slice(0, 30)}`, () => {
      expect(refused(type, value)).toEqual({
        code: "BAD_REQUEST",
        field: `fields.${ids[type]}`,
        message,
      });
    });
  }
  test("a multi-select holds at most 50 choices", () => {
    const options = Array.from({ length: 60 }, (_, i) => `Option ${i}`);
    const many = [field("multiselect", { options })];
    expect(refused("multiselect", options.slice(0, 51), many).message).toBe(
      `"Products" may hold at most 50 choices.`,
    );
    expect(check("multiselect", options.slice(0, 50), many)).toHaveLength(50);
  });
});

describe("required fields", () => {
  const required = all.map((f) => ({ ...f, required: true }));
  test("clearing one is refused, naming it (empty text and choices are clearing too)", () => {
    expect(refused("select", null, required)).toEqual({
      code: "BAD_REQUEST",
      field: `fields.${ids.select}`,
      message: `"Plan" is required.`,
    });
    expect(refused("text", "  ", required).message).toBe(`"Order reference" is required.`);
    expect(refused("multiselect", [], required).message).toBe(`"Products" is required.`);
  });
  test("a required checkbox must be ticked", () => {
    expect(refused("checkbox", false, required).message).toBe(`"VIP" must be ticked.`);
    expect(check("checkbox", true, required)).toBe(true);
  });
  test("fields not named are left alone, unless the form must be complete", () => {
    expect(validateFieldValues(required, { [ids.number]: 1 })).toEqual({ [ids.number]: 1 });
    expect(
      refusal(() => validateFieldValues(required, { [ids.number]: 1 }, { complete: true })),
    ).toMatchObject({ field: `fields.${ids.text}`, message: `"Order reference" is required.` });
  });
});

describe("unknown and archived fields", () => {
  test("a field id not defined is refused, naming fields.<id>", () => {
    const stranger = "00000000-0000-4000-8000-0000000000ff";
    expect(refusal(() => validateFieldValues(all, { [stranger]: "x" }))).toMatchObject({
      code: "BAD_REQUEST",
      field: `fields.${stranger}`,
    });
  });
  test("an archived field takes no values (and is not required any more)", () => {
    const archived = all.map((f) => ({ ...f, required: true, archivedAt: new Date() }));
    expect(refused("select", "Pro", archived)).toMatchObject({ field: `fields.${ids.select}` });
    expect(validateFieldValues(archived, {}, { complete: true })).toEqual({});
  });
});

test("isDay: real calendar days only", () => {
  expect(["2024-02-29", "2000-02-29", "1999-12-31"].map(isDay)).toEqual([true, true, true]);
  expect(["1900-02-29", "2024-13-01", "2024-04-31", "2024-00-10"].map(isDay)).toEqual([
    false,
    false,
    false,
    false,
  ]);
});

describe("answers posted by an HTML form", () => {
  test("are read as typed values, then checked like any others", () => {
    const values = valuesFromForm(all, {
      [ids.text]: "  A-1 ",
      [ids.number]: "12",
      [ids.select]: "",
      [ids.multiselect]: ["Mail", "Phone"],
      [ids.date]: "2024-05-01",
      [ids.checkbox]: "on",
      "not-a-field": "ignored",
    });
    expect(validateFieldValues(all, values)).toEqual({
      [ids.text]: "A-1",
      [ids.number]: 12,
      [ids.select]: null,
      [ids.multiselect]: ["Mail", "Phone"],
      [ids.date]: "2024-05-01",
      [ids.checkbox]: true,
    });
    const empty = valuesFromForm(all, { [ids.multiselect]: "Chat" });
    expect(empty).toMatchObject({ [ids.checkbox]: false, [ids.multiselect]: ["Chat"] });
    expect(empty[ids.number]).toBeNull();
  });
  test("a number that is not one is refused naming the field", () => {
    const values = valuesFromForm([field("number")], { [ids.number]: "a dozen" });
    expect(refusal(() => validateFieldValues(all, values)).message).toBe(
      `"Seats" must be a number.`,
    );
  });
});
