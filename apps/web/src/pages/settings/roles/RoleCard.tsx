// One role on the Roles page: what it may do, who holds it; a custom role can be edited or deleted
// by those with `role.manage` (the server refuses deleting one still held, and says by whom).
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { Role } from "../../../lib/roles";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { Badge, Button } from "../../../ui";
import { ConfirmButton, InlineError } from "../shared";
import { PermissionSummary } from "./PermissionChecklist";
import { RoleForm, useRefreshRoles } from "./RoleForm";

/** "1 member", "3 members". */
export function memberCount(count: number): string {
  return count === 1 ? "1 member" : `${count} members`;
}

export function RoleCard({
  role,
  holders,
  canManage,
}: {
  role: Role;
  /** The names of the members holding it (null while the member list loads). */
  holders: string[] | null;
  canManage: boolean;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshRoles();
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  const remove = useMutation(trpc.roles.delete.mutationOptions({ onSuccess: refresh }));
  if (editing) return <RoleForm role={role} onDone={() => setEditing(false)} />;
  const editable = canManage && !role.builtIn;
  return (
    <section className="card sd-role" aria-labelledby={titleId}>
      <div className="sd-role-head">
        <h4 id={titleId}>{role.name}</h4>
        {role.builtIn ? <Badge>Built-in</Badge> : <Badge tone="role">Custom</Badge>}
        <span className="sd-muted">{memberCount(role.memberCount)}</span>
        {editable ? (
          <span className="sd-role-actions">
            <Button
              type="button"
              variant="secondary"
              className="btn btn-secondary sd-small"
              aria-label={`Edit ${role.name}`}
              onClick={() => setEditing(true)}
            >
              Edit
            </Button>
            <ConfirmButton
              label="Delete"
              aria-label={`Delete ${role.name}`}
              question={`Delete the role “${role.name}”?`}
              confirmLabel="Delete"
              variant="ghost"
              busy={remove.isPending}
              onConfirm={() => remove.mutate({ id: role.id })}
            />
          </span>
        ) : null}
      </div>
      {role.description ? <p className="sd-role-description">{role.description}</p> : null}
      <InlineError message={remove.error ? errorMessage(remove.error) : null} />
      <PermissionSummary permissions={role.permissions} />
      <p className="sd-role-holders">
        {holders === null ? (
          <span className="sd-muted">Loading who holds it…</span>
        ) : holders.length === 0 ? (
          <span className="sd-muted">Nobody holds this role.</span>
        ) : (
          <>
            <strong>Held by:</strong> {holders.join(", ")}
          </>
        )}
      </p>
    </section>
  );
}
