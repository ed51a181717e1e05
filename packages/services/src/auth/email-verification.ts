// Email verification: the emailed link proves the address and signs its owner in.
import { type Database, eq, sql, users } from "@supportdesk/database";
import { enqueue, verifyEmailJob } from "@supportdesk/queue";
import type { Actor } from "../context";
import {
  type AuthDeps,
  issueUserToken,
  openSession,
  type SignedIn,
  sessionEnded,
  spendUserToken,
  VERIFY_EMAIL_TTL_MS,
} from "./shared";

/**
 * Spends a verification link: marks the address verified and signs the user in (a new session,
 * as `login` gives), which is how a sign-up ends: register → email → link → in the app. The
 * link works once; an already verified address keeps its first verification time.
 *
 * @throws AppError BAD_REQUEST (field token) when the link is unknown, used or expired.
 */
export async function verifyEmail(
  deps: AuthDeps,
  input: { token: string },
  actor: Actor,
): Promise<SignedIn> {
  return deps.db.platform.transaction(async (tx) => {
    const userId = await spendUserToken(tx, input.token, "verify_email");
    const [user] = await tx
      .update(users)
      .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(eq(users.id, userId))
      .returning();
    if (!user) throw sessionEnded();
    return openSession(deps, tx, user, actor);
  });
}

/** Sends (through the outbox) a new verification email to a signed-in, unverified user. */
export async function requestEmailVerification(db: Database, userId: string): Promise<void> {
  await db.platform.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId));
    if (!user || user.emailVerifiedAt) return;
    const token = await issueUserToken(tx, user.id, "verify_email", VERIFY_EMAIL_TTL_MS);
    await enqueue(tx, verifyEmailJob, {
      userId: user.id,
      email: user.email,
      name: user.name,
      token,
    });
  });
}
