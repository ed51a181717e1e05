// The ticket's team, in its properties: a Team select for those who may assign (`ticket.assign`),
// the team's name for everyone else. Saved through tickets.update({ id, teamId }).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { SelectField } from "../../ui";
import type { TicketDetail } from "./shared";

export function TeamProp({ ticket }: { ticket: TicketDetail }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canAssign = useCan("ticket.assign");
  const teams = useQuery(trpc.teams.list.queryOptions(undefined, { staleTime: 60_000 }));
  const key = trpc.tickets.get.queryKey({ id: ticket.id });
  const update = useMutation(
    trpc.tickets.update.mutationOptions({
      onSuccess: (after) =>
        queryClient.setQueryData(key, (old) => (old ? { ...old, ...after } : old)),
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: key }),
          queryClient.invalidateQueries({ queryKey: trpc.tickets.list.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.teams.list.queryKey() }),
        ]),
    }),
  );
  const current = teams.data?.find((t) => t.id === ticket.teamId);
  const name = current?.name ?? (ticket.teamId ? (teams.isPending ? "…" : "Former team") : "None");

  if (!canAssign) {
    return (
      <div className="prop">
        <span className="field-label">Team</span>
        <span>{name}</span>
      </div>
    );
  }
  return (
    <SelectField
      label="Team"
      value={update.isPending ? (update.variables?.teamId ?? "") : (ticket.teamId ?? "")}
      disabled={teams.isPending}
      error={update.error ? `Not saved: ${errorMessage(update.error)}` : null}
      onChange={(event) => update.mutate({ id: ticket.id, teamId: event.target.value || null })}
    >
      <option value="">None</option>
      {(teams.data ?? []).map((team) => (
        <option key={team.id} value={team.id}>
          {team.name}
        </option>
      ))}
      {ticket.teamId && !current && !teams.isPending ? (
        <option value={ticket.teamId}>Former team</option>
      ) : null}
    </SelectField>
  );
}
