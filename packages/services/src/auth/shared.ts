// What the auth verbs share: types, one-time and refresh tokens, and opening a signed-in session.

import { generateOpaqueToken, hashToken, type TokenService } from "@supportdesk/auth-utils";
import {
  and,
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
import type { Actor } from "../context";
import { AppError } from "../errors";
import { roleNameOf, roleRefOf } from "../roles";

export type AuthDeps = {
  db: Database;
  tokens: TokenService;
  /** A refresh token unused for this long expires. */
  refreshIdleDays: number;
};

/** A tenant as its members see it in lists and switchers. */
/** A tenant the user belongs to; `role` is a built-in role's name or a custom role's id. */
export type TenantMembership = {
  id: string;
  name: string;
  slug: string;
  role: string;
  roleName: string;
};

/** What signing in (or verifying an email, or refreshing) gives a client. */
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

export type User = typeof users.$inferSelect;
export type UserTokenPurpose = "verify_email" | "reset_password";

export const DAY_MS = 86_400_000;
export const VERIFY_EMAIL_TTL_MS = 2 * DAY_MS;
export const RESET_PASSWORD_TTL_MS = 60 * 60_000;

export const sessionEnded = () =>
  new AppError("UNAUTHENTICATED", "Your session has ended; sign in again.");

/** The user's tenants with their role, by name. */
export async function listMemberships(db: Executor, userId: string): Promise<TenantMembership[]> {
  const rows = await db
    .select({
      id: tenants.id,
      name: tenants.name,
      slug: tenants.slug,
      role: userTenantRoles.role,
      customRoleId: userTenantRoles.customRoleId,
    })
    .from(userTenantRoles)
    .innerJoin(tenants, eq(tenants.id, userTenantRoles.tenantId))
    .where(and(eq(userTenantRoles.userId, userId), ne(tenants.status, "suspended")))
    .orderBy(tenants.name);
  // A custom role's name lives under its tenant's row-level security; `tenants.current` has it.
  return rows.map(({ customRoleId, ...row }) => ({
    ...row,
    role: roleRefOf({ role: row.role, customRoleId }),
    roleName: roleNameOf(row.role, null),
  }));
}

export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return user;
}

/**
 * What a client gets for a session: a new refresh token (rotating from `parentTokenId`), an
 * access token, the user and their tenants, and the tenant to open (the preferred one if still a
 * member).
 */
export async function signedInAnswer(
  deps: AuthDeps,
  tx: Executor,
  user: User,
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

/**
 * Opens a session and signs in, remembering the tenant of the user's latest session when they
 * still belong to it (else their first tenant).
 */
export async function openSession(
  deps: AuthDeps,
  tx: Executor,
  user: User,
  actor: Actor,
): Promise<SignedIn> {
  const [last] = await tx
    .select({ tenantId: sessions.currentTenantId })
    .from(sessions)
    .where(eq(sessions.userId, user.id))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(1);
  const memberships = await listMemberships(tx, user.id);
  const currentTenantId = memberships.some((m) => m.id === last?.tenantId)
    ? (last?.tenantId ?? null)
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

/** A new one-time token for the user; only its hash is stored. */
export async function issueUserToken(
  tx: Executor,
  userId: string,
  purpose: UserTokenPurpose,
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

/** Spends a one-time token of `purpose`, returning its user id, or throws BAD_REQUEST. */
export async function spendUserToken(
  tx: Executor,
  token: string,
  purpose: UserTokenPurpose,
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
