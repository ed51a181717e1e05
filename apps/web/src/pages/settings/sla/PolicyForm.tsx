// Creating or editing an SLA policy: name, which tickets (teams, tags), the calendar, a priority ×
// metric grid of targets (minutes or hours, business or calendar time), the warning lead time.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { Button, Field, SelectField } from "../../../ui";
import { InlineError, messageFor } from "../shared";
import "./sla.css";
import {
  type Cell,
  cellKey,
  type FormErrors,
  formFor,
  GRID_METRICS,
  GRID_PRIORITIES,
  METRIC_LABELS,
  type Policy,
  toInput,
} from "./policy-form";

/** After any change to policies: their list. */
export function useRefreshPolicies() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.sla.policies.pathKey() });
}

function TargetCell({
  label,
  cell,
  error,
  onChange,
}: {
  label: string;
  cell: Cell;
  error: string | undefined;
  onChange: (cell: Cell) => void;
}) {
  return (
    <td>
      <div className="sla-cell">
        <input
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          aria-label={`${label}: amount`}
          aria-invalid={error ? true : undefined}
          placeholder="—"
          value={cell.amount}
          onChange={(event) => onChange({ ...cell, amount: event.target.value })}
        />
        <select
          aria-label={`${label}: unit`}
          value={cell.unit}
          onChange={(event) => onChange({ ...cell, unit: event.target.value as Cell["unit"] })}
        >
          <option value="minutes">min</option>
          <option value="hours">hours</option>
        </select>
        <select
          aria-label={`${label}: counted in`}
          value={cell.business ? "business" : "calendar"}
          onChange={(event) => onChange({ ...cell, business: event.target.value === "business" })}
        >
          <option value="business">business time</option>
          <option value="calendar">calendar time</option>
        </select>
      </div>
      {error ? (
        <div className="error" role="alert">
          {error}
        </div>
      ) : null}
    </td>
  );
}

/** `policy` to edit it; without, a new one. `onDone` after saving or cancelling. */
export function PolicyForm({ policy, onDone }: { policy?: Policy; onDone: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshPolicies();
  const titleId = useId();
  const calendars = useQuery(trpc.businessHours.list.queryOptions());
  const teams = useQuery(trpc.teams.list.queryOptions());
  const [state, setState] = useState(() => formFor(policy));
  const [errors, setErrors] = useState<FormErrors>({});
  const done = async () => {
    await refresh();
    onDone();
  };
  const create = useMutation(trpc.sla.policies.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.sla.policies.update.mutationOptions({ onSuccess: done }));
  const save = policy ? update : create;
  const errorFor = (field: string) => errors[field] ?? messageFor(save.error, field) ?? undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = toInput(state);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    if (policy) update.mutate({ id: policy.id, ...checked.input });
    else create.mutate(checked.input);
  };
  const setCell = (key: string, cell: Cell) =>
    setState({ ...state, grid: { ...state.grid, [key]: cell } });

  return (
    <form className="card sd-form sla-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{policy ? `Edit “${policy.name}”` : "New SLA policy"}</h3>
      <Field
        label="Name"
        value={state.name}
        maxLength={80}
        required
        placeholder="e.g. Standard support"
        onChange={(event) => setState({ ...state, name: event.target.value })}
        error={errorFor("name")}
      />
      <Field
        label="Description"
        value={state.description}
        maxLength={500}
        onChange={(event) => setState({ ...state, description: event.target.value })}
      />
      <fieldset className="sla-teams">
        <legend>Teams (none ticked: any team)</legend>
        {(teams.data ?? []).map((team) => (
          <label key={team.id} className="sd-check">
            <input
              type="checkbox"
              checked={state.teamIds.includes(team.id)}
              onChange={(event) =>
                setState({
                  ...state,
                  teamIds: event.target.checked
                    ? [...state.teamIds, team.id]
                    : state.teamIds.filter((id) => id !== team.id),
                })
              }
            />
            {team.name}
          </label>
        ))}
        {errorFor("teamIds") ? <InlineError message={errorFor("teamIds")} /> : null}
      </fieldset>
      <Field
        label="Tags"
        hint="Comma-separated; a ticket with any of them matches. Empty: any ticket."
        value={state.tags}
        onChange={(event) => setState({ ...state, tags: event.target.value })}
        error={errorFor("tags")}
      />
      <SelectField
        label="Business hours"
        hint="Targets in business time count down only while this calendar is open."
        value={state.businessHoursId}
        onChange={(event) => setState({ ...state, businessHoursId: event.target.value })}
        error={errorFor("businessHoursId")}
      >
        <option value="">The default calendar (24/7 if there is none)</option>
        {(calendars.data ?? []).map((calendar) => (
          <option key={calendar.id} value={calendar.id}>
            {calendar.name}
          </option>
        ))}
      </SelectField>
      <table className="sla-grid">
        <caption>Targets by priority (leave a cell empty not to measure it)</caption>
        <thead>
          <tr>
            <th scope="col">Priority</th>
            {GRID_METRICS.map((metric) => (
              <th key={metric} scope="col">
                {METRIC_LABELS[metric]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {GRID_PRIORITIES.map((priority) => (
            <tr key={priority}>
              <th scope="row">{priority.charAt(0).toUpperCase() + priority.slice(1)}</th>
              {GRID_METRICS.map((metric) => {
                const key = cellKey(priority, metric);
                return (
                  <TargetCell
                    key={key}
                    label={`${priority} ${METRIC_LABELS[metric]}`}
                    cell={state.grid[key] ?? { amount: "", unit: "hours", business: true }}
                    error={errors[`grid.${key}`]}
                    onChange={(cell) => setCell(key, cell)}
                  />
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {errorFor("targets") ? <InlineError message={errorFor("targets")} /> : null}
      <Field
        label="Warn agents (minutes before due)"
        type="number"
        min={0}
        max={10080}
        value={state.warnMinutes}
        onChange={(event) => setState({ ...state, warnMinutes: event.target.value })}
        error={errorFor("warnMinutes")}
      />
      <label className="sd-check">
        <input
          type="checkbox"
          checked={state.enabled}
          onChange={(event) => setState({ ...state, enabled: event.target.checked })}
        />
        Enabled
      </label>
      {save.error ? <InlineError message={errorMessage(save.error)} /> : null}
      <div className="sd-actions">
        <Button type="submit" busy={save.isPending}>
          {policy ? "Save policy" : "Create policy"}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
