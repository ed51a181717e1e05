// The inbox: filters kept in the URL, cursor pages fetched as you scroll, a virtualised list.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useMemo, useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { assignableMembers, useRoles } from "../../lib/roles";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { useCurrentTenant, useSession } from "../../lib/use-session";
import { Button, EmptyState, ErrorState, SelectField } from "../../ui";
import {
  hasFilters,
  type InboxFilters,
  listInput,
  parseFilters,
  toggled,
  withFilters,
} from "./filters";
import { ChipGroup, SearchBox } from "./InboxControls";
import { NewTicketDialog } from "./NewTicket";
import { PRIORITIES, type Priority, STATUSES, type Status } from "./shared";
import { SkeletonRows, VirtualTicketList } from "./TicketList";

const PER_PAGE = 50;

/** Reads and writes the inbox filters in the query string, so a filtered view can be shared. */
function useInboxFilters() {
  const [params, setParams] = useSearchParams();
  const filters = parseFilters(params);
  const update = (patch: Partial<InboxFilters>, replace = false) =>
    setParams((prev) => withFilters(prev, patch), { replace });
  return {
    ...filters,
    active: hasFilters(filters),
    toggleStatus: (value: Status) => update({ status: toggled(filters.status, value) }),
    togglePriority: (value: Priority) => update({ priority: toggled(filters.priority, value) }),
    setAssignee: (value: string) => update({ assignee: value }),
    setQ: (value: string) => update({ q: value }, true),
    clear: () => setParams(new URLSearchParams()),
  };
}

export function InboxPage() {
  const { slug = "" } = useParams();
  const trpc = useTRPC();
  const session = useSession();
  const tenant = useCurrentTenant();
  const canCreate = useCan("ticket.create");
  const filters = useInboxFilters();
  const [creating, setCreating] = useState(false);

  const members = useQuery(
    trpc.tenants.members.list.queryOptions(undefined, { staleTime: 60_000 }),
  );
  const roles = useRoles();
  const agents = useMemo(
    () => assignableMembers(members.data ?? [], roles.data),
    [members.data, roles.data],
  );

  const input = { perPage: PER_PAGE, ...listInput(filters, session?.user.id) };
  const list = useInfiniteQuery(
    trpc.tickets.list.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.pagination.next_cursor ?? undefined,
    }),
  );
  const tickets = useMemo(() => list.data?.pages.flatMap((p) => p.data) ?? [], [list.data]);
  const { fetchNextPage } = list;
  const loadMore = useMemo(() => () => void fetchNextPage(), [fetchNextPage]);

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
        </p>
        <div className="ticket-list-head" aria-hidden="true">
          <span>#</span>
          <span>Subject</span>
          <span>Status</span>
          <span>Priority</span>
          <span>Assignee</span>
          <span>Created</span>
        </div>
        <VirtualTicketList
          tickets={tickets}
          slug={slug}
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          fetchNextPage={loadMore}
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
        {filters.active ? (
          <Button variant="ghost" onClick={filters.clear} className="clear-filters">
            Clear filters
          </Button>
        ) : null}
      </div>
      {body}
      {creating ? <NewTicketDialog onClose={() => setCreating(false)} /> : null}
    </section>
  );
}
