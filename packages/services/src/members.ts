// Membership rules: roles, removal, leaving and ownership transfer. A tenant always keeps an owner.
import {
  and,
  customRoles,
  eq,
  sql,
  type TenantDb,
  type TenantRole,
  users,
  userTenantRoles,
} from "@supportdesk/database";
import { isBuiltInRole, missingPermissions, ROLE_PERMISSIONS } from "@supportdesk/domain";
import { audit } from "./audit";
import { authorize, signedInUser, type TenantScope } from "./context";
import { AppError, notFound } from "./errors";
import {
  assertNoEscalation,
  customRoleJoin,
  permissionSet,
  resolveRole,
  roleNameOf,
  roleRefOf,
} from "./roles";

/** The tenant's members with their roles (explicit columns: no secrets). */
export async function listMembers(scope: TenantScope) {
  authorize(scope, "member.read");
  const rows = await scope.tx
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: userTenantRoles.role,
      customRoleId: userTenantRoles.customRoleId,
      customRoleName: customRoles.name,
      joinedAt: userTenantRoles.createdAt,
    })
    .from(userTenantRoles)
    .innerJoin(users, eq(users.id, userTenantRoles.userId))
    .leftJoin(customRoles, customRoleJoin(userTenantRoles))
    .where(eq(userTenantRoles.tenantId, scope.tenantId))
    .orderBy(users.name);
  return rows.map(({ customRoleName, customRoleId, ...row }) => ({
    ...row,
    /** The role as clients name it: a built-in role's name, or a custom role's id. */
    role: roleRefOf({ role: row.role, customRoleId }),
    roleName: roleNameOf(row.role, customRoleName),
  }));
}

/**
 * Serialises membership changes within a tenant for the rest of the transaction, so two
 * concurrent demotions cannot both pass the "another owner remains" check (and row locks taken
 * in different orders cannot deadlock).
 */
async function lockMembership(scope: TenantScope): Promise<void> {
  await scope.tx.execute(
    sql`select pg_advisory_xact_lock(hashtext('members:' || ${scope.tenantId}))`,
  );
}

type Membership = { role: TenantRole; customRoleId: string | null };

async function membershipOf(scope: TenantScope, userId: string): Promise<Membership | undefined> {
  const [row] = await scope.tx
    .select({ role: userTenantRoles.role, customRoleId: userTenantRoles.customRoleId })
    .from(userTenantRoles)
    .where(and(eq(userTenantRoles.tenantId, scope.tenantId), eq(userTenantRoles.userId, userId)));
  return row;
}

async function ownerCount(scope: TenantScope): Promise<number> {
  const owners = await scope.tx
    .select({ userId: userTenantRoles.userId })
    .from(userTenantRoles)
    .where(and(eq(userTenantRoles.tenantId, scope.tenantId), eq(userTenantRoles.role, "owner")));
  return owners.length;
}

/**
 * Only owners may touch owners or make owners, and nobody changes or removes a member who holds
 * a permission they lack themselves (a custom "people manager" cannot demote an admin).
 */
async function assertMayManage(
  scope: TenantScope,
  target: Membership,
  newRole?: TenantRole,
): Promise<void> {
  if ((target.role === "owner" || newRole === "owner") && scope.role !== "owner") {
    throw new AppError("FORBIDDEN", "Only an owner can change an owner or make someone owner.", {
      field: "role",
    });
  }
  const current = await resolveRole(scope, roleRefOf(target));
  const beyond = missingPermissions(scope, current.permissions);
  if (beyond.length > 0) {
    throw new AppError(
      "FORBIDDEN",
      `This member holds permissions you don't (${beyond.join(", ")}): someone with at least their powers must do this.`,
      { field: "userId" },
    );
  }
}

/**
 * Changes a member's role to a built-in role or one of the tenant's custom roles; nobody can
 * give more power than they hold. The caller drops the member's cached role afterwards.
 */
export async function updateMemberRole(
  scope: TenantScope,
  input: { userId: string; role: string },
) {
  authorize(scope, "member.role.change");
  const next = await resolveRole(scope, input.role);
  assertNoEscalation(scope, next.permissions);
  await lockMembership(scope);
  const current = await membershipOf(scope, input.userId);
  if (!current) throw notFound("Member");
  await assertMayManage(scope, current, next.role);
  if (current.role === "owner" && next.role !== "owner" && (await ownerCount(scope)) <= 1) {
    throw new AppError(
      "PRECONDITION_FAILED",
      "A tenant needs an owner: make someone else owner first.",
      { field: "role" },
    );
  }
  await scope.tx
    .update(userTenantRoles)
    .set({ role: next.role, customRoleId: next.customRoleId, updatedAt: new Date() })
    .where(
      and(eq(userTenantRoles.tenantId, scope.tenantId), eq(userTenantRoles.userId, input.userId)),
    );
  await audit(
    scope,
    "member.update_role",
    { type: "user", id: input.userId },
    { from: roleRefOf(current), to: next.ref },
  );
}

/** Removes someone else from the tenant. */
export async function removeMember(scope: TenantScope, input: { userId: string }) {
  authorize(scope, "member.remove");
  if (input.userId === scope.actor.userId) {
    throw new AppError("BAD_REQUEST", "To remove yourself, leave the tenant instead.", {
      field: "userId",
    });
  }
  await lockMembership(scope);
  const current = await membershipOf(scope, input.userId);
  if (!current) throw notFound("Member");
  await assertMayManage(scope, current);
  if (current.role === "owner" && (await ownerCount(scope)) <= 1) {
    throw new AppError("PRECONDITION_FAILED", "The last owner cannot be removed.", {
      field: "userId",
    });
  }
  await scope.tx
    .delete(userTenantRoles)
    .where(
      and(eq(userTenantRoles.tenantId, scope.tenantId), eq(userTenantRoles.userId, input.userId)),
    );
  await audit(
    scope,
    "member.remove",
    { type: "user", id: input.userId },
    {
      role: roleRefOf(current),
    },
  );
}

/** The signed-in user leaves the tenant; the last owner must transfer ownership first. */
export async function leaveTenant(scope: TenantScope) {
  const userId = signedInUser(scope);
  await lockMembership(scope);
  if (scope.role === "owner" && (await ownerCount(scope)) <= 1) {
    throw new AppError(
      "PRECONDITION_FAILED",
      "You are the last owner: transfer ownership to another member before leaving.",
    );
  }
  await scope.tx
    .delete(userTenantRoles)
    .where(and(eq(userTenantRoles.tenantId, scope.tenantId), eq(userTenantRoles.userId, userId)));
  await audit(scope, "member.leave", { type: "user", id: userId });
}

/** Makes another member owner; the current owner becomes admin. */
export async function transferOwnership(scope: TenantScope, input: { userId: string }) {
  authorize(scope, "tenant.transfer");
  const userId = signedInUser(scope);
  if (input.userId === userId) {
    throw new AppError("BAD_REQUEST", "You already own this tenant.", { field: "userId" });
  }
  await lockMembership(scope);
  const target = await membershipOf(scope, input.userId);
  if (!target) throw notFound("Member");
  await scope.tx
    .update(userTenantRoles)
    .set({ role: "owner", customRoleId: null, updatedAt: new Date() })
    .where(
      and(eq(userTenantRoles.tenantId, scope.tenantId), eq(userTenantRoles.userId, input.userId)),
    );
  await scope.tx
    .update(userTenantRoles)
    .set({ role: "admin", customRoleId: null, updatedAt: new Date() })
    .where(and(eq(userTenantRoles.tenantId, scope.tenantId), eq(userTenantRoles.userId, userId)));
  await audit(
    scope,
    "tenant.transfer_ownership",
    { type: "user", id: input.userId },
    { from: userId },
  );
}

/**
 * The members who work tickets — whose role (built-in or custom) may reply to customers: who can
 * be assigned a ticket, and who is told about new ones. Viewers and read-only roles are not.
 */
export async function ticketWorkers(
  tx: TenantDb,
  tenantId: string,
  onlyUserId?: string,
): Promise<string[]> {
  const rows = await tx
    .select({
      userId: userTenantRoles.userId,
      role: userTenantRoles.role,
      permissions: customRoles.permissions,
    })
    .from(userTenantRoles)
    .leftJoin(customRoles, customRoleJoin(userTenantRoles))
    .where(
      and(
        eq(userTenantRoles.tenantId, tenantId),
        onlyUserId ? eq(userTenantRoles.userId, onlyUserId) : undefined,
      ),
    );
  return rows
    .filter((row) =>
      (isBuiltInRole(row.role)
        ? ROLE_PERMISSIONS[row.role]
        : permissionSet(row.permissions ?? [])
      ).has("ticket.reply"),
    )
    .map((row) => row.userId);
}

/** Whether `userId` may be assigned tickets here (see `ticketWorkers`). */
export async function isAssignable(
  scope: Pick<TenantScope, "tx" | "tenantId">,
  userId: string,
): Promise<boolean> {
  return (await ticketWorkers(scope.tx, scope.tenantId, userId)).length > 0;
}
