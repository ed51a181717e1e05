// invitations: admins invite by email; invitees preview (signed out) and accept (signed in).
import { invitations } from "@supportdesk/services";
import { z } from "zod";
import { forgetMembership } from "../cache";
import { publicProcedure, requireRole, router, userProcedure } from "../trpc";
import { email, id, role, token } from "./schemas";

export const invitationsRouter = router({
  create: requireRole("admin")
    .input(z.object({ email, role }))
    .mutation(({ ctx, input }) => ctx.run((scope) => invitations.createInvitation(scope, input))),
  list: requireRole("admin").query(({ ctx }) => ctx.run(invitations.listInvitations)),
  revoke: requireRole("admin")
    .input(z.object({ id }))
    .mutation(async ({ ctx, input }) => {
      await ctx.run((scope) => invitations.revokeInvitation(scope, input));
      return { ok: true };
    }),
  resend: requireRole("admin")
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => ctx.run((scope) => invitations.resendInvitation(scope, input))),
  preview: publicProcedure
    .input(z.object({ token }))
    .query(({ ctx, input }) => invitations.previewInvitation(ctx.deps.db, input)),
  accept: userProcedure.input(z.object({ token })).mutation(async ({ ctx, input }) => {
    const actor = {
      userId: ctx.principal.userId,
      apiKeyId: null,
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent,
    };
    const joined = await invitations.acceptInvitation(ctx.deps.db, actor, input);
    await forgetMembership(ctx.deps, joined.id, [ctx.principal.userId]);
    return joined;
  }),
});
