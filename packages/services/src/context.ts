// What services receive: who is acting, with what powers, and the tenant-bound transaction.
import type { TenantDb, TenantRole } from "@supportdesk/database";
import {
  type BuiltInRole,
  can,
  PERMISSIONS,
  type Permission,
  ROLE_PERMISSIONS,
} from "@supportdesk/domain";
import { AppError } from "./errors";
import type { AutomationOrigin } from "./ticket-events";

/** Who performs an action, for permission checks and the audit trail. */
export type Actor = {
  userId: string | null;
  apiKeyId: string | null;
  ip: string | null;
  userAgent: string | null;
};

/**
 * What an actor may do in one tenant: a built-in role, or "custom" with the custom role's id, and
 * the permissions either grants. Built by `@supportdesk/access` for members and API keys alike.
 */
export type Grant = {
  role: TenantRole;
  customRoleId: string | null;
  permissions: ReadonlySet<Permission>;
};

/** The grant of a built-in role (workers and tests acting as a role use this). */
export function builtInGrant(role: BuiltInRole): Grant {
  return { role, customRoleId: null, permissions: ROLE_PERMISSIONS[role] };
}

/** A unit of tenant work: one transaction bound to one tenant, the actor, and their grant. */
export type TenantScope = Grant & {
  tx: TenantDb;
  tenantId: string;
  actor: Actor;
  /** Set when an automation rule acts: the rule and the depth of the chain that led here. */
  automation?: AutomationOrigin | undefined;
};

/**
 * Refuses with FORBIDDEN unless the scope holds `permission`. Every service that acts for a
 * tenant calls this first, so a router, job, socket or CLI cannot skip the check.
 *
 * @example
 * authorize(scope, "ticket.update");
 */
export function authorize(scope: Pick<Grant, "permissions">, permission: Permission): void {
  if (!can(scope, permission)) {
    throw new AppError(
      "FORBIDDEN",
      `You don't have permission to do this: it needs "${PERMISSIONS[permission].label}" (${permission}).`,
    );
  }
}

/** The actor as a signed-in user: account-bound actions (leave, transfer) are not for API keys. */
export function signedInUser(scope: { actor: Actor }): string {
  if (!scope.actor.userId) {
    throw new AppError("FORBIDDEN", "This needs a signed-in user, not an API key.");
  }
  return scope.actor.userId;
}
