// The inbox filters in the query string (so a filtered view can be shared): read defensively — a
// shared link may hold anything, and what the server would refuse is dropped, not sent — written
// in one canonical form, and turned into the `tickets.list` input.
import { PRIORITIES, type Priority, STATUSES, type Status, UUID } from "./shared";

export type InboxFilters = {
  status: Status[];
  priority: Priority[];
  /** "" (anyone), "me", "unassigned" or a member's user id. */
  assignee: string;
  q: string;
};

/** The longest search `tickets.list` accepts. */
export const MAX_QUERY_LENGTH = 200;

/** The values of `allowed` named in a comma-separated list, once each, in `allowed`'s order. */
export function parseList<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  if (!raw) return [];
  const wanted = raw.split(",");
  return allowed.filter((value) => wanted.includes(value));
}

/** "me", "unassigned" or a user id; anything else means no assignee filter (""). */
export function parseAssignee(raw: string | null): string {
  if (!raw) return "";
  return raw === "me" || raw === "unassigned" || UUID.test(raw) ? raw : "";
}

function parseQuery(raw: string | null): string {
  return (raw ?? "").trim().slice(0, MAX_QUERY_LENGTH).trim();
}

export function parseFilters(params: URLSearchParams): InboxFilters {
  return {
    status: parseList(params.get("status"), STATUSES),
    priority: parseList(params.get("priority"), PRIORITIES),
    assignee: parseAssignee(params.get("assignee")),
    q: parseQuery(params.get("q")),
  };
}

/** Whether any filter narrows the list. */
export function hasFilters(filters: InboxFilters): boolean {
  return (
    filters.status.length > 0 ||
    filters.priority.length > 0 ||
    filters.assignee !== "" ||
    filters.q !== ""
  );
}

/** The list with `value` added (or removed, if it was there). */
export function toggled<T extends string>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/**
 * The query string with the given filters changed, in canonical form (lists deduplicated and in
 * the options' order, values checked, an empty filter removed). Other parameters are kept.
 */
export function withFilters(
  params: URLSearchParams,
  patch: Partial<InboxFilters>,
): URLSearchParams {
  const next = new URLSearchParams(params);
  const put = (key: string, value: string) => {
    if (value) next.set(key, value);
    else next.delete(key);
  };
  if (patch.status) put("status", parseList(patch.status.join(","), STATUSES).join(","));
  if (patch.priority) put("priority", parseList(patch.priority.join(","), PRIORITIES).join(","));
  if (patch.assignee !== undefined) put("assignee", parseAssignee(patch.assignee));
  if (patch.q !== undefined) put("q", parseQuery(patch.q));
  return next;
}

/** The query string for a set of filters (no filters: no parameters). */
export function filtersToParams(filters: InboxFilters): URLSearchParams {
  return withFilters(new URLSearchParams(), filters);
}

/** What the filters ask `tickets.list` for ("me" is the signed-in user; none when signed out). */
export function listInput(filters: InboxFilters, userId: string | undefined) {
  return {
    status: filters.status.length ? filters.status : undefined,
    priority: filters.priority.length ? filters.priority : undefined,
    assignee: filters.assignee === "me" ? userId : filters.assignee || undefined,
    q: filters.q || undefined,
  };
}
