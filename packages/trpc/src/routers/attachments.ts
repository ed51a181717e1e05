// attachments: a file on a ticket's message, as a ten-minute download link.
import { attachments } from "@supportdesk/services";
import { z } from "zod";
import { fileLink } from "../files";
import { router, tenantProcedure } from "../trpc";
import { id } from "./schemas";

export const attachmentsRouter = router({
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
