// Canned replies' rules: who sees which (the shared ones, and the acting agent's own), the checks
// on a name, body and actions, and the shape a canned reply is answered with.
import { and, eq, isUuid, macros, teams } from "@supportdesk/database";
import {
  type MacroActions,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketPriority,
  type TicketStatus,
} from "@supportdesk/domain";
import type { TenantScope } from "../context";
import { AppError, notFound } from "../errors";
import { isAssignable } from "../members";
import { ownedRecords } from "../owned-records";

export const NAME_MAX = 100;
export const BODY_MAX = 20_000;
export const TAGS_MAX = 20;
/** The ticket tag rule (the tickets router's `ticketTag` holds the same). */
const TAG = /^[a-z0-9][a-z0-9 _-]*$/;

/** The columns read from a canned reply (explicit: nothing else is sent). */
export const macroColumns = {
  id: macros.id,
  name: macros.name,
  body: macros.body,
  actions: macros.actions,
  ownerUserId: macros.ownerUserId,
  usageCount: macros.usageCount,
  createdAt: macros.createdAt,
  updatedAt: macros.updatedAt,
};
export type MacroRow = {
  id: string;
  name: string;
  body: string;
  actions: Record<string, unknown>;
  ownerUserId: string | null;
  usageCount: number;
  createdAt: Date;
  updatedAt: Date;
};

/** A canned reply as clients get it: `shared` with the tenant, or the caller's own. */
export function toMacro(row: MacroRow) {
  return {
    id: row.id,
    name: row.name,
    body: row.body,
    actions: readActions(row.actions),
    shared: row.ownerUserId === null,
    usageCount: row.usageCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type Macro = ReturnType<typeof toMacro>;

/** Who sees which canned replies, who owns a personal one, names unique per owner. */
export const { visibleTo, personalOwner, checkName, assertNameFree, onNameViolation } =
  ownedRecords(macros, { thing: "canned reply", things: "canned replies", nameMax: NAME_MAX });

/** A canned reply the actor may see, or NOT_FOUND (another agent's own is as good as missing). */
export async function findMacro(
  scope: Pick<TenantScope, "tx" | "actor">,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<MacroRow> {
  if (!isUuid(id)) throw notFound("Canned reply");
  const query = scope.tx
    .select(macroColumns)
    .from(macros)
    .where(and(eq(macros.id, id), visibleTo(scope)));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("Canned reply");
  return row;
}

export function checkBody(body: string): string {
  if (body.length > BODY_MAX) {
    throw new AppError("BAD_REQUEST", `body must be at most ${BODY_MAX} characters.`, {
      field: "body",
    });
  }
  return body;
}

const bad = (field: string, message: string) =>
  new AppError("BAD_REQUEST", `actions.${field} ${message}`, { field: `actions.${field}` });

/**
 * Checks the actions a canned reply applies with its text: known status and priority, tags by the
 * tickets' rule (lower-cased, de-duplicated), an assignee who works tickets here (or "me", or null
 * to unassign) and a team of the tenant (or null for none).
 */
export async function checkActions(
  scope: Pick<TenantScope, "tx" | "tenantId">,
  actions: MacroActions | undefined,
): Promise<MacroActions> {
  if (!actions) return {};
  const checked: MacroActions = {};
  if (actions.status !== undefined) {
    if (!TICKET_STATUSES.includes(actions.status)) {
      throw bad("status", `must be one of ${TICKET_STATUSES.join(", ")}.`);
    }
    checked.status = actions.status;
  }
  if (actions.priority !== undefined) {
    if (!TICKET_PRIORITIES.includes(actions.priority)) {
      throw bad("priority", `must be one of ${TICKET_PRIORITIES.join(", ")}.`);
    }
    checked.priority = actions.priority;
  }
  if (actions.addTags !== undefined) {
    const tags = [...new Set(actions.addTags.map((tag) => tag.trim().toLowerCase()))];
    if (tags.some((tag) => tag.length > 40 || !TAG.test(tag))) {
      throw bad("addTags", "may hold letters, digits, spaces, - and _ (at most 40 each).");
    }
    if (tags.length > TAGS_MAX) throw bad("addTags", `may hold at most ${TAGS_MAX} tags.`);
    if (tags.length > 0) checked.addTags = tags;
  }
  if (actions.assignee !== undefined) {
    const assignee = actions.assignee;
    if (
      assignee !== null &&
      assignee !== "me" &&
      !(isUuid(assignee) && (await isAssignable(scope, assignee)))
    ) {
      throw bad("assignee", "must be a member of this tenant who works tickets, me, or none.");
    }
    checked.assignee = assignee;
  }
  if (actions.teamId !== undefined) {
    const teamId = actions.teamId;
    if (teamId !== null) {
      const [team] = isUuid(teamId)
        ? await scope.tx.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId))
        : [];
      if (!team) throw bad("teamId", "is not a team of this tenant.");
    }
    checked.teamId = teamId;
  }
  return checked;
}

/** Stored actions as the domain type (only the known keys, whatever the row holds). */
export function readActions(raw: Record<string, unknown>): MacroActions {
  const actions: MacroActions = {};
  if (typeof raw.status === "string") actions.status = raw.status as TicketStatus;
  if (typeof raw.priority === "string") actions.priority = raw.priority as TicketPriority;
  if (Array.isArray(raw.addTags)) actions.addTags = raw.addTags.map(String);
  if (raw.assignee === null || typeof raw.assignee === "string") actions.assignee = raw.assignee;
  if (raw.teamId === null || typeof raw.teamId === "string") actions.teamId = raw.teamId;
  return actions;
}
