// tickets: the inbox (filters, cursor pages), a ticket's thread, and working it.
import { email, tickets } from "@supportdesk/services";
import { z } from "zod";
import { fileLink } from "../files";
import { router, tenantProcedure } from "../trpc";
import { cursor, id, perPage, ticketFilters, ticketSort, ticketTag } from "./schemas";
import { bulkProcedures } from "./tickets-bulk";
import { mergeProcedures } from "./tickets-merge";

const status = z.enum(["open", "pending", "resolved", "closed"]);
const priority = z.enum(["low", "normal", "high", "urgent"]);
const tag = ticketTag;
const body = z.string().trim().min(1, { error: "is required" }).max(50_000);

export const ticketsRouter = router({
  list: tenantProcedure
    .meta({ permissions: ["ticket.read"] })
    .input(
      ticketFilters
        .extend({ cursor, perPage, sort: ticketSort.optional() })
        .default({ perPage: 25 }),
    )
    .query(({ ctx, input }) => ctx.run((scope) => tickets.listTickets(scope, input))),
  get: tenantProcedure
    .meta({ permissions: ["ticket.read"] })
    .input(z.object({ id }))
    .query(({ ctx, input }) => ctx.run((scope) => tickets.getTicket(scope, input))),
  create: tenantProcedure
    .meta({ permissions: ["ticket.create"] })
    .input(
      z.object({
        subject: z.string().trim().min(1, { error: "is required" }).max(300),
        body,
        customerId: id.optional(),
        priority: priority.optional(),
        assigneeId: id.optional(),
        tags: z.array(tag).max(20).optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.run((scope) => tickets.createTicket(scope, input))),
  update: tenantProcedure
    .meta({ permissions: ["ticket.update"] })
    .input(
      z.object({
        id,
        status: status.optional(),
        priority: priority.optional(),
        assigneeId: id.nullable().optional(),
        teamId: id.nullable().optional(),
        tags: z.array(tag).max(20).optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.run((scope) => tickets.updateTicket(scope, input))),
  addMessage: tenantProcedure
    .meta({ permissions: ["ticket.reply"] })
    .input(
      z.object({
        ticketId: id,
        body,
        internal: z.boolean().default(false),
        /** Files uploaded to this ticket (attachments.createUpload) that the reply sends. */
        attachmentIds: z.array(id).max(10, { error: "may hold at most 10 files" }).optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.run((scope) => tickets.addMessage(scope, input))),
  /** A ten-minute link to an emailed message as it arrived ("view original"). */
  messageOriginal: tenantProcedure
    .meta({ permissions: ["ticket.read"] })
    .input(z.object({ messageId: id }))
    .query(async ({ ctx, input }) => {
      const file = await ctx.run((scope) => email.messageOriginalOf(scope, input));
      return { filename: file.filename, url: fileLink(ctx.deps, ctx.tenant.id, file) };
    }),
  /** The people copied on the ticket's replies, replaced by this list. */
  updateCcs: tenantProcedure
    .meta({ permissions: ["ticket.update"] })
    .input(
      z.object({
        ticketId: id,
        ccs: z
          .array(
            z.object({
              email: z.email({ error: "must be an email address" }).max(254),
              name: z.string().trim().max(200).optional(),
            }),
          )
          .max(50, { error: "may hold at most 50 people" }),
      }),
    )
    .mutation(({ ctx, input }) => ctx.run((scope) => tickets.updateCcs(scope, input))),
  /** Every link to the ticket's customer view sent so far stops working (the next email has a new one). */
  revokeLinks: tenantProcedure
    .meta({ permissions: ["ticket.update"] })
    .input(z.object({ ticketId: id }))
    .mutation(({ ctx, input }) => ctx.run((scope) => tickets.revokeTicketLinks(scope, input))),
  ...bulkProcedures,
  ...mergeProcedures,
});
