// Settings → Teams: every team with its members, their availability and load, and how tickets are
// assigned; those with `team.manage` create, edit and delete teams.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { useCan } from "../../../lib/use-can";
import { Button, EmptyState, ErrorState, Spinner } from "../../../ui";
import { PageHeader } from "../shared";
import { TeamCard } from "./TeamCard";
import { TeamForm } from "./TeamForm";
import "./teams.css";

export function TeamsPage() {
  const trpc = useTRPC();
  const canManage = useCan("team.manage");
  // Availability and load change as people work: look again every minute.
  const teams = useQuery(trpc.teams.list.queryOptions(undefined, { refetchInterval: 60_000 }));
  const [creating, setCreating] = useState(false);

  let list: React.ReactNode;
  if (teams.isPending) list = <Spinner label="Loading teams" />;
  else if (teams.isError) {
    list = <ErrorState message={errorMessage(teams.error)} onRetry={() => teams.refetch()} />;
  } else if (teams.data.length === 0) {
    list = (
      <EmptyState title="No teams yet">
        {canManage
          ? "Create one to route tickets to a group and share them out automatically."
          : "Admins can create teams that share tickets out automatically."}
      </EmptyState>
    );
  } else {
    list = (
      <div className="sd-roles">
        {teams.data.map((team) => (
          <TeamCard key={team.id} team={team} canManage={canManage} />
        ))}
      </div>
    );
  }

  return (
    <>
      <PageHeader title="Teams">
        Groups of agents that tickets can belong to. A team can hand its tickets out by itself, to
        members who are online and have room.
      </PageHeader>
      {canManage ? (
        creating ? (
          <TeamForm onDone={() => setCreating(false)} />
        ) : (
          <div>
            <Button type="button" onClick={() => setCreating(true)}>
              New team
            </Button>
          </div>
        )
      ) : null}
      {list}
    </>
  );
}
