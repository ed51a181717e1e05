// The inbox: saved views beside it, filters kept in the URL, cursor pages fetched as you scroll, a
// virtualised list whose rows can be selected for bulk actions.
import { TICKET_SORTS, type TicketSort } from "@supportdesk/domain";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { assignableMembers, useRoles } from "../../lib/roles";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { useCurrentTenant, useSession } from "../../lib/use-session";
import { Button, EmptyState, ErrorState, SelectField } from "../../ui";
import { BulkToolbar } from "./BulkToolbar";
import {
  bulkTarget,
  clickRow,
  headerState,
  NO_SELECTION,
  type Selection,
  selectAllMatching,
  toggleLoaded,
} from "./bulk-selection";
import {
  filtersKey,
  hasFilters,
  type InboxFilters,
  listInput,
  otherFilterLabels,
  parseFilters,
  type SlaFilter,
  toggled,
  withFilters,
} from "./filters";
import { ChipGroup, SearchBox, SlaFilterSelect, SORT_LABELS } from "./InboxControls";
import { NewTicketDialog } from "./NewTicket";
import { PRIORITIES, type Priority, STATUSES, type Status } from "./shared";
import { SkeletonRows, VirtualTicketList } from "./TicketList";
import { ViewsSidebar } from "./ViewsSidebar";
import { activeViewId } from "./views";

const PER_PAGE = 50;
/** At most this many tickets merge in one go (the server's bulkMerge limit, plus the target). */
const MAX_MERGE = 51;

/** Reads and writes the inbox filters in the query string, so a filtered view can be shared. */
function useInboxFilters() {
  const [params, setParams] = useSearchParams();
  const filters = parseFilters(params);
  const update = (patch: Partial<InboxFilters>, replace = false) =>
    setParams((prev) => withFilters(prev, patch), { replace });
  return {
    ...filters,
    current: filters,
    active: hasFilters(filters),
    toggleStatus: (value: Status) => update({ status: toggled(filters.status, value) }),
    togglePriority: (value: Priority) => update({ priority: toggled(filters.priority, value) }),
    setAssignee: (value: string) => update({ assignee: value }),
    setSla: (value: SlaFilter | undefined) => update({ sla: value }),
    setSort: (value: TicketSort) => update({ sort: value }),
    setQ: (value: string) => update({ q: value }, true),
    clear: () => setParams(new URLSearchParams()),
  };
}

/** The selection for bulk actions, emptied whenever the filters change. */
function useSelection(key: string) {
  const [selection, setSelection] = useState<Selection>(NO_SELECTION);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter is a new list
  useEffect(() => setSelection(NO_SELECTION), [key]);
  return [selection, setSelection] as const;
}

export function InboxPage() {
  const { slug = "" } = useParams();
  const trpc = useTRPC();
  const session = useSession();
  const tenant = useCurrentTenant();
  const canCreate = useCan("ticket.create");
  const canBulk = useCan("ticket.update");
  const filters = useInboxFilters();
  const key = filtersKey(filters.current);
  const [creating, setCreating] = useState(false);
  const [selection, setSelection] = useSelection(key);

  const members = useQuery(
    trpc.tenants.members.list.queryOptions(undefined, { staleTime: 60_000 }),
  );
  const roles = useRoles();
  const agents = useMemo(
    () => assignableMembers(members.data ?? [], roles.data),
    [members.data, roles.data],
  );

  const { sort: _sort, ...matchFilter } = listInput(filters.current, session?.user.id);
  const input = { perPage: PER_PAGE, ...listInput(filters.current, session?.user.id) };
  const list = useInfiniteQuery(
    trpc.tickets.list.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.pagination.next_cursor ?? undefined,
    }),
  );
  const tickets = useMemo(() => list.data?.pages.flatMap((p) => p.data) ?? [], [list.data]);
  const order = useMemo(() => tickets.map((t) => t.id), [tickets]);
  const { fetchNextPage } = list;
  const loadMore = useMemo(() => () => void fetchNextPage(), [fetchNextPage]);

  // How many tickets "all matching" stands for: all are loaded, or a saved view counted them.
  const views = useQuery(trpc.views.list.queryOptions(undefined, { staleTime: 60_000 }));
  const counts = useQuery(trpc.views.counts.queryOptions(undefined, { refetchInterval: 60_000 }));
  const viewId = activeViewId(views.data ?? [], filters.current);
  const viewCount = viewId ? counts.data?.[viewId] : undefined;
  const matching = !list.hasNextPage
    ? tickets.length
    : viewCount && !viewCount.capped
      ? viewCount.count
      : undefined;
  const header = headerState(selection, order);
  const others = otherFilterLabels(filters.current);
  const offerAllMatching =
    header === "all" && !selection.allMatching && list.hasNextPage
      ? matching !== undefined
        ? `Select all ${matching} matching this filter`
        : "Select all tickets matching this filter"
      : null;

  const rowSelection = useMemo(
    () =>
      canBulk
        ? {
            isSelected: (id: string) => selection.ids.has(id),
            onToggle: (id: string, shift: boolean) =>
              setSelection((s) => clickRow(s, order, id, shift)),
          }
        : undefined,
    [canBulk, selection, order, setSelection],
  );

  useEffect(() => {
    document.title = `Tickets · ${tenant?.name ?? "SupportDesk"}`;
  }, [tenant?.name]);

  const nextPageError = list.isFetchNextPageError ? list.error : null;
  let body: ReactNode;
  if (list.isPending) body = <SkeletonRows />;
  else if (list.isError && !list.isFetchNextPageError)
    body = <ErrorState message={errorMessage(list.error)} onRetry={() => void list.refetch()} />;
  else if (tickets.length === 0)
    body = filters.active ? (
      <EmptyState title="No tickets match these filters">
        <Button variant="secondary" onClick={filters.clear}>
          Clear filters
        </Button>
      </EmptyState>
    ) : (
      <EmptyState title="No tickets yet">
        <p>When customers write in, or you open a ticket, it shows up here.</p>
      </EmptyState>
    );
  else
    body = (
      <>
        <p id="ticket-list-help" className="visually-hidden">
          Use the arrow keys to move between tickets and Enter to open one.
          {canBulk ? " Press x to select the current ticket, Shift+x to select a range." : ""}
        </p>
        <div className={`ticket-list-head${canBulk ? " has-select" : ""}`}>
          {canBulk ? (
            <span className="ticket-select">
              <input
                type="checkbox"
                aria-label="Select all loaded tickets"
                checked={header === "all"}
                ref={(el) => {
                  if (el) el.indeterminate = header === "some";
                }}
                onChange={() => setSelection((s) => toggleLoaded(s, order))}
              />
            </span>
          ) : null}
          <span aria-hidden="true">#</span>
          <span aria-hidden="true">Subject</span>
          <span aria-hidden="true">Status</span>
          <span aria-hidden="true">Priority</span>
          <span aria-hidden="true">Assignee</span>
          <span aria-hidden="true">Created</span>
        </div>
        <VirtualTicketList
          tickets={tickets}
          slug={slug}
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          fetchNextPage={loadMore}
          selection={rowSelection}
        />
        {nextPageError ? (
          <ErrorState message={errorMessage(nextPageError)} onRetry={loadMore} />
        ) : null}
      </>
    );

  return (
    <section className="tickets-page" aria-labelledby="tickets-heading">
      <div className="page-head">
        <h1 id="tickets-heading">Tickets</h1>
        <span className="muted count" aria-live="polite">
          {list.isSuccess
            ? `${tickets.length}${list.hasNextPage ? "+" : ""} ${tickets.length === 1 ? "ticket" : "tickets"}`
            : ""}
          {list.isFetching && !list.isPending ? " · updating…" : ""}
        </span>
        {canCreate ? (
          <Button onClick={() => setCreating(true)} className="page-head-action">
            New ticket
          </Button>
        ) : null}
      </div>
      <div className="inbox-layout">
        <ViewsSidebar filters={filters.current} />
        <div className="inbox-main">
          <div className="filters card">
            <SearchBox value={filters.q} onChange={filters.setQ} />
            <ChipGroup
              legend="Status"
              values={STATUSES}
              selected={filters.status}
              onToggle={filters.toggleStatus}
            />
            <ChipGroup
              legend="Priority"
              values={PRIORITIES}
              selected={filters.priority}
              onToggle={filters.togglePriority}
            />
            <SelectField
              label="Assignee"
              value={filters.assignee}
              onChange={(event) => filters.setAssignee(event.target.value)}
            >
              <option value="">Anyone</option>
              <option value="unassigned">Unassigned</option>
              <option value="me">Me</option>
              {agents
                .filter((m) => m.userId !== session?.user.id)
                .map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name}
                  </option>
                ))}
            </SelectField>
            <SlaFilterSelect value={filters.sla} onChange={filters.setSla} />
            <SelectField
              label="Sort"
              value={filters.sort}
              onChange={(event) => filters.setSort(event.target.value as TicketSort)}
            >
              {TICKET_SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {SORT_LABELS[sort]}
                </option>
              ))}
            </SelectField>
            {others.length ? (
              <p className="muted small other-filters">Also filtered by {others.join(", ")}.</p>
            ) : null}
            {filters.active || filters.sort !== "newest" ? (
              <Button variant="ghost" onClick={filters.clear} className="clear-filters">
                Clear filters
              </Button>
            ) : null}
          </div>
          {canBulk ? (
            <BulkToolbar
              count={selection.allMatching ? matching : selection.ids.size}
              target={bulkTarget(selection, matchFilter)}
              agents={agents}
              mergeable={
                selection.allMatching || selection.ids.size > MAX_MERGE
                  ? []
                  : tickets.filter((t) => selection.ids.has(t.id))
              }
              offerAllMatching={offerAllMatching}
              onSelectAllMatching={() => setSelection((s) => selectAllMatching(s, order))}
              onClear={() => setSelection(NO_SELECTION)}
            />
          ) : null}
          {body}
        </div>
      </div>
      {creating ? <NewTicketDialog onClose={() => setCreating(false)} /> : null}
    </section>
  );
}
