// Tenant resolution (tenancy.md): a hint only names a tenant; membership or the API key decides.
import { isUuid } from "@supportdesk/database";
import { RESERVED_SLUGS } from "@supportdesk/domain";
import { type Actor, AppError, type Grant, type TenantScope } from "@supportdesk/services";
import {
  cachedMemberRole,
  findTenant,
  grantFor,
  type MembershipValue,
  memberRole,
  sessionState,
} from "./cache";
import type {
  AccessDeps,
  Origin,
  Principal,
  TenantAccess,
  TenantHints,
  TenantSummary,
} from "./types";

/** One answer for unknown, suspended and not-yours: nothing is revealed about other tenants. */
export const tenantNotFound = () =>
  new AppError("NOT_FOUND", "Tenant not found, or you are not a member of it.");

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
 * for that same tenant once it is found (a miss still goes to the database then).
 */
export type Prefetched = {
  tenant: Promise<TenantSummary | undefined>;
  role?: { tenantId: string; cached: Promise<MembershipValue | null | undefined> };
};

/** Starts the lookups of `Prefetched` for a user whose access token has just verified. */
export function prefetch(
  deps: AccessDeps,
  hints: TenantHints,
  userId: string,
): Prefetched | undefined {
  const by = explicitHint(hints);
  if (!by) return undefined;
  const tenant = findTenant(deps, by);
  // Dropped unawaited when authentication fails; awaited (and so reported) otherwise.
  tenant.catch(() => {});
  if (!("id" in by) || !isUuid(by.id)) return { tenant };
  const tenantId = by.id.toLowerCase();
  return { tenant, role: { tenantId, cached: cachedMemberRole(deps, tenantId, userId) } };
}

/** The tenant a request's host names: `{slug}.{platform domain}` or a verified custom domain. */
export async function tenantForHost(
  deps: AccessDeps,
  rawHost: string | undefined,
): Promise<TenantSummary | undefined | "none"> {
  const platformDomain = deps.settings.platformDomain.replace(/:\d+$/, "");
  const host = rawHost?.replace(/:\d+$/, "");
  if (host?.endsWith(`.${platformDomain}`)) {
    const sub = host.slice(0, -platformDomain.length - 1);
    // The platform's own hosts (api., www., app.) name no tenant.
    if (!sub.includes(".") && !RESERVED_SLUGS.has(sub)) return findTenant(deps, { slug: sub });
  } else if (host && host !== platformDomain && host !== "localhost" && !/^[\d.]+$/.test(host)) {
    const byDomain = await findTenant(deps, { domain: host });
    if (byDomain) return byDomain;
  }
  return "none";
}

/** The tenant the request names, in the contract's order; "none" when it names none. */
async function namedTenant(
  deps: AccessDeps,
  principal: Principal,
  hints: TenantHints,
  prefetched: Prefetched | undefined,
): Promise<TenantSummary | undefined | "none"> {
  const explicit = explicitHint(hints);
  if (explicit) return await (prefetched?.tenant ?? findTenant(deps, explicit));
  const byHost = await tenantForHost(deps, hints.host);
  if (byHost !== "none") return byHost;
  if (principal.type === "user") {
    const session = await sessionState(deps, principal.sessionId);
    if (session?.currentTenantId) return findTenant(deps, { id: session.currentTenantId });
  }
  if (deps.settings.nodeEnv === "development" && hints.dev) {
    return findTenant(deps, isUuid(hints.dev) ? { id: hints.dev } : { slug: hints.dev });
  }
  return "none";
}

/**
 * The tenant a request acts in and what the caller may do there: an API key's own tenant and
 * role, or the named tenant and the user's membership. Unknown, suspended and not-a-member are
 * the same NOT_FOUND.
 */
export async function resolveTenant(
  deps: AccessDeps,
  principal: Principal,
  hints: TenantHints,
  prefetched?: Prefetched,
): Promise<{ tenant: TenantSummary; grant: Grant }> {
  const named = await namedTenant(deps, principal, hints, prefetched);
  if (principal.type === "apiKey") {
    // A key is bound to one tenant: a request naming any other (or an unknown one) is NOT_FOUND.
    if (named !== "none" && named?.id !== principal.tenantId) throw tenantNotFound();
    const tenant = await findTenant(deps, { id: principal.tenantId });
    if (!tenant || tenant.status === "suspended") throw tenantNotFound();
    return { tenant, grant: await grantFor(deps, tenant.id, principal) };
  }
  if (named === "none") {
    throw new AppError(
      "BAD_REQUEST",
      "No tenant selected: use /t/<slug>, the X-Tenant-Slug header, or switch to a tenant.",
    );
  }
  if (!named || named.status === "suspended") throw tenantNotFound();
  const early = prefetched?.role;
  const membership = await memberRole(
    deps,
    named.id,
    principal.userId,
    early && early.tenantId === named.id.toLowerCase() ? early.cached : undefined,
  );
  if (!membership) throw tenantNotFound();
  return { tenant: named, grant: await grantFor(deps, named.id, membership) };
}

/** The actor of a principal, for permission checks and the audit trail. */
export function actorOf(principal: Principal | null, origin: Origin): Actor {
  return {
    userId: principal?.type === "user" ? principal.userId : null,
    apiKeyId: principal?.type === "apiKey" ? principal.apiKeyId : null,
    ip: origin.ip,
    userAgent: origin.userAgent,
  };
}

/**
 * The access of an actor holding `grant` in `tenant`: `run` opens one tenant transaction and
 * gives the service its scope. Workers and CLIs build theirs with this too.
 *
 * @example
 * const access = tenantAccess(deps, tenant, builtInGrant("admin"), actor);
 * await access.run((scope) => tickets.updateTicket(scope, { id, status: "closed" }));
 */
export function tenantAccess(
  deps: Pick<AccessDeps, "db">,
  tenant: TenantSummary,
  grant: Grant,
  actor: Actor,
): TenantAccess {
  return {
    ...grant,
    tenant,
    actor,
    run: <T>(fn: (scope: TenantScope) => Promise<T>) =>
      deps.db.withTenant(tenant.id, (tx) => fn({ tx, tenantId: tenant.id, actor, ...grant })),
  };
}
