// Membership rules: roles, removal, leaving and ownership transfer. A tenant always keeps an owner.
import { and, eq, sql, type TenantRole, users, userTenantRoles } from "@supportdesk/database";
import { audit } from "./audit";
import { roleAtLeast, type TenantScope } from "./context";
import { AppError, notFound } from "./errors";

/** The tenant's members with their roles (explicit columns: no secrets). */
export async function listMembers(scope: TenantScope) {
  return scope.tx
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: userTenantRoles.role,
      joinedAt: userTenantRoles.createdAt,
    })
    .from(userTenantRoles)
    .innerJoin(users, eq(users.id, userTenantRoles.userId))
    .where(eq(userTenantRoles.tenantId, scope.tenantId))
    .orderBy(users.name);
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

async function roleOf(scope: TenantScope, userId: string): Promise<TenantRole | undefined> {
  const [row] = await scope.tx
    .select({ role: userTenantRoles.role })
    .from(userTenantRoles)
    .where(and(eq(userTenantRoles.tenantId, scope.tenantId), eq(userTenantRoles.userId, userId)));
  return row?.role;
}

async function ownerCount(scope: TenantScope): Promise<number> {
  const owners = await scope.tx
    .select({ userId: userTenantRoles.userId })
    .from(userTenantRoles)
    .where(and(eq(userTenantRoles.tenantId, scope.tenantId), eq(userTenantRoles.role, "owner")));
  return owners.length;
}

/** Only owners may touch owners or make owners. */
function assertMayManage(scope: TenantScope, targetRole: TenantRole, newRole?: TenantRole) {
  if ((targetRole === "owner" || newRole === "owner") && scope.role !== "owner") {
    throw new AppError("FORBIDDEN", "Only an owner can change an owner or make someone owner.", {
      field: "role",
    });
  }
}

/** Changes a member's role. Returns the member's user id (so the caller invalidates caches). */
export async function updateMemberRole(
  scope: TenantScope,
  input: { userId: string; role: TenantRole },
) {
  await lockMembership(scope);
  const current = await roleOf(scope, input.userId);
  if (!current) throw notFound("Member");
  assertMayManage(scope, current, input.role);
  if (current === "owner" && input.role !== "owner" && (await ownerCount(scope)) <= 1) {
    throw new AppError(
      "PRECONDITION_FAILED",
      "A tenant needs an owner: make someone else owner first.",
      {
        field: "role",
      },
    );
  }
  await scope.tx
    .update(userTenantRoles)
    .set({ role: input.role })
    .where(
      and(eq(userTenantRoles.tenantId, scope.tenantId), eq(userTenantRoles.userId, input.userId)),
    );
  await audit(
    scope,
    "member.update_role",
    { type: "user", id: input.userId },
    {
      from: current,
      to: input.role,
    },
  );
}

/** Removes someone else from the tenant. */
export async function removeMember(scope: TenantScope, input: { userId: string }) {
  if (input.userId === scope.actor.userId) {
    throw new AppError("BAD_REQUEST", "To remove yourself, leave the tenant instead.", {
      field: "userId",
    });
  }
  await lockMembership(scope);
  const current = await roleOf(scope, input.userId);
  if (!current) throw notFound("Member");
  assertMayManage(scope, current);
  if (current === "owner" && (await ownerCount(scope)) <= 1) {
    throw new AppError("PRECONDITION_FAILED", "The last owner cannot be removed.", {
      field: "userId",
    });
  }
  await scope.tx
    .delete(userTenantRoles)
    .where(
      and(eq(userTenantRoles.tenantId, scope.tenantId), eq(userTenantRoles.userId, input.userId)),
    );
  await audit(scope, "member.remove", { type: "user", id: input.userId }, { role: current });
}

/** The signed-in user leaves the tenant; the last owner must transfer ownership first. */
export async function leaveTenant(scope: TenantScope & { actor: { userId: string } }) {
  const userId = scope.actor.userId;
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
export async function transferOwnership(
  scope: TenantScope & { actor: { userId: string } },
  input: { userId: string },
) {
  if (input.userId === scope.actor.userId) {
    throw new AppError("BAD_REQUEST", "You already own this tenant.", { field: "userId" });
  }
  await lockMembership(scope);
  const target = await roleOf(scope, input.userId);
  if (!target) throw notFound("Member");
  await scope.tx
    .update(userTenantRoles)
    .set({ role: "owner" })
    .where(
      and(eq(userTenantRoles.tenantId, scope.tenantId), eq(userTenantRoles.userId, input.userId)),
    );
  await scope.tx
    .update(userTenantRoles)
    .set({ role: "admin" })
    .where(
      and(
        eq(userTenantRoles.tenantId, scope.tenantId),
        eq(userTenantRoles.userId, scope.actor.userId),
      ),
    );
  await audit(
    scope,
    "tenant.transfer_ownership",
    { type: "user", id: input.userId },
    { from: scope.actor.userId },
  );
}

/** Whether `userId` may be assigned tickets here (a member with role member or above). */
export async function isAssignable(scope: TenantScope, userId: string): Promise<boolean> {
  const [row] = await scope.tx
    .select({ role: userTenantRoles.role })
    .from(userTenantRoles)
    .where(and(eq(userTenantRoles.tenantId, scope.tenantId), eq(userTenantRoles.userId, userId)));
  return row !== undefined && roleAtLeast(row.role, "member");
}
