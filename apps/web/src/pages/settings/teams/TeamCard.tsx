// One team on the Teams page: its rule, capacity and waiting tickets, and each member's
// availability and load; those with `team.manage` edit or delete it.
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { AVAILABILITY_LABELS } from "../../../layout/presence";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { Badge, Button } from "../../../ui";
import { ConfirmButton, InlineError } from "../shared";
import { TeamForm, useRefreshTeams } from "./TeamForm";
import { loadLabel, MODES, type Team } from "./team-form";

export function TeamCard({ team, canManage }: { team: Team; canManage: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshTeams();
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  const remove = useMutation(trpc.teams.delete.mutationOptions({ onSuccess: refresh }));
  if (editing) return <TeamForm team={team} onDone={() => setEditing(false)} />;
  return (
    <section className="card team-card" aria-labelledby={titleId}>
      <div className="sd-role-head">
        <h4 id={titleId}>{team.name}</h4>
        <Badge tone="role">{MODES[team.assignment].label}</Badge>
        <span className="sd-muted">
          {team.assignment === "manual" ? "Assigned by hand" : `Up to ${team.capacity} open each`}
          {` · ${team.waiting} waiting`}
        </span>
        {canManage ? (
          <span className="sd-role-actions">
            <Button
              type="button"
              variant="secondary"
              className="btn btn-secondary sd-small"
              aria-label={`Edit ${team.name}`}
              onClick={() => setEditing(true)}
            >
              Edit
            </Button>
            <ConfirmButton
              label="Delete"
              aria-label={`Delete ${team.name}`}
              question={`Delete “${team.name}”? Its tickets keep their agents but lose the team.`}
              confirmLabel="Delete"
              variant="ghost"
              busy={remove.isPending}
              onConfirm={() => remove.mutate({ id: team.id })}
            />
          </span>
        ) : null}
      </div>
      {team.description ? <p className="sd-role-description">{team.description}</p> : null}
      <InlineError message={remove.error ? errorMessage(remove.error) : null} />
      {team.members.length === 0 ? (
        <p className="sd-muted team-empty">No members yet.</p>
      ) : (
        <ul className="team-member-list" aria-label={`Members of ${team.name}`}>
          {team.members.map((member) => (
            <li key={member.userId}>
              <span className={`presence-dot presence-${member.availability}`} aria-hidden="true" />
              <span className="team-member-name">{member.name}</span>
              <span className="sd-muted">{AVAILABILITY_LABELS[member.availability]}</span>
              <span className="sd-muted">{loadLabel(member.load, team.capacity)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
