// roles: the built-in roles and the tenant's custom roles (permission `role.manage` to change).
import { forgetRole } from "@supportdesk/access";
import { roles } from "@supportdesk/services";
import { z } from "zod";
import { router, tenantProcedure } from "../trpc";
import { id } from "./schemas";

const name = z.string().trim().min(1, { error: "is required" }).max(60);
const description = z.string().trim().max(300);
const permissions = z
  .array(z.string().min(1).max(60))
  .max(100, { error: "may hold at most 100 entries" });

export const rolesRouter = router({
  list: tenantProcedure
    .meta({ permissions: ["member.read"] })
    .query(({ ctx }) => ctx.run(roles.listRoles)),
  create: tenantProcedure
    .meta({ permissions: ["role.manage"] })
    .input(z.object({ name, description: description.optional(), permissions }))
    .mutation(({ ctx, input }) => ctx.run((scope) => roles.createRole(scope, input))),
  update: tenantProcedure
    .meta({ permissions: ["role.manage"] })
    .input(
      z.object({
        id,
        name: name.optional(),
        description: description.optional(),
        permissions: permissions.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const updated = await ctx.run((scope) => roles.updateRole(scope, input));
      await forgetRole(ctx.deps, ctx.tenant.id, input.id);
      return updated;
    }),
  delete: tenantProcedure
    .meta({ permissions: ["role.manage"] })
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.run((scope) => roles.deleteRole(scope, input));
      await forgetRole(ctx.deps, ctx.tenant.id, input.id);
      return { ok: true };
    }),
});
