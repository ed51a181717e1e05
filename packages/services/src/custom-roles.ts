// Custom roles: a tenant's own named sets of permissions — listed beside the built-in ones,
// created, edited and deleted (never while someone holds them).
import {
  and,
  apiKeys,
  customRoles,
  eq,
  invitations,
  isNull,
  sql,
  userTenantRoles,
} from "@supportdesk/database";
import {
  BUILT_IN_ROLE_INFO,
  BUILT_IN_ROLES,
  GRANTABLE_PERMISSIONS,
  isBuiltInRole,
  isPermission,
  PERMISSION_KEYS,
  type Permission,
  ROLE_PERMISSIONS,
} from "@supportdesk/domain";
import { audit } from "./audit";
import { authorize, type TenantScope } from "./context";
import { AppError, notFound } from "./errors";
import { assertNoEscalation, type RoleRef } from "./roles";

/** The built-in roles and the tenant's custom roles, each with its permissions and holders. */
export async function listRoles(scope: TenantScope) {
  authorize(scope, "member.read");
  const [custom, holders] = await Promise.all([
    scope.tx
      .select({
        id: customRoles.id,
        name: customRoles.name,
        description: customRoles.description,
        permissions: customRoles.permissions,
        createdAt: customRoles.createdAt,
        updatedAt: customRoles.updatedAt,
      })
      .from(customRoles)
      .orderBy(customRoles.name),
    scope.tx
      .select({
        ref: sql<string>`coalesce(${userTenantRoles.customRoleId}::text, ${userTenantRoles.role}::text)`,
        count: sql<number>`count(*)::int`,
      })
      .from(userTenantRoles)
      .where(eq(userTenantRoles.tenantId, scope.tenantId))
      .groupBy(sql`1`),
  ]);
  const memberCount = new Map(holders.map((h) => [h.ref, h.count]));
  return [
    ...BUILT_IN_ROLES.map((role) => ({
      id: role as RoleRef,
      builtIn: true,
      name: BUILT_IN_ROLE_INFO[role].name,
      description: BUILT_IN_ROLE_INFO[role].description,
      permissions: PERMISSION_KEYS.filter((p) => ROLE_PERMISSIONS[role].has(p)),
      memberCount: memberCount.get(role) ?? 0,
    })),
    ...custom.map((row) => ({
      id: row.id as RoleRef,
      builtIn: false,
      name: row.name,
      description: row.description,
      permissions: PERMISSION_KEYS.filter((p) => row.permissions.includes(p)),
      memberCount: memberCount.get(row.id) ?? 0,
    })),
  ];
}

export type RoleInput = { name: string; description?: string | undefined; permissions: string[] };

/** Checks a role's permission keys: known, grantable to a custom role, and held by the actor. */
function checkPermissions(scope: TenantScope, keys: string[]): Permission[] {
  const unknown = keys.filter((k) => !isPermission(k));
  if (unknown.length > 0) {
    throw new AppError("BAD_REQUEST", `permissions has unknown entries: ${unknown.join(", ")}.`, {
      field: "permissions",
    });
  }
  const wanted = [...new Set(keys as Permission[])];
  const ownerOnly = wanted.filter((p) => !GRANTABLE_PERMISSIONS.includes(p));
  if (ownerOnly.length > 0) {
    throw new AppError(
      "BAD_REQUEST",
      `Only the owner role can hold ${ownerOnly.join(" and ")}; a custom role cannot.`,
      { field: "permissions" },
    );
  }
  assertNoEscalation(scope, wanted, "permissions");
  return PERMISSION_KEYS.filter((p) => wanted.includes(p));
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (isBuiltInRole(trimmed.toLowerCase())) {
    throw new AppError("CONFLICT", `"${trimmed}" is a built-in role's name; choose another.`, {
      field: "name",
    });
  }
  return trimmed;
}

/** Maps the unique-name violation to a CONFLICT on `name`. */
function nameTaken(error: unknown): never {
  const code =
    (error as { code?: string; cause?: { code?: string } }).cause?.code ??
    (error as { code?: string }).code;
  if (code === "23505") {
    throw new AppError("CONFLICT", "A role with that name already exists.", { field: "name" });
  }
  throw error;
}

/** Creates a custom role (permission `role.manage`). */
export async function createRole(scope: TenantScope, input: RoleInput) {
  authorize(scope, "role.manage");
  const permissions = checkPermissions(scope, input.permissions);
  const [row] = await scope.tx
    .insert(customRoles)
    .values({
      name: checkName(input.name),
      description: input.description?.trim() ?? "",
      permissions,
    })
    .returning()
    .catch(nameTaken);
  if (!row) throw new Error("role insert returned nothing");
  await audit(scope, "role.create", { type: "role", id: row.id }, { name: row.name, permissions });
  return { id: row.id, name: row.name, description: row.description, permissions };
}

/** Edits a custom role; holders get the new permissions on their next request. */
export async function updateRole(scope: TenantScope, input: Partial<RoleInput> & { id: string }) {
  authorize(scope, "role.manage");
  const permissions = input.permissions ? checkPermissions(scope, input.permissions) : undefined;
  const [row] = await scope.tx
    .update(customRoles)
    .set({
      ...(input.name !== undefined ? { name: checkName(input.name) } : {}),
      ...(input.description !== undefined ? { description: input.description.trim() } : {}),
      ...(permissions ? { permissions } : {}),
      updatedAt: new Date(),
    })
    .where(eq(customRoles.id, input.id))
    .returning()
    .catch(nameTaken);
  if (!row) throw notFound("Role");
  await audit(
    scope,
    "role.update",
    { type: "role", id: row.id },
    {
      fields: Object.keys(input).filter((k) => k !== "id"),
      ...(permissions ? { permissions } : {}),
    },
  );
  return { id: row.id, name: row.name, description: row.description, permissions: row.permissions };
}

/**
 * Deletes a custom role nobody holds. Members, live API keys and pending invitations must be
 * given another role first; revoked keys and spent invitations that named it fall back to viewer.
 */
export async function deleteRole(scope: TenantScope, input: { id: string }) {
  authorize(scope, "role.manage");
  const [role] = await scope.tx
    .select({ id: customRoles.id, name: customRoles.name })
    .from(customRoles)
    .where(eq(customRoles.id, input.id))
    .for("update");
  if (!role) throw notFound("Role");
  const [members, keys, invites] = await Promise.all([
    scope.tx
      .select({ n: sql<number>`count(*)::int` })
      .from(userTenantRoles)
      .where(
        and(
          eq(userTenantRoles.tenantId, scope.tenantId),
          eq(userTenantRoles.customRoleId, role.id),
        ),
      ),
    scope.tx
      .select({ n: sql<number>`count(*)::int` })
      .from(apiKeys)
      .where(
        and(
          eq(apiKeys.tenantId, scope.tenantId),
          eq(apiKeys.customRoleId, role.id),
          isNull(apiKeys.revokedAt),
        ),
      ),
    scope.tx
      .select({ n: sql<number>`count(*)::int` })
      .from(invitations)
      .where(
        and(
          eq(invitations.tenantId, scope.tenantId),
          eq(invitations.customRoleId, role.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          sql`${invitations.expiresAt} > now()`,
        ),
      ),
  ]);
  const inUse = [
    [members[0]?.n ?? 0, "member", "members"],
    [keys[0]?.n ?? 0, "API key", "API keys"],
    [invites[0]?.n ?? 0, "pending invitation", "pending invitations"],
  ] as const;
  const holders = inUse
    .filter(([n]) => n > 0)
    .map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  if (holders.length > 0) {
    throw new AppError(
      "PRECONDITION_FAILED",
      `"${role.name}" is still held by ${holders.join(", ")}: give them another role first.`,
      { field: "id" },
    );
  }
  const fallback = { role: "viewer" as const, customRoleId: null };
  await scope.tx
    .update(apiKeys)
    .set(fallback)
    .where(and(eq(apiKeys.tenantId, scope.tenantId), eq(apiKeys.customRoleId, role.id)));
  await scope.tx
    .update(invitations)
    .set(fallback)
    .where(and(eq(invitations.tenantId, scope.tenantId), eq(invitations.customRoleId, role.id)));
  await scope.tx.delete(customRoles).where(eq(customRoles.id, role.id));
  await audit(scope, "role.delete", { type: "role", id: role.id }, { name: role.name });
}
