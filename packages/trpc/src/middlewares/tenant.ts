// Tenant resolution (tenancy.md): a hint only names a tenant; membership or the API key decides.
import type { TenantRole } from "@supportdesk/database";
import type { Actor, TenantScope } from "@supportdesk/services";
import { TRPCError } from "@trpc/server";
import { findTenant, memberRole, sessionState } from "../cache";
import type { Context, Principal, TenantContext, TenantSummary } from "../context";
import { middleware } from "../init";
import { enforceTenantRateLimit } from "./rate-limit";

/** One answer for unknown, suspended and not-yours: nothing is revealed about other tenants. */
export const tenantNotFound = () =>
  new TRPCError({ code: "NOT_FOUND", message: "Tenant not found, or you are not a member of it." });

/** The tenant the request names, in the contract's order; undefined when it names none. */
async function namedTenant(
  ctx: Context,
  principal: Principal,
): Promise<TenantSummary | "none" | undefined> {
  const hints = ctx.request.tenantHints;
  const { platformDomain, nodeEnv } = ctx.deps.settings;
  if (hints.pathSlug) return findTenant(ctx.deps, { slug: hints.pathSlug });
  if (hints.headerId) return findTenant(ctx.deps, { id: hints.headerId });
  if (hints.headerSlug) return findTenant(ctx.deps, { slug: hints.headerSlug });
  const host = hints.host?.replace(/:\d+$/, "");
  if (host && host !== platformDomain && host.endsWith(`.${platformDomain}`)) {
    const sub = host.slice(0, -platformDomain.length - 1);
    if (!sub.includes(".")) return findTenant(ctx.deps, { slug: sub });
  } else if (host && host !== platformDomain && host !== "localhost" && !/^[\d.]+$/.test(host)) {
    const byDomain = await findTenant(ctx.deps, { domain: host });
    if (byDomain) return byDomain;
  }
  if (principal.type === "user") {
    const session = await sessionState(ctx.deps, principal.sessionId);
    if (session?.currentTenantId) return findTenant(ctx.deps, { id: session.currentTenantId });
  }
  if (nodeEnv === "development" && hints.dev) {
    return findTenant(
      ctx.deps,
      /^[0-9a-f-]{36}$/i.test(hints.dev) ? { id: hints.dev } : { slug: hints.dev },
    );
  }
  return "none";
}

async function resolve(
  ctx: Context,
  principal: Principal,
): Promise<{ tenant: TenantSummary; role: TenantRole }> {
  if (principal.type === "apiKey") {
    // A key is bound to one tenant; a request that names another gets the same NOT_FOUND.
    const named = await namedTenant(ctx, principal);
    if (
      named !== "none" &&
      named?.id !== principal.tenantId &&
      ctx.request.tenantHints.host === undefined
    ) {
      throw tenantNotFound();
    }
    if (named !== "none" && named && named.id !== principal.tenantId) throw tenantNotFound();
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
  if (!named || named.status === "suspended") throw tenantNotFound();
  const role = await memberRole(ctx.deps, named.id, principal.userId);
  if (!role) throw tenantNotFound();
  return { tenant: named, role };
}

export const tenant = middleware(async function tenant({ ctx, next }) {
  const principal = (ctx as Context & { principal: Principal }).principal;
  const resolved = await resolve(ctx, principal);
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
  return next({ ctx: tenantCtx });
});
