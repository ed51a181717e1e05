// Pieces the tickets and customers screens share: types, options, time, debouncing, keys.
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketPriority,
  type TicketStatus,
} from "@supportdesk/domain";
import type { RouterOutputs } from "@supportdesk/trpc";
import type { QueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { Badge } from "../../ui";

export type TicketRow = RouterOutputs["tickets"]["list"]["data"][number];
export type TicketDetail = RouterOutputs["tickets"]["get"];
export type ThreadMessage = TicketDetail["messages"][number];
export type CustomerRow = RouterOutputs["customers"]["list"]["data"][number];

export type Status = TicketStatus;
export type Priority = TicketPriority;
export const STATUSES = TICKET_STATUSES;
/** Most pressing first, the order people scan for (the domain lists them rising). */
export const PRIORITIES: readonly Priority[] = [...TICKET_PRIORITIES].reverse();

export const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1);

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={status}>{label(status)}</Badge>;
}

export function PriorityLabel({ priority }: { priority: string }) {
  return (
    <span className={`priority priority-${priority}`}>
      <span className="priority-dot" aria-hidden="true" />
      {label(priority)}
    </span>
  );
}

const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 31_536_000],
  ["month", 2_592_000],
  ["week", 604_800],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

/** "3 hours ago", "yesterday", "just now". */
export function relativeTime(value: string | Date, now = Date.now()): string {
  const seconds = (new Date(value).getTime() - now) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

// One formatter for every row: toLocaleString with options builds a new one per call.
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function absoluteTime(value: string | Date): string {
  return absolute.format(new Date(value));
}

/** A `<time>` showing relative time, with the exact time on hover. */
export function Time({ value }: { value: string | Date }) {
  const date = new Date(value);
  return (
    <time dateTime={date.toISOString()} title={absoluteTime(date)}>
      {relativeTime(date)}
    </time>
  );
}

/** Whether a query failed because the thing is not there (or the id cannot name one). */
export function isNotFound(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const data = error.data as { code?: string; httpStatus?: number } | undefined;
  return data?.code === "NOT_FOUND" || data?.code === "BAD_REQUEST" || data?.httpStatus === 404;
}

/** An id the server accepts (zod's `z.uuid()`: RFC 9562 version and variant, or nil/max). */
export const UUID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}|0{8}-0{4}-0{4}-0{4}-0{12}|f{8}-f{4}-f{4}-f{4}-f{12})$/i;

/**
 * Refreshes every ticket query (lists, infinite pages, single tickets, a customer's tickets) after
 * a realtime event. Keys follow @trpc/tanstack-react-query: `[[...path], { input?, type? }]`,
 * which is what `trpc.tickets.pathKey()` / `trpc.tickets.get.queryKey({ id })` produce; prefix
 * matching on `[["tickets"]]` covers the whole router. Pass a ticket id to refresh just that
 * ticket's thread plus the lists.
 */
export function invalidateTicketQueries(queryClient: QueryClient, ticketId?: string) {
  const jobs: Promise<void>[] = [
    queryClient.invalidateQueries({ queryKey: [["tickets", "list"]] }),
    queryClient.invalidateQueries({ queryKey: [["customers", "get"]] }),
  ];
  jobs.push(
    ticketId
      ? queryClient.invalidateQueries({
          queryKey: [["tickets", "get"], { input: { id: ticketId }, type: "query" }],
        })
      : queryClient.invalidateQueries({ queryKey: [["tickets", "get"]] }),
  );
  return Promise.all(jobs).then(() => undefined);
}
