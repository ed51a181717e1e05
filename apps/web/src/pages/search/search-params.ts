// The search page's state in the query string (so results can be shared and the back button
// works): read defensively — what the server would refuse is dropped — and written canonically.
import type { RouterInputs } from "@supportdesk/trpc";
import { parseAssignee, parseList } from "../tickets/filters";
import { PRIORITIES, type Priority, STATUSES, type Status, UUID } from "../tickets/shared";

export const SEARCH_TYPES = ["all", "tickets", "customers", "articles"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export type SearchState = {
  q: string;
  type: SearchType;
  status: Status[];
  priority: Priority[];
  /** "" (anyone), "me", "unassigned" or a user id. */
  assignee: string;
  /** "" (any), "none" or a team id. */
  team: string;
  tag: string;
  /** Created between these days (YYYY-MM-DD), inclusive; "" for open-ended. */
  from: string;
  to: string;
  /** Tickets by relevance (the default) or newest first. */
  sort: "relevance" | "newest";
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TAG = /^[a-z0-9][a-z0-9 _-]{0,39}$/;
/** A real day (round-tripping refuses February 30th, which Date would roll over). */
const isDay = (value: string) => {
  if (!DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

export function parseSearch(params: URLSearchParams): SearchState {
  const type = params.get("type") ?? "all";
  const team = params.get("team") ?? "";
  const tag = (params.get("tag") ?? "").trim().toLowerCase();
  const from = params.get("from") ?? "";
  const to = params.get("to") ?? "";
  return {
    q: (params.get("q") ?? "").trim().slice(0, 200).trim(),
    type: (SEARCH_TYPES as readonly string[]).includes(type) ? (type as SearchType) : "all",
    status: parseList(params.get("status"), STATUSES),
    priority: parseList(params.get("priority"), PRIORITIES),
    assignee: parseAssignee(params.get("assignee")),
    team: team === "none" || UUID.test(team) ? team : "",
    tag: TAG.test(tag) ? tag : "",
    from: isDay(from) ? from : "",
    to: isDay(to) ? to : "",
    sort: params.get("sort") === "newest" ? "newest" : "relevance",
  };
}

/** The query string for `state`, in one canonical order, empty values left out. */
export function searchParamsOf(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  const put = (key: string, value: string) => {
    if (value) params.set(key, value);
  };
  put("q", state.q);
  if (state.type !== "all") params.set("type", state.type);
  put("status", state.status.join(","));
  put("priority", state.priority.join(","));
  put("assignee", state.assignee);
  put("team", state.team);
  put("tag", state.tag);
  put("from", state.from);
  put("to", state.to);
  if (state.sort === "newest") params.set("sort", "newest");
  return params;
}

/** Whether any ticket filter is set (beside the words). */
export const hasTicketFilters = (s: SearchState): boolean =>
  s.status.length > 0 ||
  s.priority.length > 0 ||
  !!(s.assignee || s.team || s.tag || s.from || s.to);

type QueryInput = RouterInputs["search"]["query"];

/** The `search.query` input for `state` (filters apply to tickets). */
export function queryInput(state: SearchState, limit = 20): QueryInput {
  const filters: NonNullable<QueryInput["filters"]> = {};
  if (state.status.length) filters.status = state.status;
  if (state.priority.length) filters.priority = state.priority;
  if (state.assignee) filters.assignee = state.assignee;
  if (state.team) filters.teamId = state.team;
  if (state.tag) filters.tag = state.tag;
  if (state.from) filters.createdFrom = state.from;
  if (state.to) filters.createdTo = state.to;
  return {
    q: state.q,
    type: state.type,
    limit,
    ...(state.sort === "newest" ? { sort: "newest" as const } : {}),
    ...(Object.keys(filters).length ? { filters } : {}),
  };
}
