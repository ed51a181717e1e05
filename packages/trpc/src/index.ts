// @supportdesk/trpc: context, procedure builders, the routers and the AppRouter type.
export {
  findTenant,
  forgetMembership,
  forgetSessions,
  forgetTenant,
  memberRole,
  memberRoles,
  sessionState,
} from "./cache";
export {
  type Context,
  createContext,
  createContextInner,
  type Principal,
  type RequestInfo,
  type TenantContext,
  type TenantHints,
  type TenantSummary,
  type TrpcDeps,
  type TrpcSettings,
} from "./context";
export { appErrorToTrpc, toTrpcError } from "./errors";
export { type AppRouter, appRouter, createCaller } from "./root";
export {
  authedProcedure,
  publicProcedure,
  requireRole,
  router,
  tenantProcedure,
  userProcedure,
} from "./trpc";

/** Larger batches are refused with 400 (each call of a batch also counts against rate limits). */
export const MAX_BATCH_SIZE = 25;
