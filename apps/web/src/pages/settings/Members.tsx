// Members: everyone sees the team; admins change roles and remove; owners hand over ownership.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { getSession, setTenants } from "../../lib/session";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan, useCurrentTenant, useSession } from "../../lib/use-session";
import { Badge, EmptyState, ErrorState, Spinner } from "../../ui";
import {
  ConfirmButton,
  InlineError,
  PageHeader,
  ROLE_LABEL,
  ROLES,
  type Role,
  When,
} from "./shared";

type Member = { userId: string; name: string; email: string; role: Role; joinedAt: string };

export function MembersPage() {
  const trpc = useTRPC();
  const isAdmin = useCan("admin");
  const members = useQuery(trpc.tenants.members.list.queryOptions());
  return (
    <>
      <PageHeader title="Members">
        {isAdmin
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
                {isAdmin ? (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {members.data.map((member) => (
                <MemberRow key={member.userId} member={member as Member} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function MemberRow({ member }: { member: Member }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useSession();
  const tenant = useCurrentTenant();
  const isAdmin = useCan("admin");
  const isOwner = useCan("owner");
  const isMe = session?.user.id === member.userId;
  const [error, setError] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tenants.members.pathKey() });
  const onError = (e: unknown) => setError(errorMessage(e));
  const updateRole = useMutation(
    trpc.tenants.members.updateRole.mutationOptions({
      onMutate: () => setError(null),
      onSuccess: (_data, input) => {
        if (isMe) patchMyRole(tenant?.id, input.role);
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
        patchMyRole(tenant?.id, "admin");
        return refresh();
      },
      onError,
    }),
  );
  // Admins may not hand out or take away ownership; the server has the last word either way.
  const assignable = isOwner ? ROLES : ROLES.filter((r) => r !== "owner");
  const canEditRole = isAdmin && (isOwner || member.role !== "owner");
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
                updateRole.mutate({ userId: member.userId, role: event.target.value as Role })
              }
            >
              {assignable.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABEL[role]}
                </option>
              ))}
            </select>
          ) : (
            <Badge tone="role">{ROLE_LABEL[member.role]}</Badge>
          )}
        </td>
        <td data-label="Joined">
          <When value={member.joinedAt} />
        </td>
        {isAdmin ? (
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
            {!isMe && canEditRole ? (
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
          <td colSpan={isAdmin ? 5 : 4}>
            <InlineError message={error} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function patchMyRole(tenantId: string | undefined, role: Role) {
  const session = getSession();
  if (!session || !tenantId) return;
  setTenants(session.tenants.map((t) => (t.id === tenantId ? { ...t, role } : t)));
}
