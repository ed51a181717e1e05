// Authentication, adapted from the access layer: the principal goes into ctx and the access log.
import { authenticate as authenticateWith, type Principal } from "@supportdesk/access";
import type { Context } from "../context";
import { middleware } from "../init";

/** Who is calling (see `@supportdesk/access`'s `authenticate`); records them for the access log. */
export async function authenticate(
  ctx: Context,
  onUser?: (userId: string) => void,
): Promise<Principal> {
  const principal = await authenticateWith(ctx.deps, ctx.request.authorization, onUser);
  if (principal.type === "user") ctx.request.logFields.userId = principal.userId;
  else ctx.request.logFields.apiKeyId = principal.apiKeyId;
  return principal;
}

export const authed = middleware(async function authed({ ctx, next }) {
  return next({ ctx: { principal: await authenticate(ctx) } });
});
