// email: the channel's settings (address, acknowledgements, sender name, signature) and received
// mail — the quarantine admins retry or discard, and originals to download.
import { email } from "@supportdesk/services";
import { z } from "zod";
import { fileLink } from "../files";
import { router, tenantProcedure } from "../trpc";
import { id } from "./schemas";

const manage = tenantProcedure.meta({ permissions: ["email.manage"] });

/** One line of plain text (a display name). */
const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `must be at most ${max} characters` })
    .refine((s) => !Array.from(s).some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127), {
      error: "must be plain text on one line",
    });

const settingsRouter = router({
  get: manage.query(({ ctx }) =>
    ctx.run((scope) =>
      email.getEmailSettings(scope, { inboundDomain: ctx.deps.settings.inboundDomain }),
    ),
  ),
  update: manage
    .input(
      z
        .object({
          autoAcknowledge: z.boolean().optional(),
          senderName: oneLine(100).nullable().optional(),
          signature: z.string().max(email.MAX_SIGNATURE_LENGTH).nullable().optional(),
          addresses: z
            .array(
              z
                .object({
                  address: z.email({ error: "must be an email address" }).max(254),
                  inquiryTypeId: z.string().max(100).nullable().default(null),
                  assigneeId: id.nullable().default(null),
                })
                .strict(),
            )
            .max(email.MAX_OWN_ADDRESSES, {
              error: `may hold at most ${email.MAX_OWN_ADDRESSES} addresses`,
            })
            .optional(),
        })
        .strict(),
    )
    .mutation(({ ctx, input }) =>
      ctx.run((scope) =>
        email.updateEmailSettings(scope, {
          ...input,
          inboundDomain: ctx.deps.settings.inboundDomain,
        }),
      ),
    ),
});

const status = z.enum([
  "received",
  "processed",
  "duplicate",
  "ignored",
  "bounce",
  "quarantined",
  "discarded",
]);

const inboundRouter = router({
  list: manage
    .input(
      z
        .object({
          status: status.optional(),
          before: id.optional(),
          limit: z.int().min(1).max(100).default(25),
        })
        .default({ limit: 25 }),
    )
    .query(({ ctx, input }) => ctx.run((scope) => email.listInbound(scope, input))),
  retry: manage
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => ctx.run((scope) => email.retryInbound(scope, input))),
  discard: manage
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => ctx.run((scope) => email.discardInbound(scope, input))),
  /** A ten-minute link to a received message as it arrived, whatever became of it. */
  original: manage.input(z.object({ id })).query(async ({ ctx, input }) => {
    const file = await ctx.run((scope) => email.originalOf(scope, input));
    return { filename: file.filename, url: fileLink(ctx.deps, ctx.tenant.id, file) };
  }),
});

export const emailRouter = router({ settings: settingsRouter, inbound: inboundRouter });
