// A ticket's custom field values as the sidebar shows and edits them: text for people, what each
// control holds, choices no longer offered, and the value a control's change sends.
import type { RouterOutputs } from "@supportdesk/trpc";

export type TicketField = RouterOutputs["fields"]["list"][number];
/** What the server takes for one field: a value, or null to clear it. */
export type FieldValue = string | number | boolean | string[] | null;

/** The stored value's choices that the field no longer offers (kept on the ticket). */
export function removedChoices(field: TicketField, value: unknown): string[] {
  if (field.type === "select") {
    return typeof value === "string" && !field.options.includes(value) ? [value] : [];
  }
  if (field.type === "multiselect" && Array.isArray(value)) {
    return value.filter((v): v is string => typeof v === "string" && !field.options.includes(v));
  }
  return [];
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });

/**
 * The value as text for someone who may not change it (null: no value).
 *
 * @example
 * displayValue(planField, "Legacy"); // "Legacy (removed choice)" when Plan no longer offers it
 */
export function displayValue(field: TicketField, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const removed = new Set(removedChoices(field, value));
  const choice = (v: string) => (removed.has(v) ? `${v} (removed choice)` : v);
  switch (field.type) {
    case "checkbox":
      return value === true ? "Yes" : "No";
    case "multiselect":
      return Array.isArray(value) && value.length > 0
        ? value.map(String).map(choice).join(", ")
        : null;
    case "select":
      return choice(String(value));
    case "date": {
      const day = new Date(`${String(value)}T00:00:00Z`);
      return Number.isNaN(day.getTime()) ? String(value) : dayFormat.format(day);
    }
    default:
      return String(value);
  }
}

/** What a text, number, date or select control shows for the stored value. */
export function inputText(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

/**
 * What a text, number, date or select control's text sends: null to clear, a number for a number
 * field, undefined when a number field holds something that is not one.
 */
export function valueFromInput(field: TicketField, text: string): FieldValue | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (field.type === "number") {
    const number = Number(trimmed);
    return Number.isFinite(number) ? number : undefined;
  }
  return field.type === "text" ? trimmed : text;
}

/**
 * A multi-select after ticking or unticking `option`: the field's current choices in its order
 * (a removed choice is dropped by any change), or null when none is left.
 */
export function toggledChoices(
  field: TicketField,
  value: unknown,
  option: string,
  on: boolean,
): string[] | null {
  const held = new Set(Array.isArray(value) ? value : []);
  if (on) held.add(option);
  else held.delete(option);
  const next = field.options.filter((o) => held.has(o));
  return next.length > 0 ? next : null;
}

/** Whether sending `next` would change what is stored. */
export function differs(stored: unknown, next: FieldValue): boolean {
  return JSON.stringify(stored ?? null) !== JSON.stringify(next);
}
