// The signed-in user's own account: who they are, their name, their password.
import { hashPassword, verifyPassword } from "@supportdesk/auth-utils";
import { type Database, eq, sessions, users } from "@supportdesk/database";
import { AppError } from "../errors";
import { revokeAllSessions } from "./sessions";
import { listMemberships, sessionEnded } from "./shared";

/** The signed-in user's profile and tenants. */
export async function me(db: Database, userId: string, sessionId: string) {
  const [user] = await db.platform
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      language: users.language,
      emailVerifiedAt: users.emailVerifiedAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw sessionEnded();
  const [session] = await db.platform
    .select({ currentTenantId: sessions.currentTenantId })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
  const memberships = await listMemberships(db.platform, userId);
  return {
    user: { ...user, emailVerified: user.emailVerifiedAt !== null },
    tenants: memberships,
    currentTenantId:
      memberships.find((m) => m.id === session?.currentTenantId)?.id ?? memberships[0]?.id ?? null,
  };
}

/** Changes what the user is called (their display name across every tenant). */
export async function updateProfile(
  db: Database,
  userId: string,
  input: { name: string },
): Promise<{ id: string; email: string; name: string }> {
  const [user] = await db.platform
    .update(users)
    .set({ name: input.name })
    .where(eq(users.id, userId))
    .returning({ id: users.id, email: users.email, name: users.name });
  if (!user) throw sessionEnded();
  return user;
}

/**
 * Changes the password after checking the current one; other sessions end, this one stays.
 * Returns the ended session ids.
 */
export async function changePassword(
  db: Database,
  userId: string,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<string[]> {
  const [user] = await db.platform.select().from(users).where(eq(users.id, userId));
  if (!user) throw sessionEnded();
  const check = await verifyPassword(input.currentPassword, user.passwordHash);
  if (!check.ok) {
    throw new AppError("BAD_REQUEST", "The current password is incorrect.", {
      field: "currentPassword",
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.platform.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    return revokeAllSessions(tx, userId, sessionId);
  });
}
