// attachments: a file on a ticket's message, as a ten-minute download link; and an agent's upload,
// as a ten-minute link to PUT the bytes to (the reply that sends it names its id).
import { attachments } from "@supportdesk/services";
import { signUploadLink } from "@supportdesk/storage";
import { z } from "zod";
import { FILE_LINK_SECONDS, fileLink } from "../files";
import { router, tenantProcedure } from "../trpc";
import { id } from "./schemas";

export const attachmentsRouter = router({
  createUpload: tenantProcedure
    .meta({ permissions: ["ticket.reply"] })
    .input(
      z.object({
        ticketId: id,
        filename: z.string().trim().min(1, { error: "is required" }).max(255),
        size: z
          .int()
          .min(0)
          .max(1024 * 1024 * 1024),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const maxBytes = ctx.deps.settings.attachmentMaxBytes;
      const upload = await ctx.run((scope) =>
        attachments.startUpload(scope, { ...input, maxBytes }),
      );
      const token = signUploadLink(ctx.deps.files.linkKey, {
        tenantId: ctx.tenant.id,
        key: upload.storageKey,
        attachmentId: upload.attachmentId,
        ticketId: upload.ticketId,
        filename: upload.filename,
        maxBytes,
        exp: Math.floor(Date.now() / 1000) + FILE_LINK_SECONDS,
      });
      return { attachmentId: upload.attachmentId, uploadUrl: `/uploads/${token}`, maxBytes };
    }),
  get: tenantProcedure
    .meta({ permissions: ["ticket.read"] })
    .input(z.object({ id }))
    .query(async ({ ctx, input }) => {
      const file = await ctx.run((scope) => attachments.attachmentOf(scope, input));
      return {
        filename: file.filename,
        contentType: file.contentType,
        url: fileLink(ctx.deps, ctx.tenant.id, file),
      };
    }),
});
