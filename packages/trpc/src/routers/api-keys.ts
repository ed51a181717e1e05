// apiKeys: tenant-bound keys for integrations (admins).
import { apiKeys } from "@supportdesk/services";
import { z } from "zod";
import { router, tenantProcedure } from "../trpc";
import { id, roleRef } from "./schemas";

export const apiKeysRouter = router({
  create: tenantProcedure
    .meta({ permissions: ["apiKey.manage"] })
    .input(
      z.object({
        name: z.string().trim().min(1).max(100),
        role: roleRef,
        expiresAt: z.coerce.date().optional(),
      }),
    )
    .mutation(({ ctx, input }) => ctx.run((scope) => apiKeys.createApiKey(scope, input))),
  list: tenantProcedure
    .meta({ permissions: ["apiKey.manage"] })
    .query(({ ctx }) => ctx.run(apiKeys.listApiKeys)),
  revoke: tenantProcedure
    .meta({ permissions: ["apiKey.manage"] })
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => ({
      ok: true,
      ...(await ctx.run((scope) => apiKeys.revokeApiKey(scope, input))),
    })),
});
