// Password reset: request a link (same answer for any address), check it, spend it.
import { hashPassword, hashToken } from "@supportdesk/auth-utils";
import { and, type Database, eq, gt, isNull, sql, users, userTokens } from "@supportdesk/database";
import { enqueue, passwordResetJob } from "@supportdesk/queue";
import { revokeAllSessions } from "./sessions";
import { findUserByEmail, issueUserToken, RESET_PASSWORD_TTL_MS, spendUserToken } from "./shared";

/**
 * Whether a password-reset link still works (unused, unexpired), without spending it: the reset
 * page asks before showing its form. Says nothing about whose it is.
 */
export async function checkResetToken(
  db: Database,
  input: { token: string },
): Promise<{ valid: boolean }> {
  const [row] = await db.platform
    .select({ id: userTokens.id })
    .from(userTokens)
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(input.token)),
        eq(userTokens.purpose, "reset_password"),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return { valid: row !== undefined };
}

/**
 * Sends a reset link when the email is registered. The answer (and timing, roughly) is the same
 * either way, so the form cannot be used to learn who has an account.
 */
export async function requestPasswordReset(db: Database, input: { email: string }): Promise<void> {
  await db.platform.transaction(async (tx) => {
    const user = await findUserByEmail(tx, input.email.trim());
    if (!user) return;
    const token = await issueUserToken(tx, user.id, "reset_password", RESET_PASSWORD_TTL_MS);
    await enqueue(tx, passwordResetJob, {
      userId: user.id,
      email: user.email,
      name: user.name,
      token,
    });
  });
}

/**
 * Sets a new password from a reset link and ends every session. The link came by email, so the
 * address counts as verified too. Returns the ended session ids.
 */
export async function resetPassword(
  db: Database,
  input: { token: string; password: string },
): Promise<string[]> {
  const passwordHash = await hashPassword(input.password);
  return db.platform.transaction(async (tx) => {
    const userId = await spendUserToken(tx, input.token, "reset_password");
    await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(eq(users.id, userId));
    return revokeAllSessions(tx, userId);
  });
}
