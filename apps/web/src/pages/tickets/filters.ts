// The inbox filters in the query string (so a filtered view can be shared): read defensively — a
// shared link may hold anything, and what the server would refuse is dropped, not sent — written
// in one canonical form, and turned into the `tickets.list` input. A saved view is the same
// filters and sort: applying one writes them to the URL (views.ts maps between the two).
import { TICKET_SORTS, type TicketSort, type TicketViewFilters } from "@supportdesk/domain";
import { PRIORITIES, type Priority, STATUSES, type Status, UUID } from "./shared";

/** The SLA states the inbox filters by (the server's `ticketFilters.sla`). */
export type SlaFilter = NonNullable<TicketViewFilters["sla"]>;
export const SLA_FILTERS: readonly SlaFilter[] = ["breached", "due_soon", "on_track", "paused"];

/** A custom field's value in a filter (the server's `fieldValue`). */
export type FieldFilterValue = string | number | boolean | string[];

export type InboxFilters = {
  status: Status[];
  priority: Priority[];
  /** "" (anyone), "me", "unassigned" or a member's user id. */
  assignee: string;
  /** "" (any team), "none" or a team's id. */
  teamId: string;
  /** "" or one tag. */
  tag: string;
  /** "" or a customer's id. */
  customerId: string;
  q: string;
  /** "" or an inclusive day, YYYY-MM-DD. */
  createdFrom: string;
  createdTo: string;
  updatedFrom: string;
  updatedTo: string;
  /** Custom field id → the value it must hold. */
  fields: Record<string, FieldFilterValue>;
  /** The order ("newest" when the URL names none). */
  sort: TicketSort;
  /** How tickets stand against their SLA; absent when not filtered by it. */
  sla?: SlaFilter;
};

export const NO_FILTERS: InboxFilters = {
  status: [],
  priority: [],
  assignee: "",
  teamId: "",
  tag: "",
  customerId: "",
  q: "",
  createdFrom: "",
  createdTo: "",
  updatedFrom: "",
  updatedTo: "",
  fields: {},
  sort: "newest",
};

/** The longest search `tickets.list` accepts. */
export const MAX_QUERY_LENGTH = 200;
const TAG = /^[a-z0-9][a-z0-9 _-]*$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_FIELDS = 20;

/** Each filter's query-string parameter. */
const PARAM = {
  status: "status",
  priority: "priority",
  assignee: "assignee",
  teamId: "team",
  tag: "tag",
  customerId: "customer",
  q: "q",
  createdFrom: "created_from",
  createdTo: "created_to",
  updatedFrom: "updated_from",
  updatedTo: "updated_to",
  fields: "fields",
  sort: "sort",
  sla: "sla",
} as const satisfies Record<keyof InboxFilters, string>;
const DAY_KEYS = ["createdFrom", "createdTo", "updatedFrom", "updatedTo"] as const;

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

const parseTeam = (raw: string | null) => (raw === "none" || (raw && UUID.test(raw)) ? raw : "");
const parseId = (raw: string | null) => (raw && UUID.test(raw) ? raw : "");

function parseQuery(raw: string | null): string {
  return (raw ?? "").trim().slice(0, MAX_QUERY_LENGTH).trim();
}

function parseTag(raw: string | null): string {
  const tag = (raw ?? "").trim().toLowerCase();
  return tag.length <= 40 && TAG.test(tag) ? tag : "";
}

/** A real calendar day as YYYY-MM-DD (not February 30th: the server would refuse it). */
function parseDay(raw: string | null): string {
  if (!raw || !DAY.test(raw)) return "";
  const time = Date.parse(`${raw}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === raw ? raw : "";
}

function parseSla(raw: string | null): SlaFilter | undefined {
  return SLA_FILTERS.find((state) => state === raw);
}

function parseSort(raw: string | null): TicketSort {
  return (TICKET_SORTS as readonly string[]).includes(raw ?? "") ? (raw as TicketSort) : "newest";
}

const isFieldValue = (value: unknown): value is FieldFilterValue =>
  (typeof value === "string" && value.length <= 2000) ||
  (typeof value === "number" && Number.isFinite(value)) ||
  typeof value === "boolean" ||
  (Array.isArray(value) &&
    value.length <= 50 &&
    value.every((v) => typeof v === "string" && v.length <= 200));

/** Field filters from anything: the entries with a field id and a value the server accepts. */
export function cleanFields(raw: unknown): Record<string, FieldFilterValue> {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return {};
  const entries = Object.entries(raw as Record<string, unknown>).filter(
    (entry): entry is [string, FieldFilterValue] => UUID.test(entry[0]) && isFieldValue(entry[1]),
  );
  return Object.fromEntries(entries.slice(0, MAX_FIELDS));
}

function parseFields(raw: string | null): Record<string, FieldFilterValue> {
  if (!raw) return {};
  try {
    return cleanFields(JSON.parse(raw));
  } catch {
    return {};
  }
}

export function parseFilters(params: URLSearchParams): InboxFilters {
  const get = (key: keyof InboxFilters) => params.get(PARAM[key]);
  return {
    status: parseList(get("status"), STATUSES),
    priority: parseList(get("priority"), PRIORITIES),
    assignee: parseAssignee(get("assignee")),
    teamId: parseTeam(get("teamId")),
    tag: parseTag(get("tag")),
    customerId: parseId(get("customerId")),
    q: parseQuery(get("q")),
    createdFrom: parseDay(get("createdFrom")),
    createdTo: parseDay(get("createdTo")),
    updatedFrom: parseDay(get("updatedFrom")),
    updatedTo: parseDay(get("updatedTo")),
    fields: parseFields(get("fields")),
    sort: parseSort(get("sort")),
    ...sla(parseSla(get("sla"))),
  };
}

/** `{ sla }` when set, nothing otherwise (filters without it compare equal to NO_FILTERS). */
const sla = (value: SlaFilter | undefined) => (value ? { sla: value } : {});

/** Whether any filter narrows the list (the sort does not). */
export function hasFilters(filters: InboxFilters): boolean {
  return (
    filters.status.length > 0 ||
    filters.priority.length > 0 ||
    Object.keys(filters.fields).length > 0 ||
    filters.sla !== undefined ||
    [
      filters.assignee,
      filters.teamId,
      filters.tag,
      filters.customerId,
      filters.q,
      ...DAY_KEYS.map((key) => filters[key]),
    ].some((value) => value !== "")
  );
}

/** The list with `value` added (or removed, if it was there). */
export function toggled<T extends string>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

/**
 * The query string with the given filters changed, in canonical form (lists deduplicated and in
 * the options' order, values checked, an empty filter and the default sort removed). Other
 * parameters are kept.
 */
export function withFilters(
  params: URLSearchParams,
  patch: Partial<InboxFilters>,
): URLSearchParams {
  const next = new URLSearchParams(params);
  const put = (key: keyof InboxFilters, value: string) => {
    if (value) next.set(PARAM[key], value);
    else next.delete(PARAM[key]);
  };
  if (patch.status) put("status", parseList(patch.status.join(","), STATUSES).join(","));
  if (patch.priority) put("priority", parseList(patch.priority.join(","), PRIORITIES).join(","));
  if (patch.assignee !== undefined) put("assignee", parseAssignee(patch.assignee));
  if (patch.teamId !== undefined) put("teamId", parseTeam(patch.teamId));
  if (patch.tag !== undefined) put("tag", parseTag(patch.tag));
  if (patch.customerId !== undefined) put("customerId", parseId(patch.customerId));
  if (patch.q !== undefined) put("q", parseQuery(patch.q));
  for (const key of DAY_KEYS) {
    const day = patch[key];
    if (day !== undefined) put(key, parseDay(day));
  }
  if (patch.fields !== undefined) {
    const fields = cleanFields(patch.fields);
    put("fields", Object.keys(fields).length ? JSON.stringify(fields) : "");
  }
  if ("sla" in patch) put("sla", parseSla(patch.sla ?? null) ?? "");
  if (patch.sort !== undefined) {
    const sort = parseSort(patch.sort);
    put("sort", sort === "newest" ? "" : sort);
  }
  return next;
}

/** The query string for a set of filters (no filters: no parameters). */
export function filtersToParams(filters: InboxFilters): URLSearchParams {
  return withFilters(new URLSearchParams(), filters);
}

/** The filters' canonical query string: two equal strings are the same inbox. */
export const filtersKey = (filters: InboxFilters): string => filtersToParams(filters).toString();

/**
 * What the filters ask `tickets.list` for ("me" is the signed-in user; none when signed out).
 * Unset filters are left out.
 */
export function listInput(filters: InboxFilters, userId: string | undefined) {
  const text = (value: string) => value || undefined;
  return {
    status: filters.status.length ? filters.status : undefined,
    priority: filters.priority.length ? filters.priority : undefined,
    assignee: filters.assignee === "me" ? userId : text(filters.assignee),
    teamId: text(filters.teamId),
    tag: text(filters.tag),
    customerId: text(filters.customerId),
    q: text(filters.q),
    createdFrom: text(filters.createdFrom),
    createdTo: text(filters.createdTo),
    updatedFrom: text(filters.updatedFrom),
    updatedTo: text(filters.updatedTo),
    fields: Object.keys(filters.fields).length ? filters.fields : undefined,
    sla: filters.sla,
    sort: filters.sort === "newest" ? undefined : filters.sort,
  };
}

/**
 * The filters set that the inbox has no control for (a saved view or a shared link may hold
 * them), named for people: "tag vip", "a team", "created from 2026-01-01"…
 */
export function otherFilterLabels(filters: InboxFilters): string[] {
  const labels: string[] = [];
  if (filters.teamId === "none") labels.push("no team");
  else if (filters.teamId) labels.push("a team");
  if (filters.tag) labels.push(`tag ${filters.tag}`);
  if (filters.customerId) labels.push("a customer");
  if (filters.createdFrom) labels.push(`created from ${filters.createdFrom}`);
  if (filters.createdTo) labels.push(`created to ${filters.createdTo}`);
  if (filters.updatedFrom) labels.push(`updated from ${filters.updatedFrom}`);
  if (filters.updatedTo) labels.push(`updated to ${filters.updatedTo}`);
  const fields = Object.keys(filters.fields).length;
  if (fields) labels.push(fields === 1 ? "a custom field" : `${fields} custom fields`);
  return labels;
}
