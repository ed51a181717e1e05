// Creating or editing a team: name, description, members (people who work tickets), the
// assignment rule and each member's capacity.
import { ASSIGNMENT_MODES, type AssignmentMode } from "@supportdesk/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { assignableMembers, useRoles } from "../../../lib/roles";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { Button, Field, SelectField } from "../../../ui";
import { hasFieldError, InlineError, messageFor } from "../shared";
import { type FormErrors, formFor, MODES, type Team, toInput, withMember } from "./team-form";

/** After any change to teams: their list (and the tickets' team pickers, which read it). */
export function useRefreshTeams() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.teams.pathKey() });
}

/** `team` to edit it; without, a new team. `onDone` after saving or cancelling. */
export function TeamForm({ team, onDone }: { team?: Team; onDone: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshTeams();
  const titleId = useId();
  const membersId = useId();
  const members = useQuery(trpc.tenants.members.list.queryOptions());
  const roles = useRoles();
  const [state, setState] = useState(() => formFor(team));
  const [errors, setErrors] = useState<FormErrors>({});
  const done = async () => {
    await refresh();
    onDone();
  };
  const create = useMutation(trpc.teams.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.teams.update.mutationOptions({ onSuccess: done }));
  const save = team ? update : create;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = toInput(state);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    if (team) update.mutate({ id: team.id, ...checked.input });
    else create.mutate(checked.input);
  };
  const agents = assignableMembers(members.data ?? [], roles.data);
  // Someone already in the team who no longer works tickets stays listed, to be unticked.
  const former = (team?.members ?? []).filter((m) => !agents.some((a) => a.userId === m.userId));
  const people = [...agents.map((a) => ({ userId: a.userId, name: a.name })), ...former];
  const membersError = messageFor(save.error, "memberIds");

  return (
    <form className="card sd-form team-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{team ? `Edit “${team.name}”` : "New team"}</h3>
      <Field
        label="Team name"
        value={state.name}
        maxLength={80}
        required
        placeholder="e.g. Billing"
        onChange={(event) => setState({ ...state, name: event.target.value })}
        error={errors.name ?? messageFor(save.error, "name")}
      />
      <Field
        label="Description (optional)"
        value={state.description}
        maxLength={500}
        placeholder="What this team handles"
        onChange={(event) => setState({ ...state, description: event.target.value })}
        error={messageFor(save.error, "description")}
      />
      <fieldset className="team-members" aria-describedby={membersError ? membersId : undefined}>
        <legend>Members</legend>
        {members.isPending ? (
          <span className="muted">Loading members…</span>
        ) : people.length === 0 ? (
          <span className="muted">Nobody here works tickets yet.</span>
        ) : (
          people.map((person) => (
            <label key={person.userId} className="sd-check">
              <input
                type="checkbox"
                checked={state.memberIds.includes(person.userId)}
                onChange={(event) =>
                  setState({
                    ...state,
                    memberIds: withMember(state.memberIds, person.userId, event.target.checked),
                  })
                }
              />
              {person.name}
            </label>
          ))
        )}
      </fieldset>
      <div id={membersId}>
        <InlineError message={membersError} />
      </div>
      <SelectField
        label="Assignment"
        value={state.assignment}
        hint={MODES[state.assignment].hint}
        onChange={(event) =>
          setState({ ...state, assignment: event.target.value as AssignmentMode })
        }
      >
        {ASSIGNMENT_MODES.map((mode) => (
          <option key={mode} value={mode}>
            {MODES[mode].label}
          </option>
        ))}
      </SelectField>
      <Field
        label="Capacity per member"
        type="number"
        inputMode="numeric"
        min={1}
        max={1000}
        value={state.capacity}
        hint="The most open or pending tickets automatic assignment gives each member."
        onChange={(event) => setState({ ...state, capacity: event.target.value })}
        error={errors.capacity ?? messageFor(save.error, "capacity")}
      />
      {save.error && !hasFieldError(save.error) ? (
        <InlineError message={errorMessage(save.error)} />
      ) : null}
      <div className="sd-actions">
        <Button type="submit" busy={save.isPending}>
          {team ? "Save team" : "Create team"}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
