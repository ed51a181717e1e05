// tenants: create, list, switch, settings, delete; members and ownership.
import { type Actor, auth, members, tenants } from "@supportdesk/services";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { findTenant, forgetMembership, forgetSessions, forgetTenant, memberRole } from "../cache";
import type { TenantContext } from "../context";
import { tenantNotFound } from "../middlewares/tenant";
import { publicProcedure, requireRole, router, tenantProcedure, userProcedure } from "../trpc";
import { id, organisationName, role, slug } from "./schemas";

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: "must be a colour like #1a2b3c" });

const membersRouter = router({
  list: tenantProcedure.query(({ ctx }) => ctx.run(members.listMembers)),
  updateRole: requireRole("admin")
    .input(z.object({ userId: id, role }))
    .mutation(async ({ ctx, input }) => {
      await ctx.run((scope) => members.updateMemberRole(scope, input));
      await forgetMembership(ctx.deps, ctx.tenant.id, [input.userId]);
      return { ok: true };
    }),
  remove: requireRole("admin")
    .input(z.object({ userId: id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.run((scope) => members.removeMember(scope, input));
      await forgetMembership(ctx.deps, ctx.tenant.id, [input.userId]);
      return { ok: true };
    }),
});

/** The caller's own membership is at stake: a signed-in user, not an API key. */
function signedInActor(ctx: TenantContext): Actor & { userId: string } {
  const { userId } = ctx.actor;
  if (!userId) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "This needs a signed-in user, not an API key.",
    });
  }
  return { ...ctx.actor, userId };
}

export const tenantsRouter = router({
  checkSlug: publicProcedure
    .input(z.object({ slug }))
    .query(({ ctx, input }) => tenants.checkSlugAvailability(ctx.deps.db, input.slug)),

  create: userProcedure
    .input(z.object({ name: organisationName, slug }))
    .mutation(({ ctx, input }) =>
      tenants.createOwnedTenant(
        ctx.deps.db,
        {
          userId: ctx.principal.userId,
          apiKeyId: null,
          ip: ctx.request.ip,
          userAgent: ctx.request.userAgent,
        },
        input,
      ),
    ),

  listMine: userProcedure.query(({ ctx }) =>
    auth.listMemberships(ctx.deps.db.platform, ctx.principal.userId),
  ),

  current: tenantProcedure.query(({ ctx }) => ctx.run(tenants.currentTenant)),

  switch: userProcedure.input(z.object({ tenantId: id })).mutation(async ({ ctx, input }) => {
    const tenant = await findTenant(ctx.deps, { id: input.tenantId });
    const role =
      tenant && tenant.status !== "suspended"
        ? await memberRole(ctx.deps, tenant.id, ctx.principal.userId)
        : undefined;
    if (!tenant || !role) throw tenantNotFound();
    await tenants.switchTenant(ctx.deps.db, ctx.principal.sessionId, tenant.id);
    await forgetSessions(ctx.deps, [ctx.principal.sessionId]);
    return { id: tenant.id, name: tenant.name, slug: tenant.slug, role };
  }),

  update: requireRole("admin")
    .input(
      z.object({
        name: organisationName.optional(),
        // null clears a field (back to the platform's look); leaving it out keeps it.
        branding: z
          .object({
            displayName: z.string().trim().max(100).nullable().optional(),
            primaryColor: hexColor.nullable().optional(),
            logoUrl: z
              .url({ protocol: /^https$/, error: "must be an https:// URL" })
              .max(2000)
              .nullable()
              .optional(),
          })
          .strict()
          .optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const updated = await ctx.run((scope) => tenants.updateTenant(scope, input));
      await forgetTenant(ctx.deps, ctx.tenant);
      return updated;
    }),

  delete: requireRole("owner")
    .input(z.object({ confirmSlug: slug }))
    .mutation(async ({ ctx, input }) => {
      await ctx.run((scope) => tenants.deleteTenant(scope, input));
      await forgetTenant(ctx.deps, ctx.tenant, { all: true });
      return { ok: true };
    }),

  members: membersRouter,

  leave: tenantProcedure.mutation(async ({ ctx }) => {
    const actor = signedInActor(ctx);
    await ctx.db.transaction((tx) =>
      members.leaveTenant({ tx, tenantId: ctx.tenant.id, role: ctx.role, actor }),
    );
    await forgetMembership(ctx.deps, ctx.tenant.id, [actor.userId]);
    return { ok: true };
  }),

  transferOwnership: requireRole("owner")
    .input(z.object({ userId: id }))
    .mutation(async ({ ctx, input }) => {
      const actor = signedInActor(ctx);
      await ctx.db.transaction((tx) =>
        members.transferOwnership({ tx, tenantId: ctx.tenant.id, role: ctx.role, actor }, input),
      );
      await forgetMembership(ctx.deps, ctx.tenant.id, [input.userId, actor.userId]);
      return { ok: true };
    }),
});
