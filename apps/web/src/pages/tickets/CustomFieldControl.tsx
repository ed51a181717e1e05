// One custom field in a ticket's properties, editable: the control its type calls for, saved
// through fields.setValues on change (choices, checkboxes) or when left (text, numbers, dates),
// with its own "Saving…/Saved" line and the server's refusal beside it.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type KeyboardEvent, type ReactNode, useEffect, useId, useState } from "react";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useSavedFlag } from "../../lib/use-saved-flag";
import {
  differs,
  type FieldValue,
  inputText,
  removedChoices,
  type TicketField,
  toggledChoices,
  valueFromInput,
} from "./custom-field-values";

/** Saving one field's value; the ticket's cached copy takes the answer at once. */
function useSaveValue(ticketId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = trpc.tickets.get.queryKey({ id: ticketId });
  return useMutation(
    trpc.fields.setValues.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(key, (previous) =>
          previous ? { ...previous, customFields: data.customFields } : previous,
        );
        return Promise.all([
          queryClient.invalidateQueries({ queryKey: key }),
          queryClient.invalidateQueries({ queryKey: trpc.tickets.list.pathKey() }),
        ]);
      },
    }),
  );
}

// A number is typed as text (a number input reports half-typed "1e" as empty, which would clear
// the field); the server's check and ours say what is wrong with it.
const INPUT_TYPES = { text: "text", number: "text", date: "date" } as const;

export function CustomFieldControl({
  ticketId,
  field,
  value,
}: {
  ticketId: string;
  field: TicketField;
  value: unknown;
}) {
  const id = useId();
  const save = useSaveValue(ticketId);
  const [saved, setSaved] = useSavedFlag();
  const [problem, setProblem] = useState<string | null>(null);
  const send = (next: FieldValue) => {
    setProblem(null);
    if (!differs(value, next)) return;
    setSaved(false);
    save.mutate({ ticketId, values: { [field.id]: next } }, { onSuccess: () => setSaved(true) });
  };
  // While a choice is on its way, show the one picked (the stored one comes back if refused).
  const shown =
    save.isPending && save.variables ? (save.variables.values[field.id] ?? null) : value;
  const error = problem ?? (save.error ? errorMessage(save.error) : null);
  const ids = {
    hint: `${id}-hint`,
    error: `${id}-error`,
    removed: `${id}-removed`,
  };
  const removed = removedChoices(field, value);
  const describedBy =
    [
      field.description ? ids.hint : null,
      removed.length ? ids.removed : null,
      error ? ids.error : null,
    ]
      .filter(Boolean)
      .join(" ") || undefined;
  const aria = {
    "aria-describedby": describedBy,
    "aria-invalid": error ? true : undefined,
    "aria-required": field.required || undefined,
  };
  const label = (
    <>
      {field.label}
      {field.required ? <span className="muted small"> (required)</span> : null}
    </>
  );

  let control: ReactNode;
  switch (field.type) {
    case "select":
      control = (
        <>
          <label htmlFor={id} className="field-label">
            {label}
          </label>
          <select
            id={id}
            {...aria}
            value={inputText(shown)}
            onChange={(event) => send(event.target.value === "" ? null : event.target.value)}
          >
            <option value="">{field.required ? "Choose…" : "—"}</option>
            {field.options.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
            {removed.map((option) => (
              <option key={option} value={option}>
                {option} (removed choice)
              </option>
            ))}
          </select>
        </>
      );
      break;
    case "multiselect":
      control = (
        <fieldset className="custom-field-choices" aria-describedby={describedBy}>
          <legend className="field-label">{label}</legend>
          {field.options.map((option) => (
            <label key={option} className="custom-field-choice">
              <input
                type="checkbox"
                checked={Array.isArray(shown) && shown.includes(option)}
                onChange={(event) =>
                  send(toggledChoices(field, value, option, event.target.checked))
                }
              />
              {option}
            </label>
          ))}
        </fieldset>
      );
      break;
    case "checkbox":
      control = (
        <label className="custom-field-check">
          <input
            type="checkbox"
            {...aria}
            checked={shown === true}
            onChange={(event) => send(event.target.checked)}
          />
          {label}
        </label>
      );
      break;
    default:
      control = (
        <>
          <label htmlFor={id} className="field-label">
            {label}
          </label>
          <DraftInput
            id={id}
            aria={aria}
            type={INPUT_TYPES[field.type]}
            inputMode={field.type === "number" ? "decimal" : undefined}
            stored={inputText(value)}
            maxLength={field.type === "text" ? 2000 : undefined}
            onCommit={(text) => {
              const next = valueFromInput(field, text);
              if (next === undefined) setProblem(`“${field.label}” must be a number.`);
              else send(next);
            }}
          />
        </>
      );
  }

  return (
    <div className="field custom-field">
      {control}
      {field.description ? (
        <div className="hint" id={ids.hint}>
          {field.description}
        </div>
      ) : null}
      {removed.length ? (
        <div className="hint" id={ids.removed}>
          {field.type === "multiselect"
            ? `Also holds ${removed.map((r) => `“${r}”`).join(", ")}, no longer a choice; changing this drops it.`
            : "Its value is no longer one of the choices."}
        </div>
      ) : null}
      {error ? (
        <div className="error" id={ids.error} role="alert">
          {error}
        </div>
      ) : null}
      <div className="save-state" aria-live="polite">
        {save.isPending ? (
          <span className="muted">Saving…</span>
        ) : saved && !error ? (
          <span className="muted">Saved</span>
        ) : null}
      </div>
    </div>
  );
}

/** A text or date input kept as typed, committed when left or on Enter. */
function DraftInput({
  id,
  aria,
  type,
  inputMode,
  stored,
  maxLength,
  onCommit,
}: {
  id: string;
  aria: Record<string, string | boolean | undefined>;
  type: "text" | "date";
  inputMode: "decimal" | undefined;
  stored: string;
  maxLength: number | undefined;
  onCommit: (text: string) => void;
}) {
  const [draft, setDraft] = useState(stored);
  // A save (here or by someone else) brings the stored value back in.
  useEffect(() => setDraft(stored), [stored]);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") onCommit(event.currentTarget.value);
    if (event.key === "Escape") setDraft(stored);
  };
  return (
    <input
      id={id}
      {...aria}
      type={type}
      value={draft}
      maxLength={maxLength}
      inputMode={inputMode}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={(event) => onCommit(event.target.value)}
      onKeyDown={onKeyDown}
    />
  );
}
