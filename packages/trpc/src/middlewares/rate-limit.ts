// Rate limits: per tenant by plan (each procedure of a batch counts), and per IP and email on auth.
import { type RateLimitResult, RateLimitUnavailableError } from "@supportdesk/cache";
import { TRPCError } from "@trpc/server";
import type { Context, TenantSummary } from "../context";
import { middleware } from "../init";

const WINDOW_SECONDS = 60;

function setHeaders(ctx: Context, result: RateLimitResult) {
  ctx.resHeaders.set("X-RateLimit-Limit", String(result.limit));
  ctx.resHeaders.set("X-RateLimit-Remaining", String(result.remaining));
  ctx.resHeaders.set("X-RateLimit-Reset", String(result.reset));
}

function refuse(ctx: Context, result: RateLimitResult, what: string): never {
  ctx.resHeaders.set("Retry-After", String(Math.max(1, Math.ceil(result.retryAfter))));
  throw new TRPCError({
    code: "TOO_MANY_REQUESTS",
    message: `Too many ${what}; try again in ${Math.max(1, Math.ceil(result.retryAfter))} s.`,
  });
}

/**
 * Counts against a limit; when Redis is unavailable the request is let through (fail open) and
 * a warning logged: an outage of the limiter must not become an outage of the API.
 */
async function consume(
  ctx: Context,
  key: string,
  limit: number,
): Promise<RateLimitResult | undefined> {
  try {
    return await ctx.deps.rateLimiter.consume(key, { limit, windowSeconds: WINDOW_SECONDS });
  } catch (error) {
    if (error instanceof RateLimitUnavailableError) {
      ctx.deps.log.warn(
        { key, requestId: ctx.request.requestId },
        "rate limiter unavailable; allowing",
      );
      return undefined;
    }
    throw error;
  }
}

/** The tenant's plan limit; sets the X-RateLimit-* headers, 429 + Retry-After when over. */
export async function enforceTenantRateLimit(ctx: Context, tenant: TenantSummary): Promise<void> {
  const result = await consume(
    ctx,
    `t:${tenant.id}:api`,
    ctx.deps.settings.rateLimits[tenant.plan],
  );
  if (!result) return;
  setHeaders(ctx, result);
  if (!result.allowed) refuse(ctx, result, "requests for this tenant");
}

/** Sign-in, sign-up and reset attempts: per client IP and per email (when the input has one). */
export const rateLimitAuth = middleware(async function rateLimitAuth({ ctx, next, getRawInput }) {
  const limit = ctx.deps.settings.rateLimits.auth;
  const raw = (await getRawInput().catch(() => undefined)) as { email?: unknown } | undefined;
  const email =
    typeof raw?.email === "string" ? raw.email.trim().toLowerCase().slice(0, 320) : undefined;
  const keys = [
    ctx.request.ip ? `ip:${ctx.request.ip}:auth` : undefined,
    email ? `email:${new Bun.CryptoHasher("sha256").update(email).digest("hex")}:auth` : undefined,
  ].filter((k): k is string => k !== undefined);
  for (const key of keys) {
    const result = await consume(ctx, key, limit);
    if (result && !result.allowed) refuse(ctx, result, "attempts");
  }
  return next();
});
