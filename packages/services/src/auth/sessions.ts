// Sessions: refresh-token rotation with reuse detection, listing and ending sessions.
import { hashToken } from "@supportdesk/auth-utils";
import {
  and,
  type Database,
  desc,
  type Executor,
  eq,
  isNull,
  ne,
  refreshTokens,
  sessions,
  users,
} from "@supportdesk/database";
import { type AuthDeps, type SignedIn, sessionEnded, signedInAnswer } from "./shared";

/**
 * Rotates a refresh token: the presented one is spent and a new one issued. Presenting a spent
 * token again is reuse (it was stolen, or replayed) and ends the whole session (RFC 9700); the
 * error then carries `revokedSessionId` so callers can drop cached session state.
 */
export async function refresh(deps: AuthDeps, input: { refreshToken: string }): Promise<SignedIn> {
  const outcome = await deps.db.platform.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: refreshTokens.id,
        sessionId: refreshTokens.sessionId,
        expiresAt: refreshTokens.expiresAt,
        rotatedAt: refreshTokens.rotatedAt,
        revokedAt: sessions.revokedAt,
        userId: sessions.userId,
        currentTenantId: sessions.currentTenantId,
      })
      .from(refreshTokens)
      .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
      .where(eq(refreshTokens.tokenHash, hashToken(input.refreshToken)));
    if (!row || row.revokedAt) return { error: sessionEnded() };
    // Spend the token atomically: of two concurrent uses only one finds it unspent.
    const spent = await tx
      .update(refreshTokens)
      .set({ rotatedAt: new Date() })
      .where(and(eq(refreshTokens.id, row.id), isNull(refreshTokens.rotatedAt)))
      .returning({ id: refreshTokens.id });
    if (spent.length === 0) {
      await tx
        .update(sessions)
        .set({ revokedAt: new Date() })
        .where(eq(sessions.id, row.sessionId));
      return { error: Object.assign(sessionEnded(), { revokedSessionId: row.sessionId }) };
    }
    if (row.expiresAt.getTime() <= Date.now()) return { error: sessionEnded() };
    const [user] = await tx.select().from(users).where(eq(users.id, row.userId));
    if (!user) return { error: sessionEnded() };
    await tx.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, row.sessionId));
    const signedIn = await signedInAnswer(deps, tx, user, {
      id: row.sessionId,
      parentTokenId: row.id,
      preferredTenantId: row.currentTenantId,
    });
    return { signedIn };
  });
  // The reuse revocation must commit even though the caller gets an error.
  if ("error" in outcome) throw outcome.error;
  return outcome.signedIn;
}

/** Ends one session (sign out on this device). */
export async function revokeSession(
  db: Database,
  userId: string,
  sessionId: string,
): Promise<boolean> {
  const rows = await db.platform
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

/** Ends every session of the user (optionally keeping one); returns the ended ids. */
export async function revokeAllSessions(
  db: Executor,
  userId: string,
  keepSessionId?: string,
): Promise<string[]> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        keepSessionId ? ne(sessions.id, keepSessionId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return rows.map((r) => r.id);
}

/** The user's live sessions, newest activity first, marking the current one. */
export async function listSessions(db: Database, userId: string, currentSessionId: string) {
  const rows = await db.platform
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
      lastSeenAt: sessions.lastSeenAt,
      createdAt: sessions.createdAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((r) => ({ ...r, current: r.id === currentSessionId }));
}
