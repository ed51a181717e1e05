// audit: the tenant's trail of changes (admins).
import { listAudit } from "@supportdesk/services";
import { z } from "zod";
import { router, tenantProcedure } from "../trpc";
import { id } from "./schemas";

export const auditRouter = router({
  list: tenantProcedure
    .meta({ permissions: ["audit.read"] })
    .input(
      z
        .object({ before: id.optional(), limit: z.number().int().min(1).max(100).default(50) })
        .default({ limit: 50 }),
    )
    .query(({ ctx, input }) => ctx.run((scope) => listAudit(scope, input))),
});
