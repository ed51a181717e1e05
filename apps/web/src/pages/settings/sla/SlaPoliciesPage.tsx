// Settings → SLA policies: the tenant's policies in the order they are tried (the first enabled
// one matching a ticket applies); those with `sla.manage` create, edit, reorder and delete them.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { useCan } from "../../../lib/use-can";
import { Button, EmptyState, ErrorState, Spinner } from "../../../ui";
import { PageHeader } from "../shared";
import { PolicyCard } from "./PolicyCard";
import { PolicyForm } from "./PolicyForm";

export function SlaPoliciesPage() {
  const canManage = useCan("sla.manage");
  return (
    <>
      <PageHeader title="SLA policies">
        Response and resolution targets by priority. Each ticket gets the first enabled policy that
        matches it; clocks pause while it waits on the customer and stop when it is resolved.
      </PageHeader>
      {canManage ? (
        <Policies />
      ) : (
        <EmptyState title="Admins manage SLA policies">
          Ask an admin or owner of this organisation to change them.
        </EmptyState>
      )}
    </>
  );
}

function Policies() {
  const trpc = useTRPC();
  const policies = useQuery(trpc.sla.policies.list.queryOptions());
  const [creating, setCreating] = useState(false);

  let list: React.ReactNode;
  if (policies.isPending) list = <Spinner label="Loading SLA policies" />;
  else if (policies.isError) {
    list = <ErrorState message={errorMessage(policies.error)} onRetry={() => policies.refetch()} />;
  } else if (policies.data.length === 0) {
    list = (
      <EmptyState title="No SLA policies yet">
        Create one to give tickets due times by priority.
      </EmptyState>
    );
  } else {
    const order = policies.data.map((p) => p.id);
    list = (
      <div className="sd-roles">
        {policies.data.map((policy, index) => (
          <PolicyCard key={policy.id} policy={policy} order={order} index={index} />
        ))}
      </div>
    );
  }
  return (
    <>
      {creating ? (
        <PolicyForm onDone={() => setCreating(false)} />
      ) : (
        <div>
          <Button type="button" onClick={() => setCreating(true)}>
            New SLA policy
          </Button>
        </div>
      )}
      {list}
    </>
  );
}
