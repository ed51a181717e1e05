// views: saved views: named filters and a sort, personal or shared, with live counts.
// Every procedure needs ticket.read; a shared view needs view.manage too to create, change or
// delete (checked by the service, which knows whether it is shared).
import { tenantCache } from "@supportdesk/cache";
import { views } from "@supportdesk/services";
import { z } from "zod";
import type { TenantContext, TrpcDeps } from "../context";
import { router, tenantProcedure } from "../trpc";
import { id, ticketFilters, ticketSort } from "./schemas";

const name = z
  .string()
  .trim()
  .min(1, { error: "is required" })
  .max(views.NAME_MAX, { error: `must be at most ${views.NAME_MAX} characters` });

/** The tenant's cache for view counts; when Redis fails, a miss (counts are computed). */
function countsCache(ctx: TenantContext & { deps: TrpcDeps }) {
  return tenantCache(ctx.deps.redis, ctx.tenant.id, {
    onError: (error) =>
      ctx.deps.log.warn({ err: error.message }, "cache unavailable; counting views directly"),
  });
}

export const viewsRouter = router({
  /** The shared views and the caller's own (`shared` says which), by position then name. */
  list: tenantProcedure
    .meta({ permissions: ["ticket.read"] })
    .query(({ ctx }) => ctx.run(views.listViews)),
  /**
   * `{ [viewId]: { count, capped } }` for every view the caller sees (at most 1000 counted).
   * Cached briefly per tenant; see `viewCounts` for exactly what the cache guarantees.
   */
  counts: tenantProcedure
    .meta({ permissions: ["ticket.read"] })
    .query(({ ctx }) => ctx.run((scope) => views.viewCounts(scope, countsCache(ctx)))),
  create: tenantProcedure
    .meta({ permissions: ["ticket.read"] })
    .input(
      z.object({
        name,
        filters: ticketFilters.default({}),
        sort: ticketSort.default("newest"),
        shared: z.boolean().default(false),
      }),
    )
    .mutation(({ ctx, input }) => ctx.run((scope) => views.createView(scope, input))),
  update: tenantProcedure
    .meta({ permissions: ["ticket.read"] })
    .input(
      z.object({
        id,
        name: name.optional(),
        filters: ticketFilters.optional(),
        sort: ticketSort.optional(),
        shared: z.boolean().optional(),
        position: z.number().int().min(0).max(100_000).optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.run((scope) => views.updateView(scope, input))),
  delete: tenantProcedure
    .meta({ permissions: ["ticket.read"] })
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => ctx.run((scope) => views.deleteView(scope, input))),
});
