// Creating or editing a custom role: name, description, and its permissions by group.
import type { Permission } from "@supportdesk/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import type { Role } from "../../../lib/roles";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { usePermissions } from "../../../lib/use-can";
import { Button, Field } from "../../../ui";
import { InlineError, messageFor } from "../shared";
import { PermissionChecklist } from "./PermissionChecklist";
import { withPermission } from "./permission-groups";

/** After any change to roles: their list, members' role names, and maybe the user's own grant. */
export function useRefreshRoles() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [
        trpc.roles.pathKey(),
        trpc.tenants.pathKey(),
        trpc.invitations.pathKey(),
        trpc.apiKeys.pathKey(),
      ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    );
}

/** `role` to edit it; without, a new role. `onDone` after saving or cancelling. */
export function RoleForm({ role, onDone }: { role?: Role; onDone: () => void }) {
  const trpc = useTRPC();
  const held = usePermissions();
  const refresh = useRefreshRoles();
  const titleId = useId();
  const [name, setName] = useState(role?.name ?? "");
  const [description, setDescription] = useState(role?.description ?? "");
  const [selected, setSelected] = useState<Permission[]>(role?.permissions ?? []);
  const [nameMissing, setNameMissing] = useState(false);
  const done = async () => {
    await refresh();
    onDone();
  };
  const create = useMutation(trpc.roles.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.roles.update.mutationOptions({ onSuccess: done }));
  const save = role ? update : create;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    setNameMissing(!trimmed);
    if (!trimmed) return;
    const input = { name: trimmed, description: description.trim(), permissions: selected };
    if (role) update.mutate({ id: role.id, ...input });
    else create.mutate(input);
  };
  const nameError = nameMissing ? "Give the role a name." : messageFor(save.error, "name");
  const permissionsError = messageFor(save.error, "permissions");
  const descriptionError = messageFor(save.error, "description");
  return (
    <form
      className="card sd-form sd-role-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={titleId}
    >
      <h3 id={titleId}>{role ? `Edit “${role.name}”` : "New role"}</h3>
      <Field
        label="Role name"
        value={name}
        maxLength={60}
        required
        placeholder="e.g. Triage"
        onChange={(event) => {
          setName(event.target.value);
          setNameMissing(false);
        }}
        error={nameError}
      />
      <Field
        label="Description (optional)"
        value={description}
        maxLength={300}
        placeholder="What people with this role do"
        onChange={(event) => setDescription(event.target.value)}
        error={descriptionError}
      />
      <PermissionChecklist
        selected={selected}
        held={held}
        disabled={save.isPending}
        onChange={(key, on) => setSelected((current) => withPermission(current, key, on))}
      />
      <InlineError message={permissionsError} />
      {save.error && !nameError && !permissionsError && !descriptionError ? (
        <InlineError message={errorMessage(save.error)} />
      ) : null}
      <div className="sd-actions">
        <Button type="submit" busy={save.isPending}>
          {role ? "Save role" : "Create role"}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
