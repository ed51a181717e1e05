// tickets.bulk*: one change applied to many selected tickets (or every ticket matching a filter).
// Spread into the tickets router. Up to 100 named tickets change in the request's transaction; a
// filter or more ids is queued (in that transaction) as a job the worker works through in chunks
// of 100, its progress kept in the tenant's Redis cache for an hour (`tickets.bulkProgress`).
// `tickets.bulkMerge` merges several selected tickets into one of them.
import { tenantCache } from "@supportdesk/cache";
import { TICKET_PRIORITIES, TICKET_STATUSES } from "@supportdesk/domain";
import { bulk } from "@supportdesk/services";
import { z } from "zod";
import type { TenantContext, TrpcDeps } from "../context";
import { tenantProcedure } from "../trpc";
import { id, ticketFilters, ticketTag } from "./schemas";

const tags = z.array(ticketTag).min(1).max(20, { error: "may hold at most 20 tags" });

export const bulkChanges = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  assigneeId: id.nullable().optional(),
  teamId: id.nullable().optional(),
  addTags: tags.optional(),
  removeTags: tags.optional(),
});

export const bulkInput = z
  .object({
    ids: z
      .array(id)
      .min(1, { error: "must name at least one ticket" })
      .max(bulk.BULK_IDS_MAX, { error: `may name at most ${bulk.BULK_IDS_MAX} tickets` })
      .optional(),
    /** "Select all matching": every ticket these filters match when the call is made. */
    filter: ticketFilters.optional(),
    changes: bulkChanges,
  })
  .refine((input) => (input.ids === undefined) !== (input.filter === undefined), {
    error: "give the tickets' ids or a filter, not both",
    path: ["ids"],
  });

/** Progress records live in the tenant's cache (`t:{tenantId}:bulk:{jobId}`). */
function progressStore(ctx: TenantContext & { deps: TrpcDeps }) {
  return bulk.jobStore(
    tenantCache(ctx.deps.redis, ctx.tenant.id, {
      onError: (error) =>
        ctx.deps.log.warn({ err: error.message }, "cache unavailable; bulk progress not kept"),
    }),
  );
}

export const bulkProcedures = {
  /**
   * Changes status, priority, assignee, team or tags of the selected tickets, one audit row each.
   * Answers `{ updated, unchanged, skipped }` when done in the request (≤ 100 ids), or
   * `{ jobId, total }` for a job (a filter, or more ids) whose progress `bulkProgress` tells:
   * queued, running, then done or failed (with the reason).
   */
  bulkUpdate: tenantProcedure
    .meta({ permissions: ["ticket.update"] })
    .input(bulkInput)
    .mutation(({ ctx, input }) =>
      ctx.run((scope) => bulk.bulkUpdate(scope, input, progressStore(ctx))),
    ),
  /**
   * Merges the selected tickets into one of them (`targetId`), each as `tickets.merge` would;
   * answers `{ targetId, targetNumber, merged, skipped }`.
   */
  bulkMerge: tenantProcedure
    .meta({ permissions: ["ticket.merge"] })
    .input(
      z.object({
        ids: z
          .array(id)
          .min(1, { error: "must name at least one ticket" })
          .max(bulk.BULK_MERGE_MAX, { error: `may name at most ${bulk.BULK_MERGE_MAX} tickets` }),
        targetId: id,
      }),
    )
    .mutation(({ ctx, input }) => ctx.run((scope) => bulk.mergeMany(scope, input))),
  /** A bulk job's progress, for whoever started it (anything else: `state: "unknown"`). */
  bulkProgress: tenantProcedure
    .meta({ permissions: ["ticket.read"] })
    .input(z.object({ jobId: id }))
    .query(({ ctx, input }) =>
      bulk.bulkProgress(
        { permissions: ctx.permissions, actor: ctx.actor, tenantId: ctx.tenant.id },
        progressStore(ctx),
        input.jobId,
      ),
    ),
};
