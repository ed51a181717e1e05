// macros: canned replies: the shared ones and each agent's own, with placeholders and actions.
// Every procedure needs ticket.reply; a shared one needs macro.manage too to create, change or
// delete (checked by the service, which knows whether it is shared).
import { TICKET_PRIORITIES, TICKET_STATUSES } from "@supportdesk/domain";
import { macros } from "@supportdesk/services";
import { z } from "zod";
import { router, tenantProcedure } from "../trpc";
import { id, ticketTag } from "./schemas";

const name = z
  .string()
  .trim()
  .min(1, { error: "is required" })
  .max(macros.NAME_MAX, { error: `must be at most ${macros.NAME_MAX} characters` });
const body = z
  .string()
  .max(macros.BODY_MAX, { error: `must be at most ${macros.BODY_MAX} characters` });
const actions = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  addTags: z
    .array(ticketTag)
    .max(macros.TAGS_MAX, { error: `may hold at most ${macros.TAGS_MAX} tags` })
    .optional(),
  /** A member's id, "me" (whoever applies it) or null to unassign. */
  assignee: z
    .union([z.uuid(), z.literal("me")], { error: "must be a user id or me" })
    .nullable()
    .optional(),
  teamId: id.nullable().optional(),
});

export const macrosRouter = router({
  /** The shared canned replies and the caller's own (`shared` says which), most used first. */
  list: tenantProcedure
    .meta({ permissions: ["ticket.reply"] })
    .query(({ ctx }) => ctx.run(macros.listMacros)),
  create: tenantProcedure
    .meta({ permissions: ["ticket.reply"] })
    .input(
      z.object({
        name,
        body: body.default(""),
        shared: z.boolean().default(false),
        actions: actions.optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.run((scope) => macros.createMacro(scope, input))),
  update: tenantProcedure
    .meta({ permissions: ["ticket.reply"] })
    .input(
      z.object({
        id,
        name: name.optional(),
        body: body.optional(),
        shared: z.boolean().optional(),
        actions: actions.optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.run((scope) => macros.updateMacro(scope, input))),
  delete: tenantProcedure
    .meta({ permissions: ["ticket.reply"] })
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => ctx.run((scope) => macros.deleteMacro(scope, input))),
  /**
   * The canned reply rendered for a ticket (`body`, `actions`), changing nothing; with
   * `applyActions` (once the reply is sent) its actions change the ticket and its use is counted.
   */
  // Not `apply`: tRPC reserves that word (a router is a callable proxy).
  applyToTicket: tenantProcedure
    .meta({ permissions: ["ticket.reply"] })
    .input(z.object({ macroId: id, ticketId: id, applyActions: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => ctx.run((scope) => macros.applyMacro(scope, input))),
});
