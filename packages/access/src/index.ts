// @supportdesk/access: who is calling, in which tenant, and what they may do there — decided in
// one place. tRPC's middlewares, the server's /ws, the worker and CLIs are thin adapters over it.
export { authenticate, authenticateUserToken, bearerToken } from "./authenticate";
export {
  findTenant,
  forgetMembership,
  forgetRole,
  forgetSessions,
  forgetTenant,
  grantFor,
  type MembershipValue,
  memberRole,
  memberRoles,
  membershipRoleRef,
  sessionState,
} from "./cache";
export {
  actorOf,
  type Prefetched,
  prefetch,
  resolveTenant,
  tenantAccess,
  tenantForHost,
  tenantNotFound,
} from "./resolve";
export type {
  AccessDeps,
  Origin,
  Principal,
  TenantAccess,
  TenantHints,
  TenantSummary,
} from "./types";
