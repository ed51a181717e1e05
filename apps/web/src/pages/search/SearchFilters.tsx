// The ticket filters beside the words on the search page: status, priority, assignee, team, tag,
// the days a ticket was created in, and the sort. Each change rewrites the URL.
import { useQuery } from "@tanstack/react-query";
import { assignableMembers, useRoles } from "../../lib/roles";
import { useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { label, PRIORITIES, type Priority, STATUSES, type Status } from "../tickets/shared";
import type { SearchState } from "./search-params";

export function SearchFilters({
  state,
  onChange,
}: {
  state: SearchState;
  onChange: (next: SearchState) => void;
}) {
  const trpc = useTRPC();
  const members = useQuery(
    trpc.tenants.members.list.queryOptions(undefined, { staleTime: 60_000 }),
  );
  const roles = useRoles();
  const canSeeTeams = useCan("member.read");
  const teams = useQuery(
    trpc.teams.list.queryOptions(undefined, { staleTime: 60_000, enabled: canSeeTeams }),
  );
  const agents = assignableMembers(members.data ?? [], roles.data);
  const set = (changes: Partial<SearchState>) => onChange({ ...state, ...changes });
  return (
    <form
      className="search-filters"
      aria-label="Ticket filters"
      onSubmit={(e) => e.preventDefault()}
    >
      <label>
        Status
        <select
          value={state.status[0] ?? ""}
          onChange={(e) => set({ status: e.target.value ? [e.target.value as Status] : [] })}
        >
          <option value="">Any</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {label(s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Priority
        <select
          value={state.priority[0] ?? ""}
          onChange={(e) => set({ priority: e.target.value ? [e.target.value as Priority] : [] })}
        >
          <option value="">Any</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {label(p)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Assignee
        <select value={state.assignee} onChange={(e) => set({ assignee: e.target.value })}>
          <option value="">Anyone</option>
          <option value="me">Me</option>
          <option value="unassigned">Unassigned</option>
          {agents.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Team
        <select value={state.team} onChange={(e) => set({ team: e.target.value })}>
          <option value="">Any</option>
          <option value="none">No team</option>
          {(teams.data ?? []).map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tag
        <input
          value={state.tag}
          maxLength={40}
          onChange={(e) => set({ tag: e.target.value.trim().toLowerCase() })}
        />
      </label>
      <label>
        Sort tickets
        <select
          value={state.sort}
          onChange={(e) => set({ sort: e.target.value === "newest" ? "newest" : "relevance" })}
        >
          <option value="relevance">Best match</option>
          <option value="newest">Newest first</option>
        </select>
      </label>
      <label>
        Created from
        <input type="date" value={state.from} onChange={(e) => set({ from: e.target.value })} />
      </label>
      <label>
        Created to
        <input type="date" value={state.to} onChange={(e) => set({ to: e.target.value })} />
      </label>
    </form>
  );
}
