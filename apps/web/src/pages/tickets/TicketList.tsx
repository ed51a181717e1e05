// The inbox's list: a virtualised list of ticket rows that fetches the next cursor page as it
// nears the end, with a roving tab stop (arrow keys, j/k, Page Up/Down, Home/End move it) and,
// for bulk actions, a checkbox per row (x ticks the active row, shift+x or shift-click a range).
import { useVirtualizer } from "@tanstack/react-virtual";
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { useShortcuts } from "../../lib/shortcuts";
import { SlaChip } from "./SlaBadge";
import { PriorityLabel, StatusBadge, type TicketRow, Time } from "./shared";

const ROW_HEIGHT = 68;

export function SkeletonRows() {
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

/** Ticking rows for bulk actions: whether a row is ticked, and a click (shift: a range). */
export type RowSelection = {
  isSelected: (id: string) => boolean;
  onToggle: (id: string, shift: boolean) => void;
};

/** One row; only the active row's link is in the tab order (arrow keys move between rows). */
function TicketRowView({
  ticket,
  slug,
  tabbable,
  selection,
}: {
  ticket: TicketRow;
  slug: string;
  tabbable: boolean;
  selection: RowSelection | undefined;
}) {
  return (
    <>
      {selection ? (
        <span className="ticket-select">
          <input
            type="checkbox"
            aria-label={`Select ticket #${ticket.number}`}
            checked={selection.isSelected(ticket.id)}
            tabIndex={tabbable ? 0 : -1}
            onChange={(event) =>
              selection.onToggle(ticket.id, (event.nativeEvent as MouseEvent).shiftKey === true)
            }
          />
        </span>
      ) : null}
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
          {ticket.customerName ?? ticket.customerEmail ?? "No customer"}{" "}
          <SlaChip sla={ticket.sla} />
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

export function VirtualTicketList({
  tickets,
  slug,
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
  selection,
}: {
  tickets: TicketRow[];
  slug: string;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  /** With it, each row has a checkbox for bulk actions. */
  selection?: RowSelection | undefined;
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

  // From anywhere on the page, j or k brings the keyboard to the list (inside it, the list's own
  // handler below moves between rows and marks the press handled).
  useShortcuts({ j: () => focusRow(active), k: () => focusRow(active) });

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const row = tickets[active];
    if (selection && row && (event.key === "x" || event.key === "X") && !event.altKey) {
      if (event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      selection.onToggle(row.id, event.shiftKey);
      return;
    }
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
              className={[
                "ticket-row",
                ticket ? "" : "loader-row",
                item.index === active ? "is-active" : "",
                selection && ticket ? "has-select" : "",
                ticket && selection?.isSelected(ticket.id) ? "is-selected" : "",
              ]
                .filter(Boolean)
                .join(" ")}
              style={{ transform: `translateY(${item.start}px)` }}
              onFocus={() => ticket && setActive(item.index)}
            >
              {ticket ? (
                <TicketRowView
                  ticket={ticket}
                  slug={slug}
                  tabbable={item.index === active}
                  selection={selection}
                />
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
