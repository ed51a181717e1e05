// Saved views ↔ inbox filters: a view's stored filters and sort as the inbox's (what clicking it
// writes to the URL), the inbox's as what "Save view" stores, which view the URL shows, and the
// count badge's text.
import type { RouterInputs, RouterOutputs } from "@supportdesk/trpc";
import {
  cleanFields,
  filtersKey,
  type InboxFilters,
  NO_FILTERS,
  parseFilters,
  withFilters,
} from "./filters";

export type SavedView = RouterOutputs["views"]["list"][number];
export type ViewCounts = RouterOutputs["views"]["counts"];
type ViewCreate = RouterInputs["views"]["create"];

/**
 * The inbox filters a view stands for. Its stored filters go through the same checks as a URL's
 * (whatever the server sends, the inbox asks only for what it would accept).
 */
export function filtersOfView(view: Pick<SavedView, "filters" | "sort">): InboxFilters {
  const f = view.filters;
  const params = withFilters(new URLSearchParams(), {
    ...NO_FILTERS,
    status: f.status ?? [],
    priority: f.priority ?? [],
    assignee: f.assignee ?? "",
    teamId: f.teamId ?? "",
    tag: f.tag ?? "",
    customerId: f.customerId ?? "",
    q: f.q ?? "",
    ...(f.sla ? { sla: f.sla } : {}),
    createdFrom: f.createdFrom ?? "",
    createdTo: f.createdTo ?? "",
    updatedFrom: f.updatedFrom ?? "",
    updatedTo: f.updatedTo ?? "",
    fields: cleanFields(f.fields),
    sort: view.sort,
  });
  return parseFilters(params);
}

/**
 * What "Save view" stores for the inbox's filters: only those set, and assignee "me" kept as
 * "me" (so a shared view shows each agent their own tickets).
 */
export function viewOfFilters(filters: InboxFilters): {
  filters: NonNullable<ViewCreate["filters"]>;
  sort: NonNullable<ViewCreate["sort"]>;
} {
  const text = (value: string) => value || undefined;
  const stored = {
    status: filters.status.length ? filters.status : undefined,
    priority: filters.priority.length ? filters.priority : undefined,
    assignee: text(filters.assignee),
    teamId: text(filters.teamId),
    tag: text(filters.tag),
    customerId: text(filters.customerId),
    q: text(filters.q),
    sla: filters.sla,
    createdFrom: text(filters.createdFrom),
    createdTo: text(filters.createdTo),
    updatedFrom: text(filters.updatedFrom),
    updatedTo: text(filters.updatedTo),
    fields: Object.keys(filters.fields).length ? filters.fields : undefined,
  };
  const set = Object.entries(stored).filter(([, value]) => value !== undefined);
  return { filters: Object.fromEntries(set) as ViewCreate["filters"] & object, sort: filters.sort };
}

/** The query string that shows a view (its filters and sort, nothing else). */
export const paramsOfView = (view: Pick<SavedView, "filters" | "sort">): URLSearchParams =>
  withFilters(new URLSearchParams(), filtersOfView(view));

/** The view the inbox is showing: the first whose filters and sort are exactly the URL's. */
export function activeViewId(
  views: readonly Pick<SavedView, "id" | "filters" | "sort">[],
  filters: InboxFilters,
): string | null {
  const key = filtersKey(filters);
  return views.find((view) => filtersKey(filtersOfView(view)) === key)?.id ?? null;
}

/** A count badge: the number, or "999+" once the server stopped counting. */
export function countLabel(count: { count: number; capped: boolean } | undefined): string {
  if (!count) return "";
  return count.capped ? "999+" : String(count.count);
}
