// Custom field values checked against their definitions: one pure function the ticket sidebar,
// the API and the help centre's contact form share, with messages naming the field's label.
import type { TicketFieldType, TicketFieldValue } from "@supportdesk/domain";
import { AppError } from "../errors";

/** What checking a value needs to know of its field. */
export type FieldDefinition = {
  id: string;
  label: string;
  type: TicketFieldType;
  options: string[];
  required: boolean;
  archivedAt?: Date | string | null | undefined;
};

/** Limits a value must keep (the settings screen and the zod inputs say the same). */
export const FIELD_LIMITS = {
  text: 2000,
  multiselect: 50,
} as const;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar day written YYYY-MM-DD. */
export function isDay(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

const bad = (field: FieldDefinition, message: string) =>
  new AppError("BAD_REQUEST", `"${field.label}" ${message}`, { field: `fields.${field.id}` });

const listOf = (options: string[]) => options.join(", ");

/** One value, normalised (null: the field is cleared), or BAD_REQUEST naming the field. */
function checkValue(field: FieldDefinition, value: unknown): TicketFieldValue | null {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case "text": {
      if (typeof value !== "string") throw bad(field, "must be text.");
      const text = value.trim();
      if (text.length > FIELD_LIMITS.text) {
        throw bad(field, `must be at most ${FIELD_LIMITS.text} characters.`);
      }
      return text === "" ? null : text;
    }
    case "number":
      if (typeof value !== "number" || !Number.isFinite(value))
        throw bad(field, "must be a number.");
      return value;
    case "select":
      if (value === "") return null;
      if (typeof value !== "string" || !field.options.includes(value)) {
        throw bad(field, `must be one of: ${listOf(field.options)}.`);
      }
      return value;
    case "multiselect": {
      if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
        throw bad(field, `must be a list of choices from: ${listOf(field.options)}.`);
      }
      const unknown = value.find((v) => !field.options.includes(v));
      if (unknown !== undefined) {
        throw bad(field, `must only hold choices from: ${listOf(field.options)}.`);
      }
      if (new Set(value).size !== value.length) throw bad(field, "lists a choice twice.");
      if (value.length > FIELD_LIMITS.multiselect) {
        throw bad(field, `may hold at most ${FIELD_LIMITS.multiselect} choices.`);
      }
      // Stored in the field's own order, so equal selections are equal values (and filters match).
      return value.length === 0 ? null : field.options.filter((o) => value.includes(o));
    }
    case "date":
      if (typeof value !== "string" || !isDay(value)) {
        throw bad(field, "must be a date written YYYY-MM-DD.");
      }
      return value;
    case "checkbox":
      if (typeof value !== "boolean") throw bad(field, "must be ticked or not (true or false).");
      // A required checkbox is one that must be ticked (an agreement, a confirmation).
      return !value && field.required ? null : value;
  }
}

/**
 * Checks `values` (field id → value, null to clear) against the fields' definitions and returns
 * them normalised: text trimmed, an empty text, choice or list becomes null (cleared), a
 * multi-select in the field's order. Refuses with BAD_REQUEST (`field: "fields.<id>"`, a message
 * naming the label) a value of the wrong kind, an unknown or archived field, and clearing a
 * required one. With `complete`, every required field must be given a value too (a form that
 * asks them all, like the help centre's contact form).
 *
 * @example
 * validateFieldValues([{ id, label: "Plan", type: "select", options: ["Free", "Pro"], required: false }],
 *   { [id]: "Gold" }); // throws: "Plan" must be one of: Free, Pro.
 */
export function validateFieldValues(
  definitions: readonly FieldDefinition[],
  values: Record<string, unknown>,
  options: { complete?: boolean } = {},
): Record<string, TicketFieldValue | null> {
  const byId = new Map(definitions.filter((d) => !d.archivedAt).map((d) => [d.id, d]));
  const result: Record<string, TicketFieldValue | null> = {};
  for (const [id, value] of Object.entries(values)) {
    const field = byId.get(id);
    if (!field) {
      throw new AppError(
        "BAD_REQUEST",
        "One of the fields given is not a ticket field here (it may have been archived); reload and try again.",
        { field: `fields.${id}` },
      );
    }
    const checked = checkValue(field, value);
    if (checked === null && field.required) {
      throw bad(field, field.type === "checkbox" ? "must be ticked." : "is required.");
    }
    result[id] = checked;
  }
  if (options.complete) {
    const missing = [...byId.values()].find((f) => f.required && !(f.id in result));
    if (missing)
      throw bad(missing, missing.type === "checkbox" ? "must be ticked." : "is required.");
  }
  return result;
}

/**
 * A posted HTML form's answers (field id → the string, or strings, it sent) as the values
 * `validateFieldValues` takes: numbers parsed, a checkbox ticked when sent at all, a multi-select's
 * boxes as a list, an empty answer as null. Only `definitions`' fields are read; a number that is
 * not one stays a string, so the check refuses it naming the field.
 *
 * @example
 * valuesFromForm(contactFields, { [seatsId]: "12", [vipId]: "on" }); // { [seatsId]: 12, [vipId]: true, … }
 */
export function valuesFromForm(
  definitions: readonly FieldDefinition[],
  form: Record<string, string | string[] | undefined>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of definitions) {
    const sent = form[field.id];
    const all = sent === undefined ? [] : Array.isArray(sent) ? sent : [sent];
    const first = (all[0] ?? "").trim();
    switch (field.type) {
      case "checkbox":
        values[field.id] = all.length > 0 && first !== "false";
        break;
      case "multiselect":
        values[field.id] = all.filter((v) => v !== "");
        break;
      case "number":
        values[field.id] =
          first === "" ? null : Number.isFinite(Number(first)) ? Number(first) : first;
        break;
      default:
        values[field.id] = first === "" ? null : first;
    }
  }
  return values;
}
