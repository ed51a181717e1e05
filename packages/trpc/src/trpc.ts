// The procedure builders every router uses: public, authed, user and tenant. Who may do what
// inside a tenant is checked by the service a procedure calls (the permission table), not here.
import { actorOf } from "@supportdesk/access";
import { signedInUser } from "@supportdesk/services";
import { markReported, RETRY_AFTER_SECONDS, toTrpcError } from "./errors";
import { t } from "./init";
import { authed } from "./middlewares/authed";
import { inputGuard } from "./middlewares/input-guard";
import {
  rateLimitAccount,
  rateLimitAuth,
  rateLimitLogin,
  rateLimitPublic,
} from "./middlewares/rate-limit";
import { authedForTenant, tenant } from "./middlewares/tenant";

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Maps domain errors to tRPC errors in one place. It wraps the resolver (not `next()` in a
 * try/catch: tRPC returns errors as results), rethrowing what the procedure threw, mapped.
 */
const mapErrors = t.middleware(async function mapErrors(opts) {
  const result = await opts.next();
  if (!result.ok) {
    const { requestId } = opts.ctx.request;
    const mapped = toTrpcError(result.error, requestId);
    // Logged here, redacted by the logger; the fetch handler skips what was reported.
    if (mapped.code === "SERVICE_UNAVAILABLE") {
      opts.ctx.resHeaders.set("Retry-After", String(RETRY_AFTER_SECONDS));
      opts.ctx.deps.log.warn(
        { err: mapped.cause, path: opts.path, requestId },
        "database unavailable",
      );
    } else if (mapped.code === "INTERNAL_SERVER_ERROR") {
      opts.ctx.deps.log.error(
        { err: mapped.cause, path: opts.path, requestId },
        "procedure failed",
      );
    }
    throw markReported(mapped);
  }
  return result;
});

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(mapErrors).use(inputGuard);
/** Public procedures without credentials (slug check, invitation preview, …): limited per IP. */
export const publicLimitedProcedure = publicProcedure.use(rateLimitPublic);
/** Sign-up and reset procedures: every attempt limited per IP and per email. */
export const authRateLimitedProcedure = publicProcedure.use(rateLimitAuth);
/** Sign-in: attempts per IP, failures per email+IP and per email (never the right password). */
export const loginRateLimitedProcedure = publicProcedure.use(rateLimitLogin);
/** A signed-in user or an API key. */
export const authedProcedure = publicProcedure.use(authed);
/** A signed-in user (not an API key): account and session procedures. */
export const userProcedure = authedProcedure.use(function userOnly({ ctx, next }) {
  const { principal } = ctx;
  signedInUser({ actor: actorOf(principal, ctx.request) });
  return next({ ctx: { principal: principal as Extract<typeof principal, { type: "user" }> } });
});
/** A signed-in user's sensitive account actions (password change, resending mail): per user and IP. */
export const accountRateLimitedProcedure = userProcedure.use(rateLimitAccount);
/** A member of the request's tenant (or a key bound to it); ctx gets tenant, role, db, run. */
export const tenantProcedure = publicProcedure.use(authedForTenant).use(tenant);
