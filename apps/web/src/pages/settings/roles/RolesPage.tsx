// Settings → Roles: the built-in roles (read-only) and the tenant's custom roles, each with what
// it may do and who holds it; those with `role.manage` create, edit and delete custom roles.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useRoles } from "../../../lib/roles";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { useCan } from "../../../lib/use-can";
import { Button, EmptyState, ErrorState, Spinner } from "../../../ui";
import { PageHeader } from "../shared";
import { RoleCard } from "./RoleCard";
import { RoleForm } from "./RoleForm";

export function RolesPage() {
  const trpc = useTRPC();
  const canManage = useCan("role.manage");
  const roles = useRoles();
  const members = useQuery(trpc.tenants.members.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const holders = (ref: string) =>
    members.data ? members.data.filter((m) => m.role === ref).map((m) => m.name) : null;

  let list: React.ReactNode;
  if (roles.isPending) list = <Spinner label="Loading roles" />;
  else if (roles.isError) {
    list = <ErrorState message={errorMessage(roles.error)} onRetry={() => roles.refetch()} />;
  } else {
    const custom = roles.data.filter((r) => !r.builtIn);
    const card = (role: (typeof roles.data)[number]) => (
      <RoleCard key={role.id} role={role} holders={holders(role.id)} canManage={canManage} />
    );
    list = (
      <>
        <h3 className="sd-subheading">Custom roles</h3>
        {custom.length === 0 ? (
          <EmptyState title="No custom roles yet">
            {canManage
              ? "Create one when a built-in role gives too much or too little."
              : "Admins can create roles that fit the way your team works."}
          </EmptyState>
        ) : (
          <div className="sd-roles">{custom.map(card)}</div>
        )}
        <h3 className="sd-subheading">Built-in roles</h3>
        <div className="sd-roles">{roles.data.filter((r) => r.builtIn).map(card)}</div>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Roles">
        {canManage
          ? "What each role may do, and who holds it. Create roles of your own to fit your team."
          : "What each role may do, and who holds it. Only admins can create or change roles."}
      </PageHeader>
      {canManage ? (
        creating ? (
          <RoleForm onDone={() => setCreating(false)} />
        ) : (
          <div>
            <Button type="button" onClick={() => setCreating(true)}>
              New role
            </Button>
          </div>
        )
      ) : null}
      {list}
    </>
  );
}
