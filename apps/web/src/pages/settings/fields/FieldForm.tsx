// Creating or editing a ticket field: label, description, type (fixed once created), choices one
// per line for the select types, required, and whether the help centre's contact form asks it.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { Button, Field, SelectField, TextAreaField } from "../../../ui";
import { InlineError, messageFor } from "../shared";
import {
  FIELD_TYPE_LABELS,
  FIELD_TYPES,
  type FieldForm as FormState,
  formFromField,
  hasOptions,
  LIMITS,
  optionsProblem,
  removedOptions,
  type TicketField,
  toInput,
} from "./field-form";

/** After any change to fields: the settings list and every ticket's sidebar. */
export function useRefreshFields() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.fields.pathKey() });
}

/** `field` to edit it; without, a new field. `onDone` after saving or cancelling. */
export function FieldForm({ field, onDone }: { field?: TicketField; onDone: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshFields();
  const titleId = useId();
  const [form, setForm] = useState<FormState>(() => formFromField(field));
  const [checked, setChecked] = useState(false);
  const done = async () => {
    await refresh();
    onDone();
  };
  const create = useMutation(trpc.fields.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.fields.update.mutationOptions({ onSuccess: done }));
  const save = field ? update : create;
  const change = (changes: Partial<FormState>) =>
    setForm((current) => ({ ...current, ...changes }));

  const labelMissing = checked && !form.label.trim() ? "Give the field a label." : null;
  const localOptions = checked ? optionsProblem(form) : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (!form.label.trim() || optionsProblem(form)) return;
    const input = toInput(form);
    if (field) {
      const { type: _fixed, ...changes } = input;
      update.mutate({ id: field.id, ...changes });
    } else create.mutate(input);
  };
  const removed = removedOptions(field, form);
  const errorFor = (name: string) => messageFor(save.error, name);
  const shownByAField = ["label", "description", "type", "options"].some((n) => errorFor(n));
  return (
    <form
      className="card sd-form sd-field-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={titleId}
    >
      <h3 id={titleId}>{field ? `Edit “${field.label}”` : "New ticket field"}</h3>
      <Field
        label="Label"
        value={form.label}
        maxLength={LIMITS.label}
        required
        placeholder="e.g. Plan"
        onChange={(event) => change({ label: event.target.value })}
        error={labelMissing ?? errorFor("label")}
      />
      <TextAreaField
        label="Description (optional)"
        hint="Shown to agents under the field, and to customers when the contact form asks it."
        value={form.description}
        maxLength={LIMITS.description}
        rows={2}
        onChange={(event) => change({ description: event.target.value })}
        error={errorFor("description")}
      />
      <SelectField
        label="Type"
        value={form.type}
        disabled={Boolean(field)}
        hint={
          field
            ? "A field's type can't change once it exists: create a new field instead."
            : "This can't be changed later."
        }
        onChange={(event) => change({ type: event.target.value as FormState["type"] })}
        error={errorFor("type")}
      >
        {FIELD_TYPES.map((type) => (
          <option key={type} value={type}>
            {FIELD_TYPE_LABELS[type]}
          </option>
        ))}
      </SelectField>
      {hasOptions(form.type) ? (
        <TextAreaField
          label="Choices"
          hint={
            removed.length > 0
              ? `One per line. Tickets that hold ${removed.map((o) => `“${o}”`).join(", ")} keep it, shown as a removed choice.`
              : `One per line, at most ${LIMITS.options}.`
          }
          value={form.optionsText}
          rows={5}
          required
          onChange={(event) => change({ optionsText: event.target.value })}
          error={localOptions ?? errorFor("options")}
        />
      ) : null}
      <label className="sd-check">
        <input
          type="checkbox"
          checked={form.required}
          onChange={(event) => change({ required: event.target.checked })}
        />
        Required
        <span className="sd-small-text sd-muted">
          {form.type === "checkbox"
            ? "Agents can't untick it, and customers must tick it."
            : "Agents can't clear it, and customers must answer it."}
        </span>
      </label>
      <label className="sd-check">
        <input
          type="checkbox"
          checked={form.onContactForm}
          onChange={(event) => change({ onContactForm: event.target.checked })}
        />
        Ask on the help centre's contact form
      </label>
      {save.error && !shownByAField ? <InlineError message={errorMessage(save.error)} /> : null}
      <div className="sd-actions">
        <Button type="submit" busy={save.isPending}>
          {field ? "Save field" : "Create field"}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
