// The procedure builders every router uses: public, authed, user, tenant, and the role guard.
import type { TenantRole } from "@supportdesk/database";
import { TRPCError } from "@trpc/server";
import { toTrpcError } from "./errors";
import { t } from "./init";
import { authed } from "./middlewares/authed";
import { rateLimitAuth } from "./middlewares/rate-limit";
import { requireRoleMiddleware } from "./middlewares/role";
import { authedForTenant, tenant } from "./middlewares/tenant";

export const router = t.router;
export const mergeRouters = t.mergeRouters;
export const createCallerFactory = t.createCallerFactory;

/**
 * Maps domain errors to tRPC errors in one place. It wraps the resolver (not `next()` in a
 * try/catch: tRPC returns errors as results), rethrowing what the procedure threw, mapped.
 */
const mapErrors = t.middleware(async function mapErrors(opts) {
  const result = await opts.next();
  if (!result.ok) {
    const mapped = toTrpcError(result.error);
    if (mapped.code === "INTERNAL_SERVER_ERROR") {
      opts.ctx.deps.log.error(
        {
          err: result.error.cause ?? result.error,
          path: opts.path,
          requestId: opts.ctx.request.requestId,
        },
        "procedure failed",
      );
    }
    throw mapped;
  }
  return result;
});

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(mapErrors);
/** Public procedures that take credentials (sign in, sign up, reset): limited per IP and email. */
export const authRateLimitedProcedure = publicProcedure.use(rateLimitAuth);
/** A signed-in user or an API key. */
export const authedProcedure = publicProcedure.use(authed);
/** A signed-in user (not an API key): account and session procedures. */
export const userProcedure = authedProcedure.use(function userOnly({ ctx, next }) {
  if (ctx.principal.type !== "user") {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "This needs a signed-in user, not an API key.",
    });
  }
  return next({ ctx: { principal: ctx.principal } });
});
/** A member of the request's tenant (or a key bound to it); ctx gets tenant, role, db, run. */
export const tenantProcedure = publicProcedure.use(authedForTenant).use(tenant);

/**
 * A tenant procedure for `role` or above (viewer < member < admin < owner).
 *
 * @example
 * export const remove = requireRole("admin").input(…).mutation(…);
 */
export const requireRole = (role: TenantRole) => tenantProcedure.use(requireRoleMiddleware(role));
