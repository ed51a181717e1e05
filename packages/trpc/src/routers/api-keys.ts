// apiKeys: tenant-bound keys for integrations (admins).
import { apiKeys } from "@supportdesk/services";
import { z } from "zod";
import { requireRole, router } from "../trpc";
import { id } from "./schemas";

export const apiKeysRouter = router({
  create: requireRole("admin")
    .input(
      z.object({
        name: z.string().trim().min(1).max(100),
        role: z.enum(["admin", "member", "viewer"]),
        expiresAt: z.coerce.date().optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.run((scope) => apiKeys.createApiKey(scope, input))),
  list: requireRole("admin").query(({ ctx }) => ctx.run(apiKeys.listApiKeys)),
  revoke: requireRole("admin")
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.run((scope) => apiKeys.revokeApiKey(scope, input));
      return { ok: true };
    }),
});
