// The inbox: filters kept in the URL, cursor pages fetched as you scroll, a virtualised list.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { type KeyboardEvent, type ReactNode, useEffect, useMemo, useRef, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useDebounced } from "../../lib/use-debounced";
import { useCan, useCurrentTenant, useSession } from "../../lib/use-session";
import { Button, EmptyState, ErrorState, SelectField } from "../../ui";
import {
  hasFilters,
  type InboxFilters,
  listInput,
  MAX_QUERY_LENGTH,
  parseFilters,
  toggled,
  withFilters,
} from "./filters";
import { NewTicketDialog } from "./NewTicket";
import {
  label,
  PRIORITIES,
  type Priority,
  PriorityLabel,
  STATUSES,
  type Status,
  StatusBadge,
  type TicketRow,
  Time,
} from "./shared";

const PER_PAGE = 50;
const ROW_HEIGHT = 68;

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

function ChipGroup<T extends string>({
  legend,
  values,
  selected,
  onToggle,
}: {
  legend: string;
  values: readonly T[];
  selected: T[];
  onToggle: (value: T) => void;
}) {
  return (
    <fieldset className="chip-group">
      <legend>{legend}</legend>
      <div className="chips">
        {values.map((value) => (
          <button
            key={value}
            type="button"
            className={`chip chip-${value}`}
            aria-pressed={selected.includes(value)}
            onClick={() => onToggle(value)}
          >
            {label(value)}
          </button>
        ))}
      </div>
    </fieldset>
  );
}

function SearchBox({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [text, setText] = useState(value);
  const debounced = useDebounced(text, 300);
  // Push the debounced text to the URL; follow the URL when it changes elsewhere (Clear, back).
  const pushed = useRef(value);
  useEffect(() => {
    if (debounced.trim() !== pushed.current) {
      pushed.current = debounced.trim();
      onChange(debounced.trim());
    }
  }, [debounced, onChange]);
  useEffect(() => {
    if (value !== pushed.current) {
      pushed.current = value;
      setText(value);
    }
  }, [value]);
  return (
    <div className="field search-field">
      <label htmlFor="ticket-search">Search tickets</label>
      <input
        id="ticket-search"
        type="search"
        placeholder="Subject or #number"
        maxLength={MAX_QUERY_LENGTH}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
    </div>
  );
}

function SkeletonRows() {
  return (
    <div className="ticket-list skeleton-list" role="status" aria-label="Loading tickets">
      {Array.from({ length: 8 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <div key={i} className="ticket-row skeleton-row">
          <span className="skeleton" style={{ width: 48 }} />
          <span className="skeleton" style={{ width: `${40 + ((i * 13) % 35)}%` }} />
          <span className="skeleton" style={{ width: 80 }} />
        </div>
      ))}
    </div>
  );
}

/** One row; only the active row's link is in the tab order (arrow keys move between rows). */
function TicketRowView({
  ticket,
  slug,
  tabbable,
}: {
  ticket: TicketRow;
  slug: string;
  tabbable: boolean;
}) {
  return (
    <>
      <span className="ticket-number">#{ticket.number}</span>
      <span className="ticket-main">
        <Link
          to={`/t/${slug}/tickets/${ticket.id}`}
          className="ticket-subject"
          tabIndex={tabbable ? 0 : -1}
        >
          {ticket.subject}
        </Link>
        <span className="ticket-customer">
          {ticket.customerName ?? ticket.customerEmail ?? "No customer"}
        </span>
      </span>
      <span className="ticket-status">
        <StatusBadge status={ticket.status} />
      </span>
      <span className="ticket-priority">
        <PriorityLabel priority={ticket.priority} />
      </span>
      <span className={`ticket-assignee${ticket.assigneeName ? "" : " muted"}`}>
        {ticket.assigneeName ?? "Unassigned"}
      </span>
      <span className="ticket-time">
        <Time value={ticket.createdAt} />
      </span>
    </>
  );
}

function VirtualTicketList({
  tickets,
  slug,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: {
  tickets: TicketRow[];
  slug: string;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const count = tickets.length + (hasNextPage ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;

  // Fetch the next page when the last rendered row is near the end of what we have.
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= tickets.length - 10) fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, lastIndex, tickets.length, fetchNextPage]);

  const focusRow = (index: number) => {
    const target = Math.max(0, Math.min(tickets.length - 1, index));
    setActive(target);
    virtualizer.scrollToIndex(target, { align: "auto" });
    requestAnimationFrame(() =>
      requestAnimationFrame(() =>
        scrollRef.current
          ?.querySelector<HTMLAnchorElement>(`[data-index="${target}"] a`)
          ?.focus({ preventScroll: true }),
      ),
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const keys: Record<string, number> = {
      ArrowDown: active + 1,
      j: active + 1,
      ArrowUp: active - 1,
      k: active - 1,
      PageDown: active + 10,
      PageUp: active - 10,
      Home: 0,
      End: tickets.length - 1,
    };
    const next = keys[event.key];
    if (next === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    focusRow(next);
  };

  return (
    <div ref={scrollRef} className="ticket-list">
      <ul
        aria-label="Tickets"
        aria-describedby="ticket-list-help"
        onKeyDown={onKeyDown}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const ticket = tickets[item.index];
          return (
            <li
              key={ticket?.id ?? "loader"}
              data-index={item.index}
              ref={virtualizer.measureElement}
              aria-posinset={ticket ? item.index + 1 : undefined}
              aria-setsize={ticket ? (hasNextPage ? -1 : tickets.length) : undefined}
              className={`ticket-row${ticket ? "" : " loader-row"}${item.index === active ? " is-active" : ""}`}
              style={{ transform: `translateY(${item.start}px)` }}
              onFocus={() => ticket && setActive(item.index)}
            >
              {ticket ? (
                <TicketRowView ticket={ticket} slug={slug} tabbable={item.index === active} />
              ) : (
                <span className="muted">
                  <span className="spinner" aria-hidden="true" /> Loading more tickets…
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function InboxPage() {
  const { slug = "" } = useParams();
  const trpc = useTRPC();
  const session = useSession();
  const tenant = useCurrentTenant();
  const canWrite = useCan("member");
  const filters = useInboxFilters();
  const [creating, setCreating] = useState(false);

  const members = useQuery(
    trpc.tenants.members.list.queryOptions(undefined, { staleTime: 60_000 }),
  );
  const agents = useMemo(
    () => (members.data ?? []).filter((m) => m.role !== "viewer"),
    [members.data],
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
        {canWrite ? (
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
