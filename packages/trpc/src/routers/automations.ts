// automations: rules that act on tickets when something happens (run by workers), their order,
// a preview against the last 100 tickets, and the run log. All need automation.manage.
import { automations } from "@supportdesk/services";
import { z } from "zod";
import { router, tenantProcedure } from "../trpc";
import { cursor, id } from "./schemas";

const manage = { permissions: ["automation.manage" as const] };

export const automationsRouter = router({
  /** The tenant's rules in the order they run. */
  list: tenantProcedure.meta(manage).query(({ ctx }) => ctx.run(automations.listRules)),
  create: tenantProcedure
    .meta(manage)
    .input(automations.ruleInputSchema)
    .mutation(({ ctx, input }) => ctx.run((scope) => automations.createRule(scope, input))),
  update: tenantProcedure
    .meta(manage)
    .input(automations.ruleUpdateSchema)
    .mutation(({ ctx, input }) => ctx.run((scope) => automations.updateRule(scope, input))),
  /** Every rule's id, in the new order. */
  reorder: tenantProcedure
    .meta(manage)
    .input(z.object({ ids: z.array(id).min(1).max(500) }))
    .mutation(({ ctx, input }) => ctx.run((scope) => automations.reorderRules(scope, input))),
  toggle: tenantProcedure
    .meta(manage)
    .input(z.object({ id, enabled: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.run((scope) => automations.toggleRule(scope, input))),
  delete: tenantProcedure
    .meta(manage)
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => ctx.run((scope) => automations.deleteRule(scope, input))),
  /** What a saved rule (`id`) or a draft would do to the last 100 tickets; changes nothing. */
  preview: tenantProcedure
    .meta(manage)
    .input(automations.previewSchema)
    .query(({ ctx, input }) => ctx.run((scope) => automations.previewRule(scope, input))),
  /** The run log, newest first, for a rule and/or a ticket. */
  runs: tenantProcedure
    .meta(manage)
    .input(
      z.object({
        ruleId: id.optional(),
        ticketId: id.optional(),
        cursor,
        perPage: z.number().int().min(1).max(100).default(50),
      }),
    )
    .query(({ ctx, input }) => ctx.run((scope) => automations.listRuns(scope, input))),
});
