// helpCentre: the public help centre's settings (on/off, language, notice, inquiry types), with the
// contact form's deflection counts beside them.
import { TICKET_PRIORITIES } from "@supportdesk/domain";
import { helpCentre } from "@supportdesk/services";
import { z } from "zod";
import { router, tenantProcedure } from "../trpc";
import { id, ticketTag } from "./schemas";

/** Plain text on one line: the public pages escape it, but control characters have no place. */
const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .refine((s) => !Array.from(s).some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127), {
      error: "must be plain text on one line",
    });

const inquiryType = z
  .object({
    // An existing type's id keeps it (the contact form and tickets refer to it); new rows omit it.
    id: id.optional(),
    name: plainText(60).refine((s) => s.length > 0, { error: "is required" }),
    description: plainText(200).default(""),
    priority: z.enum(TICKET_PRIORITIES).default("normal"),
    tags: z.array(ticketTag).max(10, { error: "may hold at most 10 tags" }).default([]),
    assigneeId: id.nullable().default(null),
  })
  .strict();

export const helpCentreSettingsInput = z
  .object({
    enabled: z.boolean().optional(),
    language: z
      .enum(helpCentre.HELP_CENTRE_LANGUAGES as [string, ...string[]], {
        error: `must be one of ${helpCentre.HELP_CENTRE_LANGUAGES.join(", ")}`,
      })
      .optional(),
    // null or "" clears the banner.
    notice: plainText(helpCentre.MAX_NOTICE_LENGTH).nullable().optional(),
    inquiryTypes: z
      .array(inquiryType)
      .max(helpCentre.MAX_INQUIRY_TYPES, {
        error: `may hold at most ${helpCentre.MAX_INQUIRY_TYPES} inquiry types`,
      })
      .optional(),
  })
  .strict();

const manage = tenantProcedure.meta({ permissions: ["helpcentre.manage"] });

const settingsRouter = router({
  get: manage.query(({ ctx }) => ctx.run(helpCentre.getHelpCentreSettings)),
  update: manage.input(helpCentreSettingsInput).mutation(async ({ ctx, input }) => {
    const updated = await ctx.run((scope) => helpCentre.updateHelpCentreSettings(scope, input));
    // After the commit: on/off, the notice and the language show on every public page.
    await helpCentre.forgetHelpCentre(ctx.deps, ctx.tenant.id);
    return updated;
  }),
});

export const helpCentreRouter = router({ settings: settingsRouter });
