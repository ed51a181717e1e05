// Role references: resolving the role someone is given (built-in or custom), naming it, and
// never granting more than the giver holds. Defining custom roles is custom-roles.ts.
import { type AnyPgColumn, and, customRoles, eq, type TenantRole } from "@supportdesk/database";
import {
  BUILT_IN_ROLE_INFO,
  type BuiltInRole,
  isBuiltInRole,
  isPermission,
  missingPermissions,
  type Permission,
  ROLE_PERMISSIONS,
} from "@supportdesk/domain";
import type { Grant, TenantScope } from "./context";
import { AppError } from "./errors";

/**
 * A role as clients name it: a built-in role's name ("admin") or a custom role's id. Members,
 * invitations and API keys all take one of these.
 */
export type RoleRef = BuiltInRole | (string & {});

/** A role someone can be given, resolved in this tenant. */
export type ResolvedRole = Grant & { ref: RoleRef; name: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A row's role as clients see it: `role` is the reference, `roleName` what people read. */
export function roleRefOf(row: { role: TenantRole; customRoleId: string | null }): RoleRef {
  return row.role === "custom" && row.customRoleId ? row.customRoleId : row.role;
}

/** What people read for a row's role: a built-in role's name, or its custom role's (joined) name. */
export function roleNameOf(role: TenantRole, customRoleName: string | null | undefined): string {
  return isBuiltInRole(role) ? BUILT_IN_ROLE_INFO[role].name : (customRoleName ?? "Custom role");
}

/** Joins a row that may name a custom role (`tenant_id`, `custom_role_id`) to that role. */
export const customRoleJoin = (row: { tenantId: AnyPgColumn; customRoleId: AnyPgColumn }) =>
  and(eq(customRoles.tenantId, row.tenantId), eq(customRoles.id, row.customRoleId));

/** The permissions of a custom role, from its stored keys (unknown keys, from an older table, drop). */
export function permissionSet(keys: readonly string[]): ReadonlySet<Permission> {
  return new Set(keys.filter(isPermission));
}

/** Resolves a role reference in the scope's tenant; an unknown one is a BAD_REQUEST on `field`. */
export async function resolveRole(
  scope: TenantScope,
  ref: string,
  field = "role",
): Promise<ResolvedRole> {
  if (isBuiltInRole(ref)) {
    return {
      ref,
      name: BUILT_IN_ROLE_INFO[ref].name,
      role: ref,
      customRoleId: null,
      permissions: ROLE_PERMISSIONS[ref],
    };
  }
  const [row] = UUID.test(ref)
    ? await scope.tx
        .select({
          id: customRoles.id,
          name: customRoles.name,
          permissions: customRoles.permissions,
        })
        .from(customRoles)
        .where(eq(customRoles.id, ref))
    : [];
  if (!row) {
    throw new AppError(
      "BAD_REQUEST",
      `${field} must be a built-in role or one of this tenant's roles.`,
      {
        field,
      },
    );
  }
  return {
    ref: row.id,
    name: row.name,
    role: "custom",
    customRoleId: row.id,
    permissions: permissionSet(row.permissions),
  };
}

/**
 * Refuses to hand out more power than the actor holds: nobody (user or API key) can give a
 * member, an invitee, a key or a role a permission they lack themselves.
 */
export function assertNoEscalation(
  scope: TenantScope,
  wanted: Iterable<Permission>,
  field = "role",
) {
  const missing = missingPermissions(scope, wanted);
  if (missing.length > 0) {
    throw new AppError(
      "FORBIDDEN",
      `You cannot grant permissions you don't have yourself: ${missing.join(", ")}.`,
      { field },
    );
  }
}
