// @supportdesk/trpc: context, procedure builders, the routers and the AppRouter type.
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
export { appErrorToTrpc, toTrpcError, wasReported } from "./errors";
export {
  type AppRouter,
  appRouter,
  createCaller,
  type RouterInputs,
  type RouterOutputs,
} from "./root";
export {
  authedProcedure,
  publicProcedure,
  router,
  tenantProcedure,
  userProcedure,
} from "./trpc";

/** Larger batches are refused with 400 (each call of a batch also counts against rate limits). */
export const MAX_BATCH_SIZE = 25;
