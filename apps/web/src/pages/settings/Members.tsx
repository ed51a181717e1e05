// Members: everyone sees the team; those allowed change roles and remove; owners hand over ownership.
import { BUILT_IN_ROLE_INFO, ROLE_PERMISSIONS } from "@supportdesk/domain";
import type { RouterOutputs } from "@supportdesk/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { roleName } from "../../lib/roles";
import { getSession, setTenants } from "../../lib/session";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan, useCanAny } from "../../lib/use-can";
import { useCurrentTenant, useSession } from "../../lib/use-session";
import { Badge, EmptyState, ErrorState, Spinner } from "../../ui";
import { RoleOptions, useGrantableRoles } from "./role-options";
import { ConfirmButton, InlineError, PageHeader, When } from "./shared";

type Member = RouterOutputs["tenants"]["members"]["list"][number];

export function MembersPage() {
  const trpc = useTRPC();
  const manages = useCanAny(["member.role.change", "member.remove", "tenant.transfer"]);
  const members = useQuery(trpc.tenants.members.list.queryOptions());
  return (
    <>
      <PageHeader title="Members">
        {manages
          ? "Everyone who can work in this organisation, and what they may do."
          : "Everyone who works in this organisation. Only admins can change roles."}
      </PageHeader>
      {members.isPending ? (
        <Spinner label="Loading members" />
      ) : members.isError ? (
        <ErrorState message={errorMessage(members.error)} onRetry={() => members.refetch()} />
      ) : members.data.length === 0 ? (
        <EmptyState title="No members yet" />
      ) : (
        <div className="card sd-table-card">
          <table className="sd-table">
            <caption className="visually-hidden">Members</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
                {manages ? (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {members.data.map((member) => (
                <MemberRow key={member.userId} member={member} actions={manages} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function MemberRow({ member, actions }: { member: Member; actions: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useSession();
  const tenant = useCurrentTenant();
  const canChangeRole = useCan("member.role.change");
  const canRemove = useCan("member.remove");
  // Owner-only powers: only an owner holds them, and only an owner may touch an owner.
  const isOwner = useCan("tenant.transfer");
  const { all, grantable } = useGrantableRoles();
  const isMe = session?.user.id === member.userId;
  const [error, setError] = useState<string | null>(null);
  // The list, role counts, and (when it is mine) my own grant all change.
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.tenants.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.roles.pathKey() }),
    ]);
  const onError = (e: unknown) => setError(errorMessage(e));
  const updateRole = useMutation(
    trpc.tenants.members.updateRole.mutationOptions({
      onMutate: () => setError(null),
      onSuccess: (_data, input) => {
        if (isMe) patchMyRole(tenant?.id, input.role, roleName(input.role, all));
        return refresh();
      },
      onError,
    }),
  );
  const remove = useMutation(
    trpc.tenants.members.remove.mutationOptions({
      onMutate: () => setError(null),
      onSuccess: refresh,
      onError,
    }),
  );
  const transfer = useMutation(
    trpc.tenants.transferOwnership.mutationOptions({
      onMutate: () => setError(null),
      onSuccess: () => {
        const admin = { role: "admin", roleName: BUILT_IN_ROLE_INFO.admin.name };
        patchMyRole(tenant?.id, admin.role, admin.roleName);
        // At once, not after the refetch: the owner's controls must go with the ownership.
        queryClient.setQueryData(trpc.tenants.current.queryKey(), (old) =>
          old ? { ...old, ...admin, permissions: [...ROLE_PERMISSIONS.admin] } : old,
        );
        return refresh();
      },
      onError,
    }),
  );
  const touchable = isOwner || member.role !== "owner";
  const canEditRole = canChangeRole && touchable;
  return (
    <>
      <tr>
        <th scope="row" data-label="Name">
          {member.name}
          {isMe ? <span className="sd-you"> (you)</span> : null}
        </th>
        <td data-label="Email">
          <a href={`mailto:${member.email}`}>{member.email}</a>
        </td>
        <td data-label="Role">
          {canEditRole ? (
            <select
              className="sd-inline-select"
              aria-label={`Role for ${member.name}`}
              value={member.role}
              disabled={updateRole.isPending}
              aria-busy={updateRole.isPending || undefined}
              onChange={(event) =>
                updateRole.mutate({ userId: member.userId, role: event.target.value })
              }
            >
              <RoleOptions
                roles={grantable}
                current={{ ref: member.role, name: member.roleName }}
              />
            </select>
          ) : (
            <Badge tone="role">{member.roleName}</Badge>
          )}
        </td>
        <td data-label="Joined">
          <When value={member.joinedAt} />
        </td>
        {actions ? (
          <td className="sd-row-actions">
            {isOwner && !isMe && member.role !== "owner" ? (
              <ConfirmButton
                label="Transfer ownership"
                aria-label={`Transfer ownership to ${member.name}`}
                question={`Make ${member.name} the owner? You become an admin.`}
                confirmLabel="Transfer"
                busy={transfer.isPending}
                onConfirm={() => transfer.mutate({ userId: member.userId })}
              />
            ) : null}
            {!isMe && canRemove && touchable ? (
              <ConfirmButton
                label="Remove"
                aria-label={`Remove ${member.name}`}
                question={`Remove ${member.name}?`}
                confirmLabel="Remove"
                variant="ghost"
                busy={remove.isPending}
                onConfirm={() => remove.mutate({ userId: member.userId })}
              />
            ) : null}
          </td>
        ) : null}
      </tr>
      {error ? (
        <tr className="sd-row-error">
          <td colSpan={actions ? 5 : 4}>
            <InlineError message={error} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function patchMyRole(tenantId: string | undefined, role: string, name: string) {
  const session = getSession();
  if (!session || !tenantId) return;
  setTenants(session.tenants.map((t) => (t.id === tenantId ? { ...t, role, roleName: name } : t)));
}
