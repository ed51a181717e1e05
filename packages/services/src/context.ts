// What services receive: who is acting, and (for tenant work) the tenant-bound transaction.
import type { TenantDb, TenantRole } from "@supportdesk/database";

/** Who performs an action, for permission checks and the audit trail. */
export type Actor = {
  userId: string | null;
  apiKeyId: string | null;
  ip: string | null;
  userAgent: string | null;
};

/** A unit of tenant work: one transaction bound to one tenant, and the actor's role in it. */
export type TenantScope = {
  tx: TenantDb;
  tenantId: string;
  role: TenantRole;
  actor: Actor;
};

const RANK: Record<TenantRole, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

/** True when `role` is at least `required` (viewer < member < admin < owner). */
export const roleAtLeast = (role: TenantRole, required: TenantRole): boolean =>
  RANK[role] >= RANK[required];
