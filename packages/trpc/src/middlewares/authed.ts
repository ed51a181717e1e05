// Authentication: a bearer access token (with a live session) or an API key.
import { apiKeys } from "@supportdesk/services";
import { TRPCError } from "@trpc/server";
import { sessionState } from "../cache";
import type { Context, Principal } from "../context";
import { middleware } from "../init";

const signIn = (message = "Sign in to continue.") =>
  new TRPCError({ code: "UNAUTHORIZED", message });

/**
 * Who is calling, from the bearer token (with a live session) or API key. `onUser` runs once a
 * user's access token has verified, before the session is read: lookups that do not depend on
 * the session start there, so they share its Redis round trip (the tenant middleware's prefetch).
 */
export async function authenticate(
  ctx: Context,
  onUser?: (userId: string) => void,
): Promise<Principal> {
  const header = ctx.request.authorization;
  const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) throw signIn();
  let principal: Principal;
  if (token.startsWith("sdk_")) {
    const key = await apiKeys.authenticateApiKey(ctx.deps.db, token);
    if (!key) throw signIn("This API key is not valid (unknown, revoked or expired).");
    principal = { type: "apiKey", ...key };
  } else {
    const claims = await ctx.deps.tokens.verifyAccessToken(token).catch(() => {
      throw signIn("Your session token is not valid or has expired; refresh it or sign in again.");
    });
    onUser?.(claims.sub);
    const session = await sessionState(ctx.deps, claims.sid);
    if (!session || session.revoked || session.userId !== claims.sub) {
      throw signIn("Your session has ended; sign in again.");
    }
    principal = { type: "user", userId: claims.sub, sessionId: claims.sid };
  }
  if (principal.type === "user") ctx.request.logFields.userId = principal.userId;
  else ctx.request.logFields.apiKeyId = principal.apiKeyId;
  return principal;
}

export const authed = middleware(async function authed({ ctx, next }) {
  return next({ ctx: { principal: await authenticate(ctx) } });
});
