// businessHours: the tenant's business-hours calendars (time zone, weekly hours, holidays), one
// of them the default; SLA policies count business time in them.
import { WEEKDAYS } from "@supportdesk/domain";
import { businessHours } from "@supportdesk/services";
import { z } from "zod";
import { router, tenantProcedure } from "../trpc";
import { id } from "./schemas";

const name = z.string().trim().min(1, { error: "is required" }).max(80);
const timezone = z.string().trim().min(1, { error: "is required" }).max(64);
const clock = z
  .string()
  .regex(/^([01]\d|2[0-4]):[0-5]\d$/, { error: "must be a time HH:MM (00:00 to 24:00)" });
const interval = z.object({ start: clock, end: clock });
const day = z.array(interval).max(12, { error: "may hold at most 12 intervals" });
/** One optional key per weekday (mon … sun); a day left out or empty is closed. */
const weekly = z.strictObject(
  Object.fromEntries(WEEKDAYS.map((d) => [d, day.optional()])) as Record<
    (typeof WEEKDAYS)[number],
    z.ZodOptional<typeof day>
  >,
  { error: "must be an object of weekdays (mon … sun)" },
);
const holidays = z
  .array(
    z.object({
      date: z.iso.date({ error: "must be a date (YYYY-MM-DD)" }),
      name: z.string().trim().min(1, { error: "is required" }).max(80),
      yearly: z.boolean().default(false),
    }),
  )
  .max(500, { error: "may hold at most 500 days" });

export const businessHoursRouter = router({
  list: tenantProcedure
    .meta({ permissions: ["sla.manage"] })
    .query(({ ctx }) => ctx.run(businessHours.listBusinessHours)),
  create: tenantProcedure
    .meta({ permissions: ["sla.manage"] })
    .input(
      z.object({
        name,
        timezone,
        weekly,
        holidays: holidays.optional(),
        isDefault: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.run((scope) => businessHours.createBusinessHours(scope, input)),
    ),
  update: tenantProcedure
    .meta({ permissions: ["sla.manage"] })
    .input(
      z.object({
        id,
        name: name.optional(),
        timezone: timezone.optional(),
        weekly: weekly.optional(),
        holidays: holidays.optional(),
        isDefault: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      ctx.run((scope) => businessHours.updateBusinessHours(scope, input)),
    ),
  delete: tenantProcedure
    .meta({ permissions: ["sla.manage"] })
    .input(z.object({ id }))
    .mutation(({ ctx, input }) =>
      ctx.run((scope) => businessHours.deleteBusinessHours(scope, input)),
    ),
});
