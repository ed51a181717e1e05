// tenants: create, list, switch, settings, delete; members and ownership.
import {
  actorOf,
  findTenant,
  forgetMembership,
  forgetSessions,
  forgetTenant,
  memberRole,
  membershipRoleRef,
  tenantNotFound,
} from "@supportdesk/access";
import { auth, helpCentre, members, tenants } from "@supportdesk/services";
import { z } from "zod";
import { publicLimitedProcedure, router, tenantProcedure, userProcedure } from "../trpc";
import { id, organisationName, roleRef, slug } from "./schemas";

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: "must be a colour like #1a2b3c" });

const membersRouter = router({
  list: tenantProcedure
    .meta({ permissions: ["member.read"] })
    .query(({ ctx }) => ctx.run(members.listMembers)),
  updateRole: tenantProcedure
    .meta({ permissions: ["member.role.change"] })
    .input(z.object({ userId: id, role: roleRef }))
    .mutation(async ({ ctx, input }) => {
      await ctx.run((scope) => members.updateMemberRole(scope, input));
      await forgetMembership(ctx.deps, ctx.tenant.id, [input.userId]);
      return { ok: true };
    }),
  remove: tenantProcedure
    .meta({ permissions: ["member.remove"] })
    .input(z.object({ userId: id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.run((scope) => members.removeMember(scope, input));
      await forgetMembership(ctx.deps, ctx.tenant.id, [input.userId]);
      return { ok: true };
    }),
});

export const tenantsRouter = router({
  checkSlug: publicLimitedProcedure
    .input(z.object({ slug }))
    .query(({ ctx, input }) => tenants.checkSlugAvailability(ctx.deps.db, input.slug)),

  create: userProcedure
    .input(z.object({ name: organisationName, slug }))
    .mutation(({ ctx, input }) =>
      tenants.createOwnedTenant(
        ctx.deps.db,
        { ...actorOf(ctx.principal, ctx.request), userId: ctx.principal.userId },
        input,
      ),
    ),

  listMine: userProcedure.query(({ ctx }) =>
    auth.listMemberships(ctx.deps.db.platform, ctx.principal.userId),
  ),

  current: tenantProcedure.query(({ ctx }) => ctx.run(tenants.currentTenant)),

  switch: userProcedure.input(z.object({ tenantId: id })).mutation(async ({ ctx, input }) => {
    const tenant = await findTenant(ctx.deps, { id: input.tenantId });
    const membership =
      tenant && tenant.status !== "suspended"
        ? await memberRole(ctx.deps, tenant.id, ctx.principal.userId)
        : undefined;
    if (!tenant || !membership) throw tenantNotFound();
    await tenants.switchTenant(ctx.deps.db, ctx.principal.sessionId, tenant.id);
    await forgetSessions(ctx.deps, [ctx.principal.sessionId]);
    return {
      id: tenant.id,
      name: tenant.name,
      slug: tenant.slug,
      role: membershipRoleRef(membership),
    };
  }),

  update: tenantProcedure
    .meta({ permissions: ["settings.update"] })
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
      // The name and branding show on every help-centre page.
      await helpCentre.forgetHelpCentre(ctx.deps, ctx.tenant.id);
      return updated;
    }),

  delete: tenantProcedure
    .meta({ permissions: ["tenant.delete"] })
    .input(z.object({ confirmSlug: slug }))
    .mutation(async ({ ctx, input }) => {
      await ctx.run((scope) => tenants.deleteTenant(scope, input));
      await forgetTenant(ctx.deps, ctx.tenant, { all: true });
      return { ok: true };
    }),

  members: membersRouter,

  leave: tenantProcedure.mutation(async ({ ctx }) => {
    await ctx.run(members.leaveTenant);
    if (ctx.actor.userId) await forgetMembership(ctx.deps, ctx.tenant.id, [ctx.actor.userId]);
    return { ok: true };
  }),

  transferOwnership: tenantProcedure
    .meta({ permissions: ["tenant.transfer"] })
    .input(z.object({ userId: id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.run((scope) => members.transferOwnership(scope, input));
      const changed = [input.userId, ...(ctx.actor.userId ? [ctx.actor.userId] : [])];
      await forgetMembership(ctx.deps, ctx.tenant.id, changed);
      return { ok: true };
    }),
});
