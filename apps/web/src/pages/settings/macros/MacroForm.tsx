// Creating or editing a canned reply: its name, its text (with the placeholders to click in), what
// it also does to the ticket, and — for those with macro.manage — whether the team shares it.
import {
  MACRO_PLACEHOLDERS,
  type MacroPlaceholder,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
} from "@supportdesk/domain";
import type { RouterOutputs } from "@supportdesk/trpc";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useLayoutEffect, useRef, useState } from "react";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { Button, Field, SelectField } from "../../../ui";
import { placeholderText, unknownPlaceholders } from "../../tickets/macro-format";
import { InlineError, messageFor } from "../shared";
import { type AssignChoice, actionsOf, formFor, insertPlaceholder } from "./macro-form";

export type Macro = RouterOutputs["macros"]["list"][number];

const PLACEHOLDERS = Object.entries(MACRO_PLACEHOLDERS) as [MacroPlaceholder, string][];
const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

/** The first message the server gave for a field or anything under it ("actions.addTags.0"). */
function messageUnder(error: unknown, field: string): string | null {
  const data = (error as { data?: { field?: string | null; fieldErrors?: Record<string, string> } })
    ?.data;
  const key = Object.keys(data?.fieldErrors ?? {}).find((k) => k.startsWith(field));
  if (key) return `${label(data?.fieldErrors?.[key] ?? "")}.`;
  return data?.field?.startsWith(field) && error instanceof Error ? error.message : null;
}

/** `macro` to edit it; without, a new one. `canManage`: may share (macro.manage). */
export function MacroForm({
  macro,
  canManage,
  onDone,
}: {
  macro?: Macro;
  canManage: boolean;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const titleId = useId();
  const bodyId = useId();
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const [form, setForm] = useState(() => formFor(macro));
  const [nameMissing, setNameMissing] = useState(false);
  const set = (patch: Partial<typeof form>) => setForm((current) => ({ ...current, ...patch }));
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.macros.list.queryKey() });
    onDone();
  };
  const create = useMutation(trpc.macros.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.macros.update.mutationOptions({ onSuccess: done }));
  const save = macro ? update : create;
  // A clicked placeholder lands at the caret, which then follows it.
  useLayoutEffect(() => {
    const at = pendingCaret.current;
    if (at === null || !bodyRef.current) return;
    pendingCaret.current = null;
    bodyRef.current.focus();
    bodyRef.current.setSelectionRange(at, at);
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = form.name.trim();
    setNameMissing(!name);
    if (!name) return;
    const input = {
      name,
      body: form.body,
      actions: actionsOf(form, macro?.actions),
      ...(canManage ? { shared: form.shared } : {}),
    };
    if (macro) update.mutate({ id: macro.id, ...input });
    else create.mutate(input);
  };
  const addPlaceholder = (name: MacroPlaceholder) => {
    const box = bodyRef.current;
    const selection = box ? { start: box.selectionStart, end: box.selectionEnd } : null;
    const next = insertPlaceholder(form.body, selection, placeholderText(name));
    pendingCaret.current = next.caret;
    set({ body: next.body });
  };

  const nameError = nameMissing ? "Give the canned reply a name." : messageFor(save.error, "name");
  const bodyError = messageFor(save.error, "body");
  const tagsError = messageUnder(save.error, "actions.addTags");
  const assignError = messageUnder(save.error, "actions.assignee");
  const otherError =
    save.error && !nameError && !bodyError && !tagsError && !assignError
      ? errorMessage(save.error)
      : null;
  const unknown = unknownPlaceholders(form.body);
  return (
    <form
      className="card sd-form macro-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={titleId}
    >
      <h3 id={titleId}>{macro ? `Edit “${macro.name}”` : "New canned reply"}</h3>
      <Field
        label="Name"
        value={form.name}
        maxLength={100}
        required
        placeholder="e.g. Refund issued"
        hint="In a reply, type / and the start of the name to insert it."
        onChange={(event) => {
          set({ name: event.target.value });
          setNameMissing(false);
        }}
        error={nameError}
      />
      <div className="field">
        <label htmlFor={bodyId}>Text</label>
        <textarea
          id={bodyId}
          ref={bodyRef}
          rows={7}
          maxLength={20_000}
          value={form.body}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={`${bodyId}-placeholders${bodyError ? ` ${bodyId}-error` : ""}`}
          onChange={(event) => set({ body: event.target.value })}
        />
        {bodyError ? (
          <div className="error" id={`${bodyId}-error`} role="alert">
            {bodyError}
          </div>
        ) : null}
      </div>
      <fieldset className="macro-placeholders" id={`${bodyId}-placeholders`}>
        <legend>Placeholders — filled in for each ticket (click to insert)</legend>
        {PLACEHOLDERS.map(([name, description]) => (
          <button
            key={name}
            type="button"
            className="macro-placeholder"
            title={description}
            aria-label={`Insert ${description.toLowerCase()}`}
            onClick={() => addPlaceholder(name)}
          >
            {placeholderText(name)}
          </button>
        ))}
      </fieldset>
      {unknown.length > 0 ? (
        <p className="hint macro-unknown" role="status">
          Not a placeholder, so sent as written: {unknown.map(placeholderText).join(", ")}
        </p>
      ) : null}
      <fieldset className="macro-actions">
        <legend>When the reply is sent, also…</legend>
        <SelectField
          label="Set status"
          value={form.status}
          onChange={(event) => set({ status: event.target.value as typeof form.status })}
        >
          <option value="">No change</option>
          {TICKET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {label(s)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Set priority"
          value={form.priority}
          onChange={(event) => set({ priority: event.target.value as typeof form.priority })}
        >
          <option value="">No change</option>
          {TICKET_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {label(p)}
            </option>
          ))}
        </SelectField>
        <Field
          label="Add tags"
          value={form.tags}
          placeholder="e.g. billing, refund"
          hint="Separate tags with commas."
          onChange={(event) => set({ tags: event.target.value })}
          error={tagsError}
        />
        <SelectField
          label="Assign"
          value={form.assign}
          onChange={(event) => set({ assign: event.target.value as AssignChoice })}
          error={assignError}
        >
          <option value="">No change</option>
          <option value="me">To whoever uses it</option>
          <option value="none">Unassign</option>
          {formFor(macro).assign === "keep" ? (
            <option value="keep">To the teammate set through the API</option>
          ) : null}
        </SelectField>
      </fieldset>
      {canManage ? (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={form.shared}
            onChange={(event) => set({ shared: event.target.checked })}
          />
          Share with the team: everyone who replies can use it, and those who manage canned replies
          can change it
        </label>
      ) : null}
      <InlineError message={otherError} />
      <div className="sd-actions">
        <Button type="submit" busy={save.isPending}>
          {macro ? "Save canned reply" : "Create canned reply"}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
