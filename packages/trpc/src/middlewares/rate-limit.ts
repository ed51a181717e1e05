// Rate limits: per tenant by plan, per IP on public procedures, and on sign-in, sign-up and reset.
import {
  type RateLimitOptions,
  type RateLimitResult,
  RateLimitUnavailableError,
} from "@supportdesk/cache";
import { TRPCError } from "@trpc/server";
import type { Context, TenantSummary } from "../context";
import { toTrpcError } from "../errors";
import { middleware } from "../init";

const MINUTE = 60;
const HOUR = 3600;
/** An email+IP pair that signed in within this long is "known" (about 30–60 days, see below). */
const KNOWN_WINDOW = 30 * 86_400;

type Limit = { key: string } & RateLimitOptions;

function setHeaders(ctx: Context, result: RateLimitResult) {
  ctx.resHeaders.set("X-RateLimit-Limit", String(result.limit));
  ctx.resHeaders.set("X-RateLimit-Remaining", String(result.remaining));
  ctx.resHeaders.set("X-RateLimit-Reset", String(result.reset));
}

function refuse(ctx: Context, result: RateLimitResult, what: string): never {
  const seconds = Math.max(1, Math.ceil(result.retryAfter));
  ctx.resHeaders.set("Retry-After", String(seconds));
  throw new TRPCError({
    code: "TOO_MANY_REQUESTS",
    message: `Too many ${what}; try again in ${seconds} s.`,
  });
}

/**
 * A limit that must hold through a Redis outage (sign-in, sign-up, reset, public procedures):
 * while Redis is unavailable it is counted in this process's memory (bounded, per process) — an
 * attacker who can take Redis down must not get unlimited password guesses.
 */
async function strict(ctx: Context, { key, ...options }: Limit, peek = false) {
  const request = { ...options, onUnavailable: "local" } as const;
  const limiter = ctx.deps.rateLimiter;
  const result = await (peek ? limiter.peek(key, request) : limiter.consume(key, request));
  if (result.source === "local") {
    ctx.deps.log.warn(
      { key, requestId: ctx.request.requestId },
      "rate limiter unavailable; counting in this process",
    );
  }
  return result;
}

/** The tenant's plan limit; sets the X-RateLimit-* headers, 429 + Retry-After when over. */
export async function enforceTenantRateLimit(ctx: Context, tenant: TenantSummary): Promise<void> {
  const key = `t:${tenant.id}:api`;
  const limit = ctx.deps.settings.rateLimits[tenant.plan];
  let result: RateLimitResult;
  try {
    result = await ctx.deps.rateLimiter.consume(key, { limit, windowSeconds: MINUTE });
  } catch (error) {
    // Fail open: an outage of the limiter must not become an outage of every tenant's API.
    if (error instanceof RateLimitUnavailableError) {
      ctx.deps.log.warn(
        { key, requestId: ctx.request.requestId },
        "rate limiter unavailable; allowing",
      );
      return;
    }
    throw error;
  }
  setHeaders(ctx, result);
  if (!result.allowed) refuse(ctx, result, "requests for this tenant");
}

/** The email of a credentials input, normalised (so case and spaces buy no extra budget). */
async function emailOf(getRawInput: () => Promise<unknown>): Promise<string | undefined> {
  const raw = (await getRawInput().catch(() => undefined)) as { email?: unknown } | undefined;
  return typeof raw?.email === "string" ? raw.email.trim().toLowerCase().slice(0, 320) : undefined;
}

/** Keys never hold an email in clear: Redis is not where personal data should pile up. */
const hashed = (value: string) => new Bun.CryptoHasher("sha256").update(value).digest("hex");

/**
 * Sign-up and reset requests (and reset-token checks): every attempt counts, per client IP and
 * per email when the input has one — each sends an email, so one address must not be mail-bombed.
 */
export const rateLimitAuth = middleware(async function rateLimitAuth({ ctx, next, getRawInput }) {
  const limit = ctx.deps.settings.rateLimits.auth;
  const email = await emailOf(getRawInput);
  const keys = [
    ctx.request.ip ? `ip:${ctx.request.ip}:auth` : undefined,
    email ? `email:${hashed(email)}:auth` : undefined,
  ].filter((k): k is string => k !== undefined);
  for (const key of keys) {
    const result = await strict(ctx, { key, limit, windowSeconds: MINUTE });
    if (!result.allowed) refuse(ctx, result, "attempts");
  }
  return next();
});

/**
 * Account actions a stolen access token could abuse — guessing the current password to change
 * it, asking for verification emails again and again: every attempt counts per user and per IP
 * (`auth` per minute), counted in memory when Redis is down. Runs after authentication.
 */
export const rateLimitAccount = middleware(async function rateLimitAccount({ ctx, next }) {
  const limit = ctx.deps.settings.rateLimits.auth;
  const principal = (ctx as { principal?: { type: string; userId?: string } }).principal;
  const keys = [
    principal?.userId ? `user:${principal.userId}:account` : undefined,
    ctx.request.ip ? `ip:${ctx.request.ip}:account` : undefined,
  ].filter((k): k is string => k !== undefined);
  for (const key of keys) {
    const result = await strict(ctx, { key, limit, windowSeconds: MINUTE });
    if (!result.allowed) refuse(ctx, result, "attempts");
  }
  return next();
});

/**
 * Sign-in. Limits what an attacker gains, without letting them lock the owner out:
 * - every attempt from one IP counts against `auth` per minute (password spraying);
 * - FAILED sign-ins for one email from one IP: `loginFailuresPerMinute`;
 * - failed sign-ins for one email from all IPs: `loginFailuresPerEmailPerHour`, except from an
 *   IP that signed in as that email within the last 30 days (the owner's known address);
 * - a successful sign-in is never a failure, and nothing counts per email alone, so failures
 *   from other addresses cannot stop the right password from the owner's.
 * Failure limits are checked before the password (a refused attempt checks nothing) and counted
 * after it, only when the answer is UNAUTHORIZED. Parallel attempts may all pass the check
 * before any is counted; the per-IP limit, counted up front and atomically, bounds that.
 */
export const rateLimitLogin = middleware(async function rateLimitLogin({ ctx, next, getRawInput }) {
  const limits = ctx.deps.settings.rateLimits;
  const email = await emailOf(getRawInput);
  const ip = ctx.request.ip;
  const perIp = ip
    ? strict(ctx, { key: `ip:${ip}:auth`, limit: limits.auth, windowSeconds: MINUTE })
    : undefined;
  if (!email) {
    const result = await perIp;
    if (result && !result.allowed) refuse(ctx, result, "attempts");
    return next();
  }
  const id = hashed(email);
  // Without an address (in-process callers) the pair is shared by all of them and never known.
  const pair = `${id}:ip:${ip ?? "none"}`;
  const pairFailures: Limit = {
    key: `login:${pair}:failures`,
    limit: limits.loginFailuresPerMinute,
    windowSeconds: MINUTE,
  };
  const emailFailures: Limit = {
    key: `login:${id}:failures`,
    limit: limits.loginFailuresPerEmailPerHour,
    windowSeconds: HOUR,
  };
  // Successful sign-ins per pair: any in the sliding window makes the pair known (the count
  // fades over a second window, so "known" lasts 30 to 60 days after the last success).
  const successes: Limit = {
    key: `login:${pair}:ok`,
    limit: 1_000_000,
    windowSeconds: KNOWN_WINDOW,
  };
  const [ipResult, pairResult, emailResult, known] = await Promise.all([
    perIp,
    strict(ctx, pairFailures, true),
    strict(ctx, emailFailures, true),
    // A peek of one unit leaves `limit - 1` exactly when nothing has been counted yet.
    ip ? strict(ctx, successes, true).then((r) => r.remaining < r.limit - 1) : false,
  ]);
  if (ipResult && !ipResult.allowed) refuse(ctx, ipResult, "attempts");
  if (!pairResult.allowed) refuse(ctx, pairResult, "failed sign-ins");
  if (!emailResult.allowed && !known) refuse(ctx, emailResult, "failed sign-ins");

  const result = await next();
  if (result.ok) {
    if (ip) await strict(ctx, successes);
  } else if (toTrpcError(result.error).code === "UNAUTHORIZED") {
    await Promise.all([strict(ctx, pairFailures), strict(ctx, emailFailures)]);
  }
  return result;
});

/**
 * Public procedures (no credentials: slug check, invitation preview, email verification, session
 * refresh): per client IP and per procedure, so typing a subdomain cannot starve a refresh.
 */
export const rateLimitPublic = middleware(async function rateLimitPublic({ ctx, next, path }) {
  if (ctx.request.ip) {
    const key = `ip:${ctx.request.ip}:public:${path}`;
    const limit = ctx.deps.settings.rateLimits.public;
    const result = await strict(ctx, { key, limit, windowSeconds: MINUTE });
    if (!result.allowed) refuse(ctx, result, "requests");
  }
  return next();
});
