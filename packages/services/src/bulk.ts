// Bulk actions: one change applied to many tickets, one audit row each; large selections as a
// worker job (bulk-job.ts queues it, bulk-run.ts runs it); and several tickets merged into one
// (bulk-merge.ts). Every ticket goes through `updateTicket`, so each gets its own permission
// checks, audit row, ticket event and (for a status change) system line, as if changed by hand.
import {
  and,
  asc,
  eq,
  inArray,
  isUuid,
  teams,
  tickets as ticketsTable,
} from "@supportdesk/database";
import { TICKET_PRIORITIES, TICKET_STATUSES } from "@supportdesk/domain";
import { BULK_JOB_IDS_MAX } from "@supportdesk/queue";
import { type BulkJob, type BulkJobStore, queueBulkJob } from "./bulk-job";
import { authorize, type TenantScope } from "./context";
import { AppError } from "./errors";
import { isAssignable } from "./members";
import {
  type TicketFilters,
  type TicketPriority,
  type TicketStatus,
  ticketConditions,
} from "./ticket-list";
import { type TicketUpdate, updateTicket } from "./tickets";

export {
  type BulkJob,
  type BulkJobState,
  type BulkJobStore,
  bulkProgress,
  JOB_TTL_SECONDS,
  jobStore,
  queueBulkJob,
} from "./bulk-job";
export { BULK_MERGE_MAX, mergeMany } from "./bulk-merge";
export { type BulkJobPayload, type BulkRun, runBulkJob } from "./bulk-run";

/** At most this many tickets change in one transaction (a request's, or one chunk of a job). */
export const BULK_CHUNK = 100;
/** At most this many ids may be named in one call (more than BULK_CHUNK: a job). */
export const BULK_IDS_MAX = 500;
/** "Select all matching": a filter may select at most this many tickets (one job's most). */
export const BULK_FILTER_MAX = BULK_JOB_IDS_MAX;
const TAGS_MAX = 20;
const TAG = /^[a-z0-9][a-z0-9 _-]*$/;

export type BulkChanges = {
  status?: TicketStatus | undefined;
  priority?: TicketPriority | undefined;
  /** A member who works tickets, or null to unassign (needs `ticket.assign`). */
  assigneeId?: string | null | undefined;
  /** A team of the tenant, or null for none (needs `ticket.assign`). */
  teamId?: string | null | undefined;
  addTags?: string[] | undefined;
  removeTags?: string[] | undefined;
};
export type BulkSkip = { id: string; reason: string };
/** What a bulk change did: tickets changed, already as asked, and left alone (with why). */
export type BulkResult = { updated: number; unchanged: number; skipped: BulkSkip[] };

const bad = (field: string, message: string) =>
  new AppError("BAD_REQUEST", `${field} ${message}`, { field });

function checkTags(field: "changes.addTags" | "changes.removeTags", raw: string[] | undefined) {
  if (raw === undefined) return undefined;
  const tags = [...new Set(raw.map((tag) => tag.trim().toLowerCase()))];
  if (tags.some((tag) => tag.length === 0 || tag.length > 40 || !TAG.test(tag))) {
    throw bad(field, "may hold letters, digits, spaces, - and _ (at most 40 each).");
  }
  if (tags.length > TAGS_MAX) throw bad(field, `may hold at most ${TAGS_MAX} tags.`);
  return tags.length ? tags : undefined;
}

/**
 * The permissions and the change itself, checked once for the whole selection: `ticket.update`
 * always (what the procedure declares), `ticket.assign` for an assignee or team, a known status
 * and priority, an assignee who works tickets here, a team of the tenant, tags by the rule.
 */
export async function checkChanges(scope: TenantScope, raw: BulkChanges): Promise<BulkChanges> {
  authorize(scope, "ticket.update");
  if (raw.assigneeId !== undefined || raw.teamId !== undefined) authorize(scope, "ticket.assign");
  const changes: BulkChanges = {};
  if (raw.status !== undefined) {
    if (!TICKET_STATUSES.includes(raw.status)) throw bad("changes.status", "is not a status.");
    changes.status = raw.status;
  }
  if (raw.priority !== undefined) {
    if (!TICKET_PRIORITIES.includes(raw.priority)) {
      throw bad("changes.priority", "is not a priority.");
    }
    changes.priority = raw.priority;
  }
  if (raw.assigneeId !== undefined) {
    const id = raw.assigneeId;
    if (id !== null && !(isUuid(id) && (await isAssignable(scope, id)))) {
      throw bad("changes.assigneeId", "must be a member of this tenant who works tickets.");
    }
    changes.assigneeId = id;
  }
  if (raw.teamId !== undefined) {
    const id = raw.teamId;
    if (id !== null) {
      const [team] = isUuid(id)
        ? await scope.tx.select({ id: teams.id }).from(teams).where(eq(teams.id, id))
        : [];
      if (!team) throw bad("changes.teamId", "is not a team of this tenant.");
    }
    changes.teamId = id;
  }
  const addTags = checkTags("changes.addTags", raw.addTags);
  const removeTags = checkTags("changes.removeTags", raw.removeTags);
  if (addTags?.some((tag) => removeTags?.includes(tag))) {
    throw bad("changes.removeTags", "cannot remove a tag that is being added.");
  }
  if (addTags) changes.addTags = addTags;
  if (removeTags) changes.removeTags = removeTags;
  if (Object.keys(changes).length === 0) throw bad("changes", "must change something.");
  return changes;
}

/**
 * Applies checked `changes` to at most BULK_CHUNK tickets in the scope's transaction, each in a
 * savepoint through `updateTicket`. An id this tenant has no ticket for (another tenant's, or
 * unknown) is skipped as "not found" and never touched; a ticket the change cannot apply to is
 * skipped with the reason and the rest go on.
 */
export async function applyChanges(
  scope: TenantScope,
  ids: string[],
  changes: BulkChanges,
): Promise<BulkResult> {
  authorize(scope, "ticket.update");
  if (ids.length > BULK_CHUNK) throw new Error(`applyChanges takes at most ${BULK_CHUNK} ids`);
  const wanted = [...new Set(ids)];
  const valid = wanted.filter(isUuid);
  const rows = valid.length
    ? await scope.tx
        .select({ id: ticketsTable.id, tags: ticketsTable.tags, updatedAt: ticketsTable.updatedAt })
        .from(ticketsTable)
        .where(inArray(ticketsTable.id, valid))
    : [];
  const found = new Map(rows.map((row) => [row.id, row]));
  const result: BulkResult = { updated: 0, unchanged: 0, skipped: [] };
  const { addTags, removeTags, ...plain } = changes;
  for (const id of wanted) {
    const before = found.get(id);
    if (!before) {
      result.skipped.push({ id, reason: "not found" });
      continue;
    }
    const update: TicketUpdate & { id: string } = { id, ...plain };
    if (addTags || removeTags) {
      const tags = [...new Set([...before.tags, ...(addTags ?? [])])].filter(
        (tag) => !removeTags?.includes(tag),
      );
      if (tags.length > TAGS_MAX) {
        result.skipped.push({ id, reason: `would have more than ${TAGS_MAX} tags` });
        continue;
      }
      update.tags = tags;
    }
    try {
      const after = await scope.tx.transaction((tx) => updateTicket({ ...scope, tx }, update));
      if (after.updatedAt.getTime() === before.updatedAt.getTime()) result.unchanged += 1;
      else result.updated += 1;
    } catch (error) {
      if (!(error instanceof AppError) || error.code === "FORBIDDEN") throw error;
      result.skipped.push({ id, reason: error.message });
    }
  }
  return result;
}

export type BulkInput = {
  /** The tickets to change (at most BULK_IDS_MAX). */
  ids?: string[] | undefined;
  /** Or every ticket matching these filters (at most BULK_FILTER_MAX). */
  filter?: TicketFilters | undefined;
  changes: BulkChanges;
};

/** What became of a bulk request: done already, or a job queued over a fixed list of tickets. */
export type BulkPlan = { done: BulkResult } | { job: BulkJob };

/**
 * Checks a bulk request and, for at most BULK_CHUNK named tickets, applies it in the scope's
 * transaction (`done`). For a filter or more ids it fixes the list of tickets now — the ones the
 * filter matches at this moment, oldest first, so a change that moves tickets out of the filter
 * cannot make a later chunk skip or repeat any; or the ids as named, those this tenant has no
 * ticket for to be skipped as "not found" — and queues it as a job in the same transaction
 * (`queueBulkJob`), answering the job's first progress record.
 * Naming no ticket of this tenant at all is NOT_FOUND (another tenant's ids reveal nothing).
 */
export async function planBulk(scope: TenantScope, input: BulkInput): Promise<BulkPlan> {
  const changes = await checkChanges(scope, input.changes);
  if ((input.ids === undefined) === (input.filter === undefined)) {
    throw bad("ids", "or filter must be given, not both.");
  }
  const none = () => new AppError("NOT_FOUND", "None of the selected tickets were found.");
  if (input.filter) {
    const rows = await scope.tx
      .select({ id: ticketsTable.id })
      .from(ticketsTable)
      .where(and(...ticketConditions(scope, input.filter)))
      .orderBy(asc(ticketsTable.createdAt), asc(ticketsTable.id))
      .limit(BULK_FILTER_MAX + 1);
    if (rows.length > BULK_FILTER_MAX) {
      throw bad("filter", `matches more than ${BULK_FILTER_MAX} tickets; narrow it first.`);
    }
    if (rows.length === 0) throw new AppError("NOT_FOUND", "No tickets match this filter.");
    return {
      job: await queueBulkJob(
        scope,
        rows.map((row) => row.id),
        changes,
      ),
    };
  }
  const ids = [...new Set(input.ids ?? [])];
  if (ids.length === 0) throw bad("ids", "must name at least one ticket.");
  if (ids.length > BULK_IDS_MAX) throw bad("ids", `may name at most ${BULK_IDS_MAX} tickets.`);
  if (ids.length <= BULK_CHUNK) {
    const done = await applyChanges(scope, ids, changes);
    if (done.skipped.length === ids.length && done.skipped.every((s) => s.reason === "not found")) {
      throw none();
    }
    return { done };
  }
  // Only a UUID can name a ticket (the router takes nothing else); the job carries those.
  const valid = ids.filter(isUuid);
  const [anyFound] = await scope.tx
    .select({ id: ticketsTable.id })
    .from(ticketsTable)
    .where(inArray(ticketsTable.id, valid))
    .limit(1);
  if (!anyFound) throw none();
  return { job: await queueBulkJob(scope, valid, changes) };
}

/**
 * `tickets.bulkUpdate`: the plan and, for a job, its first progress record ("queued") in the
 * store, written before the scope's transaction commits: the worker only sees the job after the
 * commit, so it never finds the record missing nor has it overwritten; and if the commit fails,
 * the job's id was never given to anyone. Answers the result, or `{ jobId, total }`.
 */
export async function bulkUpdate(
  scope: TenantScope,
  input: BulkInput,
  store: BulkJobStore,
): Promise<BulkResult | { jobId: string; total: number }> {
  const plan = await planBulk(scope, input);
  if ("done" in plan) return plan.done;
  await store.set(plan.job);
  return { jobId: plan.job.jobId, total: plan.job.total };
}
