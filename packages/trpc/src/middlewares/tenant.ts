// Tenant resolution (tenancy.md): a hint only names a tenant; membership or the API key decides.
import { isUuid, RESERVED_SLUGS, type TenantRole } from "@supportdesk/database";
import type { Actor, TenantScope } from "@supportdesk/services";
import { TRPCError } from "@trpc/server";
import { cachedMemberRole, findTenant, memberRole, sessionState } from "../cache";
import type { Context, Principal, TenantContext, TenantHints, TenantSummary } from "../context";
import { middleware } from "../init";
import { authenticate } from "./authed";
import { enforceTenantRateLimit } from "./rate-limit";

/** One answer for unknown, suspended and not-yours: nothing is revealed about other tenants. */
export const tenantNotFound = () =>
  new TRPCError({ code: "NOT_FOUND", message: "Tenant not found, or you are not a member of it." });

/** What named the tenant: an explicit hint (path, header) or one the request carries implicitly. */
type Named = { by: "explicit" | "host" | "session" | "dev"; tenant: TenantSummary | undefined };

/** The lookup an explicit hint asks for (path segment, then headers), if the request has one. */
function explicitHint(hints: TenantHints): { id: string } | { slug: string } | undefined {
  if (hints.pathSlug) return { slug: hints.pathSlug };
  if (hints.headerId) return { id: hints.headerId };
  if (hints.headerSlug) return { slug: hints.headerSlug };
  return undefined;
}

/**
 * Cache reads started while the session is read (one Redis round trip instead of three): the
 * tenant an explicit hint names and, when the hint is an id, the caller's cached role in it. They
 * only read; nothing is decided until authentication has passed, and the role read is used only
 * for that same tenant once it is found (a miss still goes to the database then, as before).
 */
type Prefetched = {
  tenant: Promise<TenantSummary | undefined>;
  role?: { tenantId: string; cached: Promise<TenantRole | null | undefined> };
};

function prefetch(ctx: Context, userId: string): Prefetched | undefined {
  const by = explicitHint(ctx.request.tenantHints);
  if (!by) return undefined;
  const tenant = findTenant(ctx.deps, by);
  // Dropped unawaited when authentication fails; awaited (and so reported) otherwise.
  tenant.catch(() => {});
  if (!("id" in by) || !isUuid(by.id)) return { tenant };
  const tenantId = by.id.toLowerCase();
  return { tenant, role: { tenantId, cached: cachedMemberRole(ctx.deps, tenantId, userId) } };
}

type AuthedContext = Context & { principal: Principal; prefetched?: Prefetched | undefined };

/** The tenant the request names, in the contract's order; "none" when it names none. */
async function namedTenant(ctx: AuthedContext, principal: Principal): Promise<Named | "none"> {
  const hints = ctx.request.tenantHints;
  const { deps } = ctx;
  const { nodeEnv } = deps.settings;
  const platformDomain = deps.settings.platformDomain.replace(/:\d+$/, "");
  const explicit = explicitHint(hints);
  if (explicit) {
    return { by: "explicit", tenant: await (ctx.prefetched?.tenant ?? findTenant(deps, explicit)) };
  }
  const host = hints.host?.replace(/:\d+$/, "");
  if (host?.endsWith(`.${platformDomain}`)) {
    const sub = host.slice(0, -platformDomain.length - 1);
    // The platform's own hosts (api., www., app.) name no tenant.
    if (!sub.includes(".") && !RESERVED_SLUGS.has(sub)) {
      return { by: "host", tenant: await findTenant(deps, { slug: sub }) };
    }
  } else if (host && host !== platformDomain && host !== "localhost" && !/^[\d.]+$/.test(host)) {
    const byDomain = await findTenant(deps, { domain: host });
    if (byDomain) return { by: "host", tenant: byDomain };
  }
  if (principal.type === "user") {
    const session = await sessionState(deps, principal.sessionId);
    if (session?.currentTenantId) {
      return { by: "session", tenant: await findTenant(deps, { id: session.currentTenantId }) };
    }
  }
  if (nodeEnv === "development" && hints.dev) {
    const by = /^[0-9a-f-]{36}$/i.test(hints.dev) ? { id: hints.dev } : { slug: hints.dev };
    return { by: "dev", tenant: await findTenant(deps, by) };
  }
  return "none";
}

async function resolve(
  ctx: AuthedContext,
  principal: Principal,
): Promise<{ tenant: TenantSummary; role: TenantRole }> {
  if (principal.type === "apiKey") {
    // A key is bound to one tenant: a request naming any other (or an unknown one) is NOT_FOUND.
    const named = await namedTenant(ctx, principal);
    if (named !== "none" && named.tenant?.id !== principal.tenantId) throw tenantNotFound();
    const tenant = await findTenant(ctx.deps, { id: principal.tenantId });
    if (!tenant || tenant.status === "suspended") throw tenantNotFound();
    return { tenant, role: principal.role };
  }
  const named = await namedTenant(ctx, principal);
  if (named === "none") {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message:
        "No tenant selected: use /t/<slug>, the X-Tenant-Slug header, or switch to a tenant.",
    });
  }
  const { tenant } = named;
  if (!tenant || tenant.status === "suspended") throw tenantNotFound();
  const early = ctx.prefetched?.role;
  const role = await memberRole(
    ctx.deps,
    tenant.id,
    principal.userId,
    early && early.tenantId === tenant.id.toLowerCase() ? early.cached : undefined,
  );
  if (!role) throw tenantNotFound();
  return { tenant, role };
}

/**
 * Authentication for tenant procedures: `authed`, plus the tenant lookups of `prefetch` started
 * as soon as the access token has verified, so they run alongside the session read.
 */
export const authedForTenant = middleware(async function authedForTenant({ ctx, next }) {
  let prefetched: Prefetched | undefined;
  const principal = await authenticate(ctx, (userId) => {
    prefetched = prefetch(ctx, userId);
  });
  return next({ ctx: { principal, prefetched } });
});

export const tenant = middleware(async function tenant({ ctx, next }) {
  const authedCtx = ctx as AuthedContext;
  const { principal } = authedCtx;
  const resolved = await resolve(authedCtx, principal);
  await enforceTenantRateLimit(ctx, resolved.tenant);
  const actor: Actor = {
    userId: principal.type === "user" ? principal.userId : null,
    apiKeyId: principal.type === "apiKey" ? principal.apiKeyId : null,
    ip: ctx.request.ip,
    userAgent: ctx.request.userAgent,
  };
  const tenantId = resolved.tenant.id;
  const tenantCtx: TenantContext = {
    tenant: resolved.tenant,
    role: resolved.role,
    actor,
    db: { transaction: (fn) => ctx.deps.db.withTenant(tenantId, fn) },
    run: <T>(fn: (scope: TenantScope) => Promise<T>) =>
      ctx.deps.db.withTenant(tenantId, (tx) => fn({ tx, tenantId, role: resolved.role, actor })),
  };
  ctx.request.logFields.tenantId = tenantId;
  return next({ ctx: tenantCtx });
});
