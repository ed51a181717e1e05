// Accounts and sessions: register, sign in, rotate refresh tokens, verify email, reset passwords.
import {
  dummyPasswordHash,
  generateOpaqueToken,
  hashPassword,
  hashToken,
  type TokenService,
  verifyPassword,
} from "@supportdesk/auth-utils";
import {
  and,
  bindTenant,
  createTenant,
  type Database,
  desc,
  type Executor,
  eq,
  gt,
  isNull,
  ne,
  refreshTokens,
  sessions,
  sql,
  tenants,
  users,
  userTenantRoles,
  userTokens,
} from "@supportdesk/database";
import { enqueue, passwordResetJob, verifyEmailJob } from "@supportdesk/queue";
import { audit } from "./audit";
import type { Actor } from "./context";
import { AppError } from "./errors";
import { uniqueSlugFor } from "./slugs";

export type AuthDeps = {
  db: Database;
  tokens: TokenService;
  /** A refresh token unused for this long expires. */
  refreshIdleDays: number;
};

/** A tenant as its members see it in lists and switchers. */
export type TenantMembership = { id: string; name: string; slug: string; role: string };

/** What signing in (or registering, or refreshing) gives a client. */
export type SignedIn = {
  accessToken: string;
  accessTokenExpiresAt: string;
  /** The web client receives this as an httpOnly cookie; API clients keep it. */
  refreshToken: string;
  user: { id: string; email: string; name: string; emailVerified: boolean };
  tenants: TenantMembership[];
  /** The tenant to open first: the session's remembered one, else the first membership. */
  defaultTenantId: string | null;
};

const DAY_MS = 86_400_000;
const VERIFY_EMAIL_TTL_MS = 2 * DAY_MS;
const RESET_PASSWORD_TTL_MS = 60 * 60_000;
const invalidCredentials = () =>
  new AppError("UNAUTHENTICATED", "Email or password is incorrect.", { field: "password" });
const sessionEnded = () =>
  new AppError("UNAUTHENTICATED", "Your session has ended; sign in again.");

/** The user's tenants with their role, by name. */
export async function listMemberships(db: Executor, userId: string): Promise<TenantMembership[]> {
  return db
    .select({ id: tenants.id, name: tenants.name, slug: tenants.slug, role: userTenantRoles.role })
    .from(userTenantRoles)
    .innerJoin(tenants, eq(tenants.id, userTenantRoles.tenantId))
    .where(and(eq(userTenantRoles.userId, userId), ne(tenants.status, "suspended")))
    .orderBy(tenants.name);
}

async function findUserByEmail(db: Executor, email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return user;
}

/**
 * What a client gets for a session: a new refresh token (rotating from `parentId`), an access
 * token, the user and their tenants, and the tenant to open (the preferred one if still a member).
 */
async function signedInAnswer(
  deps: AuthDeps,
  tx: Executor,
  user: typeof users.$inferSelect,
  session: { id: string; parentTokenId: string | null; preferredTenantId: string | null },
): Promise<SignedIn> {
  const memberships = await listMemberships(tx, user.id);
  const refreshToken = await issueRefreshToken(deps, tx, session.id, session.parentTokenId);
  const access = await deps.tokens.signAccessToken({ sub: user.id, sid: session.id });
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt.toISOString(),
    refreshToken,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      emailVerified: user.emailVerifiedAt !== null,
    },
    tenants: memberships,
    defaultTenantId:
      memberships.find((m) => m.id === session.preferredTenantId)?.id ?? memberships[0]?.id ?? null,
  };
}

/** Opens a session (remembering the preferred tenant when the user belongs to it) and signs in. */
async function openSession(
  deps: AuthDeps,
  tx: Executor,
  user: typeof users.$inferSelect,
  actor: Actor,
  preferredTenantId: string | null,
): Promise<SignedIn> {
  const memberships = await listMemberships(tx, user.id);
  const currentTenantId = memberships.some((m) => m.id === preferredTenantId)
    ? preferredTenantId
    : (memberships[0]?.id ?? null);
  const [session] = await tx
    .insert(sessions)
    .values({ userId: user.id, currentTenantId, userAgent: actor.userAgent, ip: actor.ip })
    .returning({ id: sessions.id });
  if (!session) throw new Error("session insert returned nothing");
  return signedInAnswer(deps, tx, user, {
    id: session.id,
    parentTokenId: null,
    preferredTenantId: currentTenantId,
  });
}

async function issueRefreshToken(
  deps: AuthDeps,
  tx: Executor,
  sessionId: string,
  parentId: string | null,
): Promise<string> {
  const token = generateOpaqueToken();
  await tx.insert(refreshTokens).values({
    sessionId,
    parentId,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + deps.refreshIdleDays * DAY_MS),
  });
  return token;
}

async function issueUserToken(
  tx: Executor,
  userId: string,
  purpose: "verify_email" | "reset_password",
  ttlMs: number,
): Promise<string> {
  const token = generateOpaqueToken();
  await tx.insert(userTokens).values({
    userId,
    purpose,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + ttlMs),
  });
  return token;
}

export type RegisterInput = {
  email: string;
  password: string;
  name: string;
  language?: string | undefined;
  tenantName?: string | undefined;
  tenantSlug?: string | undefined;
};

/**
 * Creates the account (and, with `tenantName`, its tenant with the user as owner) in one
 * transaction, records the verification email in the outbox, and signs the user in.
 *
 * @throws AppError CONFLICT (field email) when the email is registered; the slug errors of
 *   `createTenant` (field tenantSlug).
 */
export async function register(
  deps: AuthDeps,
  input: RegisterInput,
  actor: Actor,
): Promise<SignedIn> {
  const passwordHash = await hashPassword(input.password);
  return deps.db.platform.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email.trim(),
        name: input.name.trim(),
        passwordHash,
        language: input.language ?? "en",
      })
      .onConflictDoNothing()
      .returning();
    if (!user) {
      throw new AppError("CONFLICT", "That email is already registered; sign in instead.", {
        field: "email",
      });
    }
    let tenantId: string | null = null;
    if (input.tenantName) {
      const slug = input.tenantSlug ?? (await uniqueSlugFor(tx, input.tenantName));
      const tenant = await createTenant(tx, {
        slug,
        name: input.tenantName,
        ownerUserId: user.id,
      }).catch(renameSlugField);
      tenantId = tenant.id;
      await bindTenant(tx, tenant.id);
      await audit(
        { tx, tenantId, role: "owner", actor: { ...actor, userId: user.id } },
        "tenant.create",
        {
          type: "tenant",
          id: tenant.id,
        },
      );
    }
    const token = await issueUserToken(tx, user.id, "verify_email", VERIFY_EMAIL_TTL_MS);
    await enqueue(tx, verifyEmailJob, {
      userId: user.id,
      email: user.email,
      name: user.name,
      token,
    });
    return openSession(deps, tx, user, actor, tenantId);
  });
}

/** `createTenant` names its field `slug`; in registration the input is `tenantSlug`. */
function renameSlugField(error: unknown): never {
  if (error instanceof Error && "field" in error && error.field === "slug") {
    throw new AppError(
      (error as { code?: string }).code === "SLUG_TAKEN" ? "CONFLICT" : "BAD_REQUEST",
      error.message.replace(/^slug/, "Subdomain"),
      { field: "tenantSlug", cause: error },
    );
  }
  throw error;
}

/**
 * Signs in with email and password. An unknown email costs the same time as a wrong password
 * and gets the same answer. Rehashes the password when its parameters are outdated.
 */
export async function login(
  deps: AuthDeps,
  input: { email: string; password: string },
  actor: Actor,
): Promise<SignedIn> {
  const user = await findUserByEmail(deps.db.platform, input.email.trim());
  const check = await verifyPassword(
    input.password,
    user?.passwordHash ?? (await dummyPasswordHash()),
  );
  if (!user || !check.ok) throw invalidCredentials();
  return deps.db.platform.transaction(async (tx) => {
    if (check.needsRehash) {
      await tx
        .update(users)
        .set({ passwordHash: await hashPassword(input.password) })
        .where(eq(users.id, user.id));
    }
    const [last] = await tx
      .select({ tenantId: sessions.currentTenantId })
      .from(sessions)
      .where(eq(sessions.userId, user.id))
      .orderBy(desc(sessions.lastSeenAt))
      .limit(1);
    return openSession(deps, tx, user, actor, last?.tenantId ?? null);
  });
}

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

/** Spends a one-time token of `purpose`, returning its user id, or throws BAD_REQUEST. */
async function spendUserToken(
  tx: Executor,
  token: string,
  purpose: "verify_email" | "reset_password",
): Promise<string> {
  const [row] = await tx
    .update(userTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(userTokens.tokenHash, hashToken(token)),
        eq(userTokens.purpose, purpose),
        isNull(userTokens.usedAt),
        gt(userTokens.expiresAt, new Date()),
      ),
    )
    .returning({ userId: userTokens.userId });
  if (!row) {
    throw new AppError("BAD_REQUEST", "This link is invalid or has expired; ask for a new one.", {
      field: "token",
    });
  }
  return row.userId;
}

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

/** Marks the email of the token's user as verified. */
export async function verifyEmail(db: Database, input: { token: string }): Promise<void> {
  await db.platform.transaction(async (tx) => {
    const userId = await spendUserToken(tx, input.token, "verify_email");
    await tx.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, userId));
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

/** Sets a new password from a reset link and ends every session. Returns the ended session ids. */
export async function resetPassword(
  db: Database,
  input: { token: string; password: string },
): Promise<string[]> {
  const passwordHash = await hashPassword(input.password);
  return db.platform.transaction(async (tx) => {
    const userId = await spendUserToken(tx, input.token, "reset_password");
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    return revokeAllSessions(tx, userId);
  });
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
