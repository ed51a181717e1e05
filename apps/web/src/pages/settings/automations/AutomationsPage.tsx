// Settings → Automations: the tenant's rules in the order they run (moved with up/down buttons),
// switched on and off, built as readable sentences, tested against recent tickets, and the run log.
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { useCan } from "../../../lib/use-can";
import { Button, EmptyState, ErrorState, Spinner } from "../../../ui";
import { InlineError, PageHeader } from "../shared";
import { RuleCard } from "./RuleCard";
import { RuleForm, useRefreshRules } from "./RuleForm";
import { RunLog } from "./RunLog";
import "./automations.css";

function RuleList() {
  const trpc = useTRPC();
  const refresh = useRefreshRules();
  const rules = useQuery(trpc.automations.list.queryOptions());
  const reorder = useMutation(trpc.automations.reorder.mutationOptions({ onSuccess: refresh }));
  const [announce, setAnnounce] = useState("");
  if (rules.isPending) return <Spinner label="Loading rules" />;
  if (rules.isError) {
    return <ErrorState message={errorMessage(rules.error)} onRetry={() => rules.refetch()} />;
  }
  if (rules.data.length === 0) {
    return (
      <EmptyState title="No rules yet">
        Create one to set a team, tag, notify or email when something happens to a ticket.
      </EmptyState>
    );
  }
  const move = (index: number, direction: -1 | 1) => {
    const ids = rules.data.map((r) => r.id);
    const [id] = ids.splice(index, 1);
    if (!id) return;
    ids.splice(index + direction, 0, id);
    reorder.mutate({ ids });
    setAnnounce(`${rules.data[index]?.name} moved to position ${index + direction + 1}.`);
  };
  return (
    <>
      <ol className="auto-list" aria-label="Rules, in the order they run">
        {rules.data.map((rule, index) => (
          <RuleCard
            key={rule.id}
            rule={rule}
            first={index === 0}
            last={index === rules.data.length - 1}
            moving={reorder.isPending}
            onMove={(direction) => move(index, direction)}
          />
        ))}
      </ol>
      <InlineError message={reorder.error ? errorMessage(reorder.error) : null} />
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
    </>
  );
}

export function AutomationsPage() {
  const canManage = useCan("automation.manage");
  const [creating, setCreating] = useState(false);
  if (!canManage) {
    return (
      <>
        <PageHeader title="Automations" />
        <EmptyState title="Admins manage automations">
          Ask an admin to set up rules that act on tickets by themselves.
        </EmptyState>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Automations">
        Rules that act on tickets by themselves when something happens, in order, top first. Each
        runs at most once per event; a chain of rules stops after three steps.
      </PageHeader>
      {creating ? (
        <RuleForm onDone={() => setCreating(false)} />
      ) : (
        <div>
          <Button type="button" onClick={() => setCreating(true)}>
            New rule
          </Button>
        </div>
      )}
      <RuleList />
      <section aria-labelledby="automation-runs">
        <h3 id="automation-runs">Run log</h3>
        <RunLog />
      </section>
    </>
  );
}
