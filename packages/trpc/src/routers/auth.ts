// auth: accounts and sessions. Rate limited: sign-up/reset per IP and email, sign-in by failures.

import { actorOf, forgetSessions } from "@supportdesk/access";
import { auth } from "@supportdesk/services";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { type Context, REFRESH_COOKIE } from "../context";
import {
  accountRateLimitedProcedure,
  authRateLimitedProcedure,
  loginRateLimitedProcedure,
  publicLimitedProcedure,
  router,
  userProcedure,
} from "../trpc";
import { email, id, organisationName, password, personName, slug, token } from "./schemas";

/**
 * "cookie" (the default, for browsers): the refresh token is set as an httpOnly, SameSite=Strict
 * cookie and left out of the body, so page scripts never see it. "body": API clients keep it.
 */
const delivery = z.enum(["cookie", "body"]).default("cookie");

function setRefreshCookie(ctx: Context, token: string | null, maxAgeSeconds: number) {
  const attributes = [
    `${REFRESH_COOKIE}=${token ?? ""}`,
    "Path=/trpc",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${token ? maxAgeSeconds : 0}`,
    ...(ctx.request.secure || ctx.deps.settings.nodeEnv === "production" ? ["Secure"] : []),
  ];
  ctx.resHeaders.append("Set-Cookie", attributes.join("; "));
}

/** Delivers the refresh token as asked; the rest of the answer is the same either way. */
function deliver(ctx: Context, signedIn: auth.SignedIn, how: "cookie" | "body") {
  if (how === "body") return signedIn;
  setRefreshCookie(ctx, signedIn.refreshToken, ctx.deps.settings.refreshIdleDays * 86_400);
  const { refreshToken: _omitted, ...rest } = signedIn;
  return { ...rest, refreshToken: null };
}

/** What sign-up answers, whether the address was new or already had an account. */
const REGISTERED =
  "Check your email: we sent a link to finish signing up. It works once, within 48 hours.";

/** Signing up, in and verifying act for nobody yet: the audit trail gets the request's origin. */
const anonymous = (ctx: Context) => actorOf(null, ctx.request);
const authDeps = ({ deps }: Context) => ({
  db: deps.db,
  tokens: deps.tokens,
  refreshIdleDays: deps.settings.refreshIdleDays,
});

export const authRouter = router({
  register: authRateLimitedProcedure
    .input(
      z.object({
        email,
        password,
        name: personName,
        language: z
          .string()
          .regex(/^[a-z]{2}(-[A-Z]{2})?$/, { error: "must be a language tag like en or pt-BR" })
          .optional(),
        tenantName: organisationName.optional(),
        tenantSlug: slug.optional(),
      }),
    )
    // The same answer whether or not the address has an account (its owner is emailed instead),
    // so nobody is signed in here: the verification link does that.
    .mutation(async ({ ctx, input }) => {
      await auth.register(authDeps(ctx), input, anonymous(ctx));
      return { ok: true, message: REGISTERED };
    }),

  login: loginRateLimitedProcedure
    .input(z.object({ email, password: z.string().min(1).max(256), tokenDelivery: delivery }))
    .mutation(async ({ ctx, input }) =>
      deliver(ctx, await auth.login(authDeps(ctx), input, anonymous(ctx)), input.tokenDelivery),
    ),

  /** Rotates the refresh token from the body or, for browsers, from the cookie. */
  refresh: publicLimitedProcedure
    .input(
      z
        .object({ refreshToken: token.optional(), tokenDelivery: delivery })
        .default({ tokenDelivery: "cookie" }),
    )
    .mutation(async ({ ctx, input }) => {
      const refreshToken = input.refreshToken ?? ctx.request.refreshCookie;
      if (!refreshToken) {
        throw new TRPCError({ code: "UNAUTHORIZED", message: "No refresh token: sign in again." });
      }
      const signedIn = await auth
        .refresh(authDeps(ctx), { refreshToken })
        .catch(async (error: unknown) => {
          if (!input.refreshToken) setRefreshCookie(ctx, null, 0);
          const revoked = (error as { revokedSessionId?: string }).revokedSessionId;
          if (revoked) await forgetSessions(ctx.deps, [revoked]);
          throw error;
        });
      return deliver(ctx, signedIn, input.refreshToken ? input.tokenDelivery : "cookie");
    }),

  logout: userProcedure.mutation(async ({ ctx }) => {
    await auth.revokeSession(ctx.deps.db, ctx.principal.userId, ctx.principal.sessionId);
    await forgetSessions(ctx.deps, [ctx.principal.sessionId]);
    setRefreshCookie(ctx, null, 0);
    return { ok: true };
  }),

  logoutAll: userProcedure.mutation(async ({ ctx }) => {
    const ended = await auth.revokeAllSessions(ctx.deps.db.platform, ctx.principal.userId);
    await forgetSessions(ctx.deps, ended);
    return { ended: ended.length };
  }),

  me: userProcedure.query(({ ctx }) =>
    auth.me(ctx.deps.db, ctx.principal.userId, ctx.principal.sessionId),
  ),

  verifyEmail: publicLimitedProcedure
    .input(z.object({ token, tokenDelivery: delivery }))
    // Verifies the address and signs its owner in, answering as login does.
    .mutation(async ({ ctx, input }) =>
      deliver(
        ctx,
        await auth.verifyEmail(authDeps(ctx), input, anonymous(ctx)),
        input.tokenDelivery,
      ),
    ),

  requestEmailVerification: accountRateLimitedProcedure.mutation(async ({ ctx }) => {
    await auth.requestEmailVerification(ctx.deps.db, ctx.principal.userId);
    return { ok: true };
  }),

  requestPasswordReset: authRateLimitedProcedure
    .input(z.object({ email }))
    .mutation(async ({ ctx, input }) => {
      await auth.requestPasswordReset(ctx.deps.db, input);
      return { ok: true, message: "If that email has an account, a reset link is on its way." };
    }),

  checkResetToken: authRateLimitedProcedure
    .input(z.object({ token }))
    .query(({ ctx, input }) => auth.checkResetToken(ctx.deps.db, input)),

  resetPassword: authRateLimitedProcedure
    .input(z.object({ token, password }))
    .mutation(async ({ ctx, input }) => {
      await forgetSessions(ctx.deps, await auth.resetPassword(ctx.deps.db, input));
      return { ok: true };
    }),

  updateProfile: userProcedure
    .input(z.object({ name: personName }))
    .mutation(({ ctx, input }) => auth.updateProfile(ctx.deps.db, ctx.principal.userId, input)),

  changePassword: accountRateLimitedProcedure
    .input(z.object({ currentPassword: z.string().min(1).max(256), newPassword: password }))
    .mutation(async ({ ctx, input }) => {
      const { userId, sessionId } = ctx.principal;
      await forgetSessions(
        ctx.deps,
        await auth.changePassword(ctx.deps.db, userId, sessionId, input),
      );
      return { ok: true };
    }),

  sessions: userProcedure.query(({ ctx }) =>
    auth.listSessions(ctx.deps.db, ctx.principal.userId, ctx.principal.sessionId),
  ),

  revokeSession: userProcedure
    .input(z.object({ sessionId: id }))
    .mutation(async ({ ctx, input }) => {
      const ended = await auth.revokeSession(ctx.deps.db, ctx.principal.userId, input.sessionId);
      if (!ended) return { ok: false };
      await forgetSessions(ctx.deps, [input.sessionId]);
      return { ok: true };
    }),
});
