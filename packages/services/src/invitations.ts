// Invitations: admins invite by email with a role; the invitee accepts with a verified email.
import { generateOpaqueToken, hashToken } from "@supportdesk/auth-utils";
import {
  and,
  customRoles,
  type Database,
  desc,
  eq,
  invitations,
  isNull,
  sql,
  tenants,
  users,
  userTenantRoles,
} from "@supportdesk/database";
import { BUILT_IN_ROLE_INFO, isBuiltInRole } from "@supportdesk/domain";
import { enqueue, invitationJob } from "@supportdesk/queue";
import { audit } from "./audit";
import { type Actor, authorize, type TenantScope } from "./context";
import { AppError, notFound } from "./errors";
import { assertNoEscalation, resolveRole, roleNameOf, roleRefOf } from "./roles";

const INVITATION_TTL_MS = 7 * 86_400_000;

type InvitationRow = typeof invitations.$inferSelect;

/** pending | accepted | revoked | expired, derived from the row. */
export function invitationStatus(
  row: Pick<InvitationRow, "acceptedAt" | "revokedAt" | "expiresAt">,
) {
  if (row.acceptedAt) return "accepted" as const;
  if (row.revokedAt) return "revoked" as const;
  if (row.expiresAt.getTime() <= Date.now()) return "expired" as const;
  return "pending" as const;
}

function present(row: InvitationRow, customRoleName?: string | null) {
  return {
    id: row.id,
    email: row.email,
    role: roleRefOf(row),
    roleName: roleNameOf(row.role, customRoleName),
    status: invitationStatus(row),
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  };
}

async function inviterName(scope: TenantScope): Promise<string> {
  if (!scope.actor.userId) return "Your team";
  const [user] = await scope.tx
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, scope.actor.userId));
  return user?.name ?? "Your team";
}

async function sendInvitation(scope: TenantScope, row: InvitationRow, token: string) {
  await enqueue(scope.tx, invitationJob, {
    tenantId: scope.tenantId,
    invitationId: row.id,
    email: row.email,
    token,
    role: isBuiltInRole(row.role)
      ? row.role
      : ((await customRoleNames(scope)).get(row.customRoleId ?? "") ?? "member"),
    inviterName: await inviterName(scope),
  });
}

/**
 * Invites `email` with a role (built-in or custom) for 7 days; the token goes out in an email
 * recorded in the outbox. Only owners invite owners; nobody invites with more power than theirs.
 */
export async function createInvitation(scope: TenantScope, input: { email: string; role: string }) {
  authorize(scope, "member.invite");
  if (input.role === "owner" && scope.role !== "owner") {
    throw new AppError("FORBIDDEN", "Only an owner can invite an owner.", { field: "role" });
  }
  const role = await resolveRole(scope, input.role);
  assertNoEscalation(scope, role.permissions);
  const email = input.email.trim();
  const [member] = await scope.tx
    .select({ userId: users.id })
    .from(userTenantRoles)
    .innerJoin(users, eq(users.id, userTenantRoles.userId))
    .where(
      and(
        eq(userTenantRoles.tenantId, scope.tenantId),
        eq(sql`lower(${users.email})`, email.toLowerCase()),
      ),
    );
  if (member)
    throw new AppError("CONFLICT", "That person is already a member.", { field: "email" });
  const pending = (await listInvitationRows(scope)).find(
    (r) => r.email.toLowerCase() === email.toLowerCase() && invitationStatus(r) === "pending",
  );
  if (pending) {
    throw new AppError(
      "CONFLICT",
      "That email already has a pending invitation; resend it instead.",
      {
        field: "email",
      },
    );
  }
  const token = generateOpaqueToken();
  const [row] = await scope.tx
    .insert(invitations)
    .values({
      tenantId: scope.tenantId,
      email,
      role: role.role,
      customRoleId: role.customRoleId,
      tokenHash: hashToken(token),
      invitedBy: scope.actor.userId,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    })
    .returning();
  if (!row) throw new Error("invitation insert returned nothing");
  await sendInvitation(scope, row, token);
  await audit(scope, "invitation.create", { type: "invitation", id: row.id }, { role: role.ref });
  return present(row, role.name);
}

function listInvitationRows(scope: TenantScope) {
  return scope.tx
    .select()
    .from(invitations)
    .where(eq(invitations.tenantId, scope.tenantId))
    .orderBy(desc(invitations.createdAt));
}

/** The tenant's custom roles' names by id (for presenting invitations). */
async function customRoleNames(scope: TenantScope): Promise<Map<string, string>> {
  const rows = await scope.tx
    .select({ id: customRoles.id, name: customRoles.name })
    .from(customRoles);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The tenant's invitations, newest first, with their status. */
export async function listInvitations(scope: TenantScope) {
  authorize(scope, "member.invite");
  const [rows, names] = await Promise.all([listInvitationRows(scope), customRoleNames(scope)]);
  return rows.map((row) => present(row, row.customRoleId ? names.get(row.customRoleId) : null));
}

async function findInvitation(scope: TenantScope, id: string) {
  const [row] = await scope.tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.tenantId, scope.tenantId), eq(invitations.id, id)));
  if (!row) throw notFound("Invitation");
  return row;
}

/** Revokes a pending invitation; its link stops working. */
export async function revokeInvitation(scope: TenantScope, input: { id: string }) {
  authorize(scope, "member.invite");
  const row = await findInvitation(scope, input.id);
  if (invitationStatus(row) === "accepted") {
    throw new AppError("PRECONDITION_FAILED", "This invitation was already accepted.");
  }
  await scope.tx
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(eq(invitations.id, row.id));
  await audit(scope, "invitation.revoke", { type: "invitation", id: row.id });
}

/** Sends a pending (or expired) invitation again with a new link and a new 7-day expiry. */
export async function resendInvitation(scope: TenantScope, input: { id: string }) {
  authorize(scope, "member.invite");
  const row = await findInvitation(scope, input.id);
  const status = invitationStatus(row);
  if (status === "accepted" || status === "revoked") {
    throw new AppError("PRECONDITION_FAILED", `This invitation was ${status}; create a new one.`);
  }
  const token = generateOpaqueToken();
  const [updated] = await scope.tx
    .update(invitations)
    .set({ tokenHash: hashToken(token), expiresAt: new Date(Date.now() + INVITATION_TTL_MS) })
    .where(eq(invitations.id, row.id))
    .returning();
  if (!updated) throw notFound("Invitation");
  await sendInvitation(scope, updated, token);
  await audit(scope, "invitation.resend", { type: "invitation", id: row.id });
  const names = updated.customRoleId ? await customRoleNames(scope) : undefined;
  return present(updated, updated.customRoleId ? names?.get(updated.customRoleId) : null);
}

async function findByToken(db: Database, token: string) {
  const [row] = await db.platform
    .select({
      invitation: invitations,
      tenantName: tenants.name,
      tenantSlug: tenants.slug,
      tenantStatus: tenants.status,
      inviterName: users.name,
    })
    .from(invitations)
    .innerJoin(tenants, eq(tenants.id, invitations.tenantId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, hashToken(token)));
  return row && row.tenantStatus !== "suspended" ? row : undefined;
}

/** What an invitation link shows before signing in: who invites you where, with which role. */
export async function previewInvitation(db: Database, input: { token: string }) {
  const row = await findByToken(db, input.token);
  if (!row) throw notFound("Invitation");
  const { role: builtIn, customRoleId, tenantId } = row.invitation;
  const roleName = isBuiltInRole(builtIn)
    ? BUILT_IN_ROLE_INFO[builtIn].name
    : await db.withTenant(tenantId, async (tx) => {
        const [custom] = await tx
          .select({ name: customRoles.name })
          .from(customRoles)
          .where(eq(customRoles.id, customRoleId ?? tenantId));
        return custom?.name ?? "Custom role";
      });
  return {
    tenantName: row.tenantName,
    tenantSlug: row.tenantSlug,
    inviterName: row.inviterName ?? "Someone",
    role: roleRefOf(row.invitation),
    roleName,
    email: row.invitation.email,
    status: invitationStatus(row.invitation),
  };
}

/**
 * Joins the tenant as the invited role. The signed-in user's email must be verified and be the
 * invited one; the invitation must be pending.
 */
export async function acceptInvitation(
  db: Database,
  actor: Actor & { userId: string },
  input: { token: string },
) {
  const row = await findByToken(db, input.token);
  if (!row) throw notFound("Invitation");
  const status = invitationStatus(row.invitation);
  if (status !== "pending") {
    throw new AppError("PRECONDITION_FAILED", `This invitation is ${status}; ask for a new one.`, {
      field: "token",
    });
  }
  const [user] = await db.platform.select().from(users).where(eq(users.id, actor.userId));
  if (!user?.emailVerifiedAt) {
    throw new AppError("PRECONDITION_FAILED", "Verify your email address before accepting.");
  }
  if (user.email.toLowerCase() !== row.invitation.email.toLowerCase()) {
    throw new AppError(
      "FORBIDDEN",
      "This invitation was sent to another email address; sign in with that address.",
    );
  }
  const tenantId = row.invitation.tenantId;
  return db.withTenant(tenantId, async (tx) => {
    const accepted = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.id, row.invitation.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (accepted.length === 0) {
      throw new AppError("PRECONDITION_FAILED", "This invitation was already accepted.");
    }
    const joined = await tx
      .insert(userTenantRoles)
      .values({
        userId: actor.userId,
        tenantId,
        role: row.invitation.role,
        customRoleId: row.invitation.customRoleId,
      })
      .onConflictDoNothing()
      .returning({ role: userTenantRoles.role });
    if (joined.length === 0)
      throw new AppError("CONFLICT", "You are already a member of this tenant.");
    await audit({ tx, actor }, "invitation.accept", {
      type: "invitation",
      id: row.invitation.id,
    });
    return {
      id: tenantId,
      name: row.tenantName,
      slug: row.tenantSlug,
      role: roleRefOf(row.invitation),
    };
  });
}
