// Creating or editing an automation rule as a sentence: "When [a ticket is created] and [all|any]
// of these are true: [Priority] [is] [Urgent] … then: [Set team] [Billing] …", with a preview.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { assignableMembers, useRoles } from "../../../lib/roles";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { Button, Field } from "../../../ui";
import { InlineError, messageFor } from "../shared";
import { ActionRow } from "./ActionRow";
import { type Choices, ConditionRow } from "./Builder";
import { PreviewPanel } from "./PreviewPanel";
import { blankAction, blankCondition, formFor, type Rule, toInput } from "./rule-form";
import { TriggerPicker } from "./TriggerPicker";

export function useRefreshRules() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.automations.pathKey() });
}

/** The tenant's people who work tickets, teams and custom fields, for the pickers. */
function useChoices(): Choices {
  const trpc = useTRPC();
  const members = useQuery(trpc.tenants.members.list.queryOptions());
  const roles = useRoles();
  const teams = useQuery(trpc.teams.list.queryOptions());
  const fields = useQuery(trpc.fields.list.queryOptions(undefined, { staleTime: 60_000 }));
  return {
    people: assignableMembers(members.data ?? [], roles.data).map((m) => ({
      userId: m.userId,
      name: m.name,
    })),
    teams: (teams.data ?? []).map((t) => ({ id: t.id, name: t.name })),
    fields: (fields.data ?? []).map((f) => ({
      id: f.id,
      label: f.label,
      type: f.type,
      options: f.options,
    })),
  };
}

export function RuleForm({ rule, onDone }: { rule?: Rule; onDone: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshRules();
  const titleId = useId();
  const choices = useChoices();
  const [state, setState] = useState(() => formFor(rule));
  const done = async () => {
    await refresh();
    onDone();
  };
  const create = useMutation(trpc.automations.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.automations.update.mutationOptions({ onSuccess: done }));
  const save = rule ? update : create;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = toInput(state);
    if (rule) update.mutate({ id: rule.id, ...input });
    else create.mutate(input);
  };
  const setCondition = (index: number, next: (typeof state.conditions)[number] | null) =>
    setState({
      ...state,
      conditions: next
        ? state.conditions.map((c, i) => (i === index ? next : c))
        : state.conditions.filter((_, i) => i !== index),
    });
  const setAction = (index: number, next: (typeof state.actions)[number] | null) =>
    setState({
      ...state,
      actions: next
        ? state.actions.map((a, i) => (i === index ? next : a))
        : state.actions.filter((_, i) => i !== index),
    });

  return (
    <form className="card sd-form auto-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{rule ? `Edit “${rule.name}”` : "New rule"}</h3>
      <Field
        label="Rule name"
        value={state.name}
        maxLength={100}
        required
        placeholder="e.g. Urgent billing to the Billing team"
        onChange={(e) => setState({ ...state, name: e.target.value })}
        error={messageFor(save.error, "name")}
      />
      <Field
        label="Description (optional)"
        value={state.description}
        maxLength={500}
        onChange={(e) => setState({ ...state, description: e.target.value })}
      />
      <TriggerPicker
        trigger={state.trigger}
        onChange={(trigger) => setState({ ...state, trigger })}
      />
      <fieldset className="auto-group">
        <legend className="auto-sentence">
          and{" "}
          <label>
            <span className="visually-hidden">Which conditions must hold</span>
            <select
              value={state.mode}
              onChange={(e) => setState({ ...state, mode: e.target.value as "all" | "any" })}
            >
              <option value="all">all</option>
              <option value="any">any</option>
            </select>
          </label>{" "}
          of these are true:
        </legend>
        {state.conditions.length === 0 ? (
          <p className="sd-muted">No conditions: every ticket.</p>
        ) : null}
        <ol className="auto-rows">
          {state.conditions.map((condition, index) => (
            <ConditionRow
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
              key={index}
              index={index}
              condition={condition}
              choices={choices}
              onChange={(next) => setCondition(index, next)}
              onRemove={() => setCondition(index, null)}
            />
          ))}
        </ol>
        {state.other.length > 0 ? (
          <p className="sd-muted">{`…and at least one of ${state.other.length} more conditions (kept as they are).`}</p>
        ) : null}
        <Button
          type="button"
          variant="secondary"
          className="sd-small"
          onClick={() =>
            setState({ ...state, conditions: [...state.conditions, blankCondition("priority")] })
          }
        >
          Add condition
        </Button>
      </fieldset>
      <fieldset className="auto-group">
        <legend className="auto-sentence">then:</legend>
        <ol className="auto-rows">
          {state.actions.map((action, index) => (
            <ActionRow
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
              key={index}
              index={index}
              action={action}
              choices={choices}
              onChange={(next) => setAction(index, next)}
              onRemove={() => setAction(index, null)}
            />
          ))}
        </ol>
        <Button
          type="button"
          variant="secondary"
          className="sd-small"
          disabled={state.actions.length >= 20}
          onClick={() =>
            setState({ ...state, actions: [...state.actions, blankAction("add_tags")] })
          }
        >
          Add action
        </Button>
      </fieldset>
      <InlineError message={save.error ? errorMessage(save.error) : null} />
      <div className="sd-actions">
        <Button type="submit" busy={save.isPending}>
          {rule ? "Save rule" : "Create rule"}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
      <PreviewPanel draft={toInput(state)} />
    </form>
  );
}
