// sla: SLA policies (targets per priority and metric, in business or calendar time, for tickets
// matching their filters) and a ticket's clock history.
import { SLA_METRICS, TICKET_PRIORITIES } from "@supportdesk/domain";
import { sla } from "@supportdesk/services";
import { z } from "zod";
import { router, tenantProcedure } from "../trpc";
import { id, ticketTag } from "./schemas";

const name = z.string().trim().min(1, { error: "is required" }).max(80);
const description = z.string().trim().max(500);
const target = z.object({
  minutes: z
    .int({ error: "must be a whole number of minutes" })
    .min(1, { error: "must be at least 1 minute" })
    .max(sla.TARGET_MINUTES_MAX, { error: "must be at most 525600 minutes (a year)" }),
  businessHours: z.boolean(),
});
const metrics = z.strictObject(
  Object.fromEntries(SLA_METRICS.map((m) => [m, target.optional()])) as Record<
    (typeof SLA_METRICS)[number],
    z.ZodOptional<typeof target>
  >,
  { error: "must map first_response, next_response, resolution to targets" },
);
/** Per priority (low … urgent), per metric: a priority or metric left out is not measured. */
const targets = z.strictObject(
  Object.fromEntries(TICKET_PRIORITIES.map((p) => [p, metrics.optional()])) as Record<
    (typeof TICKET_PRIORITIES)[number],
    z.ZodOptional<typeof metrics>
  >,
  { error: "must map priorities (low, normal, high, urgent) to targets" },
);
const fields = {
  description: description.optional(),
  enabled: z.boolean().optional(),
  businessHoursId: id.nullable().optional(),
  inquiryTypeIds: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  teamIds: z.array(id).max(100).optional(),
  tags: z.array(ticketTag).max(50).optional(),
  warnMinutes: z
    .int()
    .min(0)
    .max(10_080, { error: "must be at most 10080 minutes (a week)" })
    .optional(),
};

export const slaRouter = router({
  policies: router({
    list: tenantProcedure
      .meta({ permissions: ["sla.manage"] })
      .query(({ ctx }) => ctx.run(sla.listPolicies)),
    create: tenantProcedure
      .meta({ permissions: ["sla.manage"] })
      .input(z.object({ name, targets, ...fields }))
      .mutation(({ ctx, input }) => ctx.run((scope) => sla.createPolicy(scope, input))),
    update: tenantProcedure
      .meta({ permissions: ["sla.manage"] })
      .input(z.object({ id, name: name.optional(), targets: targets.optional(), ...fields }))
      .mutation(({ ctx, input }) => ctx.run((scope) => sla.updatePolicy(scope, input))),
    delete: tenantProcedure
      .meta({ permissions: ["sla.manage"] })
      .input(z.object({ id }))
      .mutation(({ ctx, input }) => ctx.run((scope) => sla.deletePolicy(scope, input))),
    /** Tries the listed policies first, in this order. */
    reorder: tenantProcedure
      .meta({ permissions: ["sla.manage"] })
      .input(z.object({ ids: z.array(id).min(1).max(200) }))
      .mutation(({ ctx, input }) => ctx.run((scope) => sla.reorderPolicies(scope, input))),
  }),
  /** Every SLA clock a ticket has had (current and superseded), oldest first. */
  ticketClocks: tenantProcedure
    .meta({ permissions: ["ticket.read"] })
    .input(z.object({ ticketId: id }))
    .query(({ ctx, input }) => ctx.run((scope) => sla.ticketClocks(scope, input))),
});
