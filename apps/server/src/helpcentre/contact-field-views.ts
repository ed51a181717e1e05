// The custom fields a tenant asks on its contact form, as HTML: one labelled control per field
// type, its description as a hint, its problem beside it, and what the visitor entered kept.
import { fields as customFields, type helpCentre } from "@supportdesk/services";
import { h, type Markup } from "./markup";

/** A custom field the form asks (active, marked for the contact form), in its order. */
export type AskedField = Awaited<ReturnType<typeof helpCentre.contactForm>>["fields"][number];

/** Field id → every value the visitor posted for it (several for a multi-select). */
export type Answers = Record<string, string[]>;

/** The posted name of a field's control: `field.<id>`. */
export const answerName = (fieldId: string) => `field.${fieldId}`;

/** The custom fields' answers in a posted form, by field id (the form's other names ignored). */
export function answersOf(posted: Record<string, string[]>): Answers {
  // fromEntries defines each key, so a posted `field.__proto__` is only a name.
  return Object.fromEntries(
    Object.entries(posted)
      .filter(([name]) => name.startsWith("field.") && name.length > 6)
      .map(([name, values]) => [name.slice(6), values]),
  );
}

/**
 * The id of the element a problem about `key` links to: a custom field's (`fields.<id>`) control
 * (a multi-select's first box), else the form field of that name.
 */
export const targetOf = (key: string): string =>
  key.startsWith("fields.") ? controlId(key.slice(7)) : key;

const controlId = (fieldId: string) => `cf-${fieldId}`;

type Parts = {
  id: string;
  name: string;
  problem: string | undefined;
  hint: Markup | null;
  error: Markup | null;
  /** The ids of the problem and hint, as aria-describedby lists them ("" for none). */
  describedBy: string;
  /** What a single control carries: required, aria-invalid, aria-describedby. */
  aria: Markup;
  label: Markup;
};

function partsOf(field: AskedField, problem: string | undefined): Parts {
  const id = controlId(field.id);
  const hintId = field.description ? `${id}-hint` : null;
  const errorId = problem ? `${id}-error` : null;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ");
  // A group of boxes is not required box by box; like every field, it says "(optional)" when not.
  const required = field.required && field.type !== "multiselect";
  return {
    id,
    name: answerName(field.id),
    problem,
    hint: hintId ? h`<p class="muted field-hint" id="${hintId}">${field.description}</p>` : null,
    error: errorId ? h`<p class="field-error" id="${errorId}">${problem}</p>` : null,
    describedBy,
    aria: h`${required ? h` required` : null}${problem ? h` aria-invalid="true"` : null}${describedBy ? h` aria-describedby="${describedBy}"` : null}`,
    label: h`${field.label}${field.required ? null : h` <span class="muted">(optional)</span>`}`,
  };
}

function control(field: AskedField, p: Parts, answer: string[]): Markup {
  const first = answer[0] ?? "";
  switch (field.type) {
    case "text":
      return h`<input id="${p.id}" name="${p.name}" type="text" maxlength="${customFields.FIELD_LIMITS.text}" value="${first}"${p.aria}>`;
    case "number":
      return h`<input id="${p.id}" name="${p.name}" type="text" inputmode="decimal" value="${first}"${p.aria}>`;
    case "date":
      return h`<input id="${p.id}" name="${p.name}" type="date" value="${first}"${p.aria}>`;
    case "select":
      return h`<select id="${p.id}" name="${p.name}"${p.aria}>
<option value="">Choose one…</option>
${field.options.map((o) => h`<option value="${o}"${o === first ? h` selected` : null}>${o}</option>`)}
</select>`;
    case "checkbox":
    case "multiselect":
      throw new Error(`${field.type} fields are not a single control`);
  }
}

/** One custom field: its label, hint, problem and control. */
function askedField(field: AskedField, problem: string | undefined, answer: string[]): Markup {
  const p = partsOf(field, problem);
  const wrap = `field${problem ? " has-error" : ""}`;
  if (field.type === "checkbox") {
    const ticked = answer.length > 0 && answer[0] !== "false";
    return h`<div class="${wrap} checkbox-field">
${p.error}
<input id="${p.id}" name="${p.name}" type="checkbox" value="on"${ticked ? h` checked` : null}${p.aria}>
<label for="${p.id}">${p.label}</label>
${p.hint}
</div>`;
  }
  if (field.type === "multiselect") {
    const chosen = new Set(answer);
    // The group is described by its problem and hint; each box says whether it is wrong.
    return h`<fieldset class="${wrap} choices"${p.describedBy ? h` aria-describedby="${p.describedBy}"` : null}>
<legend>${p.label}</legend>
${p.hint}
${p.error}
${field.options.map((option, i) => {
  const id = i === 0 ? p.id : `${p.id}-${i}`;
  return h`<div class="choice"><input id="${id}" name="${p.name}" type="checkbox" value="${option}"${chosen.has(option) ? h` checked` : null}${p.problem ? h` aria-invalid="true"` : null}> <label for="${id}">${option}</label></div>`;
})}
</fieldset>`;
  }
  return h`<div class="${wrap}">
<label for="${p.id}">${p.label}</label>
${p.hint}
${p.error}
${control(field, p, answer)}
</div>`;
}

/** The fields the tenant asks, each with its problem (`fields.<id>`) and what was entered. */
export function askedFields(
  fields: readonly AskedField[],
  problems: helpCentre.ContactProblems,
  answers: Answers,
): Markup[] {
  return fields.map((field) =>
    askedField(field, problems[`fields.${field.id}`], answers[field.id] ?? []),
  );
}
