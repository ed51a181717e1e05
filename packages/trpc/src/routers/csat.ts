// csat: satisfaction surveys — the tenant's settings (csat.manage), the surveys on tickets
// (ticket.read) and their summary by agent (report.read); the checks live in the services.
import { CSAT_RATINGS } from "@supportdesk/domain";
import { csat } from "@supportdesk/services";
import { z } from "zod";
import { router, tenantProcedure } from "../trpc";
import { cursor, id, perPage } from "./schemas";

/** Text on one line, 1..max characters after trimming. */
const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: "is required" })
    .max(max, { error: `must be at most ${max} characters` })
    .refine((s) => !Array.from(s).some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127), {
      error: "must be plain text on one line",
    });

export const csatSettingsInput = z
  .object({
    enabled: z.boolean().optional(),
    delayMinutes: z
      .int({ error: "must be a whole number of minutes" })
      .min(0, { error: "must be at least 0" })
      .max(csat.CSAT_LIMITS.delayMinutes, {
        error: `must be at most ${csat.CSAT_LIMITS.delayMinutes} minutes (a week)`,
      })
      .optional(),
    question: line(csat.CSAT_LIMITS.question).optional(),
    commentPrompt: line(csat.CSAT_LIMITS.commentPrompt).optional(),
    disabledInquiryTypeIds: z
      .array(z.string().min(1).max(100))
      .max(100, { error: "may hold at most 100 inquiry types" })
      .optional(),
  })
  .strict();

const rating = z.int().refine((r) => (CSAT_RATINGS as readonly number[]).includes(r), {
  error: "must be a rating from 1 to 5",
});

const day = z.iso.datetime({ offset: true, error: "must be an ISO date-time" });

const manage = tenantProcedure.meta({ permissions: ["csat.manage"] });

export const csatRouter = router({
  settings: router({
    get: manage.query(({ ctx }) => ctx.run(csat.getSettings)),
    update: manage
      .input(csatSettingsInput)
      .mutation(({ ctx, input }) => ctx.run((scope) => csat.updateSettings(scope, input))),
  }),
  /** Surveys newest first: a ticket's (`ticketId`), an agent's, by rating, or only answered ones. */
  list: tenantProcedure
    .meta({ permissions: ["ticket.read"] })
    .input(
      z
        .object({
          ticketId: id.optional(),
          agentUserId: id.optional(),
          rating: rating.optional(),
          answered: z.boolean().optional(),
          cursor,
          perPage,
        })
        .strict(),
    )
    .query(({ ctx, input }) => ctx.run((scope) => csat.listSurveys(scope, input))),
  /** Average, response rate and averages by agent of the surveys sent in [from, to). */
  summary: tenantProcedure
    .meta({ permissions: ["report.read"] })
    .input(z.object({ from: day.optional(), to: day.optional() }).strict())
    .query(({ ctx, input }) =>
      ctx.run((scope) =>
        csat.summary(scope, {
          from: input.from ? new Date(input.from) : undefined,
          to: input.to ? new Date(input.to) : undefined,
        }),
      ),
    ),
});
