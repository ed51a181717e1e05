// Tenant resolution, adapted from the access layer: ctx gets the tenant, grant, actor and `run`.
import {
  actorOf,
  type Prefetched,
  type Principal,
  prefetch,
  resolveTenant,
  tenantAccess,
} from "@supportdesk/access";
import type { Context, TenantContext } from "../context";
import { middleware } from "../init";
import { authenticate } from "./authed";
import { enforceTenantRateLimit } from "./rate-limit";

type AuthedContext = Context & { principal: Principal; prefetched?: Prefetched | undefined };

/**
 * Authentication for tenant procedures: `authed`, plus the tenant lookups of `prefetch` started
 * as soon as the access token has verified, so they run alongside the session read.
 */
export const authedForTenant = middleware(async function authedForTenant({ ctx, next }) {
  let prefetched: Prefetched | undefined;
  const principal = await authenticate(ctx, (userId) => {
    prefetched = prefetch(ctx.deps, ctx.request.tenantHints, userId);
  });
  return next({ ctx: { principal, prefetched } });
});

/** Membership (or the key's binding) decides; the tenant's rate limit counts only after that. */
export const tenant = middleware(async function tenant({ ctx, next }) {
  const { principal, prefetched } = ctx as AuthedContext;
  const { tenant, grant } = await resolveTenant(
    ctx.deps,
    principal,
    ctx.request.tenantHints,
    prefetched,
  );
  await enforceTenantRateLimit(ctx, tenant);
  ctx.request.logFields.tenantId = tenant.id;
  const access = tenantAccess(ctx.deps, tenant, grant, actorOf(principal, ctx.request));
  const tenantCtx: TenantContext = {
    ...access,
    db: { transaction: (fn) => ctx.deps.db.withTenant(tenant.id, fn) },
  };
  return next({ ctx: tenantCtx });
});
