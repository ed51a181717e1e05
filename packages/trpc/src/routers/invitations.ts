// invitations: admins invite by email; invitees preview (signed out) and accept (signed in).

import { actorOf, forgetMembership } from "@supportdesk/access";
import { invitations } from "@supportdesk/services";
import { z } from "zod";
import { publicLimitedProcedure, router, tenantProcedure, userProcedure } from "../trpc";
import { email, id, roleRef, token } from "./schemas";

export const invitationsRouter = router({
  create: tenantProcedure
    .meta({ permissions: ["member.invite"] })
    .input(z.object({ email, role: roleRef }))
    .mutation(({ ctx, input }) => ctx.run((scope) => invitations.createInvitation(scope, input))),
  list: tenantProcedure
    .meta({ permissions: ["member.invite"] })
    .query(({ ctx }) => ctx.run(invitations.listInvitations)),
  revoke: tenantProcedure
    .meta({ permissions: ["member.invite"] })
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.run((scope) => invitations.revokeInvitation(scope, input));
      return { ok: true };
    }),
  resend: tenantProcedure
    .meta({ permissions: ["member.invite"] })
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => ctx.run((scope) => invitations.resendInvitation(scope, input))),
  preview: publicLimitedProcedure
    .input(z.object({ token }))
    .query(({ ctx, input }) => invitations.previewInvitation(ctx.deps.db, input)),
  accept: userProcedure.input(z.object({ token })).mutation(async ({ ctx, input }) => {
    const actor = { ...actorOf(ctx.principal, ctx.request), userId: ctx.principal.userId };
    const joined = await invitations.acceptInvitation(ctx.deps.db, actor, input);
    await forgetMembership(ctx.deps, joined.id, [ctx.principal.userId]);
    return joined;
  }),
});
