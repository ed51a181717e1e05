// reports: overview, volume, response times, SLA and CSAT over a range, time zone and filters
// (read from the ticket_facts rollup), and any of them as a CSV file.
import { TICKET_CHANNELS, TICKET_PRIORITIES } from "@supportdesk/domain";
import { reports } from "@supportdesk/services";
import { z } from "zod";
import { router, tenantProcedure } from "../trpc";
import { ticketTag } from "./schemas";

const day = z.iso.date({ error: "must be a date (YYYY-MM-DD)" });
/** The services check the zone itself (BAD_REQUEST naming `timezone`) and that from ≤ to. */
const range = z.object({
  from: day,
  to: day,
  timezone: z.string().trim().min(1).max(64).optional(),
  interval: z.enum(reports.REPORT_INTERVALS, { error: "must be day, week or month" }).optional(),
  filters: z
    .object({
      teamId: z.uuid({ error: "must be a team id" }).optional(),
      assigneeId: z.uuid({ error: "must be a user id" }).optional(),
      tag: ticketTag.optional(),
      channel: z.enum(TICKET_CHANNELS).optional(),
      inquiryTypeId: z.string().trim().min(1).max(100).optional(),
      priority: z.enum(TICKET_PRIORITIES).optional(),
    })
    .optional(),
});
const read = { permissions: ["report.read" as const] };

export const reportsRouter = router({
  overview: tenantProcedure
    .meta(read)
    .input(range)
    .query(({ ctx, input }) => ctx.run((scope) => reports.overview(scope, input))),
  volume: tenantProcedure
    .meta(read)
    .input(range)
    .query(({ ctx, input }) => ctx.run((scope) => reports.volume(scope, input))),
  responseTimes: tenantProcedure
    .meta(read)
    .input(range)
    .query(({ ctx, input }) => ctx.run((scope) => reports.responseTimes(scope, input))),
  sla: tenantProcedure
    .meta(read)
    .input(range)
    .query(({ ctx, input }) => ctx.run((scope) => reports.slaReport(scope, input))),
  csat: tenantProcedure
    .meta(read)
    .input(range)
    .query(({ ctx, input }) => ctx.run((scope) => reports.csatReport(scope, input))),
  /** One report as CSV: `{ filename, csv }` (the web saves it through a Blob). */
  export: tenantProcedure
    .meta(read)
    .input(range.extend({ report: z.enum(reports.REPORT_KINDS) }))
    .query(({ ctx, input }) => ctx.run((scope) => reports.exportReport(scope, input))),
});
