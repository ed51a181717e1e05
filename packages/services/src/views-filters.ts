// A saved view's filters: checked when saved (every id it names must be the tenant's), and read
// back defensively from the JSON column.
import {
  and,
  customers,
  eq,
  inArray,
  isUuid,
  teams,
  ticketFields,
  userTenantRoles,
} from "@supportdesk/database";
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketFieldValue,
  type TicketPriority,
  type TicketStatus,
  type TicketViewFilters,
} from "@supportdesk/domain";
import type { TenantScope } from "./context";
import { AppError } from "./errors";

const SLA_FILTERS = ["breached", "due_soon", "on_track", "paused"] as const;
const isSlaFilter = (value: string): value is (typeof SLA_FILTERS)[number] =>
  (SLA_FILTERS as readonly string[]).includes(value);

/** The ticket tag rule (the routers' `ticketTag` holds the same). */
const TAG = /^[a-z0-9][a-z0-9 _-]*$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_KEYS = ["createdFrom", "createdTo", "updatedFrom", "updatedTo"] as const;

/**
 * What a view stores: the domain's `TicketViewFilters` plus the inbox's date bounds (inclusive
 * UTC days), which `tickets.list` takes too.
 */
export type ViewFilters = TicketViewFilters & {
  [K in (typeof DAY_KEYS)[number]]?: string;
};

const bad = (field: string, message: string) =>
  new AppError("BAD_REQUEST", `filters.${field} ${message}`, { field: `filters.${field}` });

const isFieldValue = (value: unknown): value is TicketFieldValue =>
  typeof value === "string" ||
  (typeof value === "number" && Number.isFinite(value)) ||
  typeof value === "boolean" ||
  (Array.isArray(value) && value.every((v) => typeof v === "string"));

/**
 * The filters a view may store, checked (whatever the router let through): known statuses and
 * priorities, a tag by the tickets' rule, days as YYYY-MM-DD, and every id it names — an assignee,
 * a team, a customer, custom fields — one of this tenant's. Unknown keys are dropped.
 */
export async function checkFilters(
  scope: Pick<TenantScope, "tx" | "tenantId">,
  raw: Record<string, unknown>,
): Promise<ViewFilters> {
  const filters: ViewFilters = {};
  const list = <T extends string>(key: "status" | "priority", allowed: readonly T[]) => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => !allowed.includes(v as T))) {
      throw bad(key, `must list some of ${allowed.join(", ")}.`);
    }
    const unique = allowed.filter((v) => value.includes(v));
    return unique.length ? unique : undefined;
  };
  const status = list<TicketStatus>("status", TICKET_STATUSES);
  if (status) filters.status = status;
  const priority = list<TicketPriority>("priority", TICKET_PRIORITIES);
  if (priority) filters.priority = priority;
  const text = (key: string): string | undefined => {
    const value = raw[key];
    if (value === undefined || value === "") return undefined;
    if (typeof value !== "string") throw bad(key, "must be text.");
    return value.trim() || undefined;
  };
  const assignee = text("assignee");
  if (assignee) {
    if (assignee !== "me" && assignee !== "unassigned") {
      const [member] = isUuid(assignee)
        ? await scope.tx
            .select({ userId: userTenantRoles.userId })
            .from(userTenantRoles)
            .where(
              and(
                eq(userTenantRoles.tenantId, scope.tenantId),
                eq(userTenantRoles.userId, assignee),
              ),
            )
        : [];
      if (!member) throw bad("assignee", "must be a member of this tenant, me or unassigned.");
    }
    filters.assignee = assignee;
  }
  const teamId = text("teamId");
  if (teamId) {
    if (teamId !== "none") {
      const [team] = isUuid(teamId)
        ? await scope.tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId))
        : [];
      if (!team) throw bad("teamId", "is not a team of this tenant.");
    }
    filters.teamId = teamId;
  }
  const customerId = text("customerId");
  if (customerId) {
    const [customer] = isUuid(customerId)
      ? await scope.tx
          .select({ id: customers.id })
          .from(customers)
          .where(eq(customers.id, customerId))
      : [];
    if (!customer) throw bad("customerId", "is not a customer of this tenant.");
    filters.customerId = customerId;
  }
  const tag = text("tag")?.toLowerCase();
  if (tag) {
    if (tag.length > 40 || !TAG.test(tag)) {
      throw bad("tag", "may hold letters, digits, spaces, - and _ (at most 40).");
    }
    filters.tag = tag;
  }
  const q = text("q");
  if (q) {
    if (q.length > 200) throw bad("q", "must be at most 200 characters.");
    filters.q = q;
  }
  const sla = text("sla");
  if (sla) {
    if (!isSlaFilter(sla)) throw bad("sla", "must be breached, due_soon, on_track or paused.");
    filters.sla = sla;
  }
  for (const key of DAY_KEYS) {
    const day = text(key);
    if (!day) continue;
    if (!DAY.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
      throw bad(key, "must be a date (YYYY-MM-DD).");
    }
    filters[key] = day;
  }
  if (raw.fields !== undefined) {
    const fields = raw.fields;
    if (!fields || typeof fields !== "object" || Array.isArray(fields)) {
      throw bad("fields", "must map field ids to values.");
    }
    const entries = Object.entries(fields as Record<string, unknown>);
    if (entries.length > 20) throw bad("fields", "may hold at most 20 fields.");
    if (entries.some(([id, value]) => !isUuid(id) || !isFieldValue(value))) {
      throw bad("fields", "must map field ids to text, numbers, true/false or lists of text.");
    }
    if (entries.length) {
      const ids = entries.map(([id]) => id);
      const known = await scope.tx
        .select({ id: ticketFields.id })
        .from(ticketFields)
        .where(inArray(ticketFields.id, ids));
      if (known.length !== ids.length) throw bad("fields", "names a field this tenant lacks.");
      filters.fields = Object.fromEntries(entries) as Record<string, TicketFieldValue>;
    }
  }
  return filters;
}

/**
 * A stored view's filters, read defensively (the column is JSON: what does not fit the shape is
 * dropped rather than sent to the inbox, which would refuse it).
 */
export function readFilters(raw: Record<string, unknown> | null): ViewFilters {
  const value = raw ?? {};
  const filters: ViewFilters = {};
  const pick = <T extends string>(key: string, allowed: readonly T[]) =>
    Array.isArray(value[key]) ? allowed.filter((v) => (value[key] as unknown[]).includes(v)) : [];
  const status = pick<TicketStatus>("status", TICKET_STATUSES);
  if (status.length) filters.status = status;
  const priority = pick<TicketPriority>("priority", TICKET_PRIORITIES);
  if (priority.length) filters.priority = priority;
  const text = (key: string) =>
    typeof value[key] === "string" && value[key] ? (value[key] as string) : undefined;
  const assignee = text("assignee");
  if (assignee && (assignee === "me" || assignee === "unassigned" || isUuid(assignee))) {
    filters.assignee = assignee;
  }
  const teamId = text("teamId");
  if (teamId && (teamId === "none" || isUuid(teamId))) filters.teamId = teamId;
  const customerId = text("customerId");
  if (customerId && isUuid(customerId)) filters.customerId = customerId;
  const tag = text("tag");
  if (tag && TAG.test(tag)) filters.tag = tag;
  const q = text("q");
  if (q) filters.q = q.slice(0, 200);
  const sla = text("sla");
  if (sla && isSlaFilter(sla)) filters.sla = sla;
  for (const key of DAY_KEYS) {
    const day = text(key);
    if (day && DAY.test(day)) filters[key] = day;
  }
  const fields = value.fields;
  if (fields && typeof fields === "object" && !Array.isArray(fields)) {
    const entries = Object.entries(fields as Record<string, unknown>).filter(
      ([id, v]) => isUuid(id) && isFieldValue(v),
    );
    if (entries.length) {
      filters.fields = Object.fromEntries(entries) as Record<string, TicketFieldValue>;
    }
  }
  return filters;
}
