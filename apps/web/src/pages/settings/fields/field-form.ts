// The ticket field form's state and what it sends: type names for people, choices one per line.
import type { TicketFieldType } from "@supportdesk/domain";
import { TICKET_FIELD_TYPES } from "@supportdesk/domain";
import type { RouterInputs, RouterOutputs } from "@supportdesk/trpc";

export type TicketField = RouterOutputs["fields"]["list"][number];
type CreateInput = RouterInputs["fields"]["create"];

/** What each type is called on screen, in the order the type menu lists them. */
export const FIELD_TYPE_LABELS: Record<TicketFieldType, string> = {
  text: "Text",
  number: "Number",
  select: "Dropdown (one choice)",
  multiselect: "Multiple choice",
  date: "Date",
  checkbox: "Checkbox",
};
export const FIELD_TYPES = TICKET_FIELD_TYPES;

/** The limits the server enforces, so the form can say them up front. */
export const LIMITS = { label: 80, description: 500, options: 100, option: 100 } as const;

/** Whether a type has choices to list. */
export const hasOptions = (type: TicketFieldType) => type === "select" || type === "multiselect";

export type FieldForm = {
  label: string;
  description: string;
  type: TicketFieldType;
  /** The choices, one per line. */
  optionsText: string;
  required: boolean;
  onContactForm: boolean;
};

/** The form for `field` (editing), or an empty text field (creating). */
export function formFromField(field?: TicketField): FieldForm {
  return {
    label: field?.label ?? "",
    description: field?.description ?? "",
    type: field?.type ?? "text",
    optionsText: field?.options.join("\n") ?? "",
    required: field?.required ?? false,
    onContactForm: field?.onContactForm ?? false,
  };
}

/**
 * The choices written one per line: trimmed, blank lines skipped.
 *
 * @example
 * parseOptions(" Free\n\nPro \n"); // ["Free", "Pro"]
 */
export function parseOptions(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

/** A problem with the choices the form can see before sending, or null. */
export function optionsProblem(form: FieldForm): string | null {
  if (!hasOptions(form.type)) return null;
  const options = parseOptions(form.optionsText);
  if (options.length === 0) return "List at least one choice, one per line.";
  if (options.length > LIMITS.options) return `List at most ${LIMITS.options} choices.`;
  const long = options.find((o) => o.length > LIMITS.option);
  if (long) return `Each choice must be at most ${LIMITS.option} characters.`;
  const twice = options.find((o, i) => options.indexOf(o) !== i);
  if (twice) return `“${twice}” is listed twice.`;
  return null;
}

/** What the form sends (choices only for the types that have them). */
export function toInput(form: FieldForm): CreateInput {
  return {
    label: form.label.trim(),
    description: form.description.trim(),
    type: form.type,
    options: hasOptions(form.type) ? parseOptions(form.optionsText) : [],
    required: form.required,
    onContactForm: form.onContactForm,
  };
}

/** The choices an edit removes (tickets holding them keep the value). */
export function removedOptions(field: TicketField | undefined, form: FieldForm): string[] {
  if (!field || !hasOptions(field.type)) return [];
  const kept = new Set(parseOptions(form.optionsText));
  return field.options.filter((o) => !kept.has(o));
}
