// Authentication: a bearer access token (with a live session) or an API key, to a Principal.
import { AppError, apiKeys } from "@supportdesk/services";
import { sessionState } from "./cache";
import type { AccessDeps, Principal } from "./types";
import { verifyRemembered } from "./verified-tokens";

const signIn = (message = "Sign in to continue.") => new AppError("UNAUTHENTICATED", message);

/** The bearer token of an `Authorization` header, if it has one. */
export function bearerToken(authorization: string | null | undefined): string | undefined {
  return authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
}

/**
 * Who is calling, from a bearer token: an access token whose session is live, or an API key
 * (`sdk_…`). `onUser` runs once a user's access token has verified, before the session is read:
 * lookups that do not depend on the session start there and share its Redis round trip.
 *
 * @throws AppError UNAUTHENTICATED, with a message saying what to do.
 * @example
 * const principal = await authenticate(deps, request.headers.get("authorization"));
 */
export async function authenticate(
  deps: AccessDeps,
  authorization: string | null | undefined,
  onUser?: (userId: string) => void,
): Promise<Principal> {
  const token = bearerToken(authorization);
  if (!token) throw signIn();
  if (token.startsWith("sdk_")) {
    const key = await apiKeys.authenticateApiKey(deps.db, token);
    if (!key) throw signIn("This API key is not valid (unknown, revoked or expired).");
    return { type: "apiKey", ...key };
  }
  const { expiresAt: _expiresAt, ...user } = await authenticateUserToken(deps, token, onUser);
  return user;
}

/**
 * A user's access token whose session is still live (what `/ws` accepts: no API keys there), with
 * the token's expiry in epoch milliseconds.
 */
export async function authenticateUserToken(
  deps: AccessDeps,
  token: string,
  onUser?: (userId: string) => void,
): Promise<Extract<Principal, { type: "user" }> & { expiresAt: number }> {
  const claims = await verifyRemembered(deps.tokens, token).catch(() => {
    throw signIn("Your session token is not valid or has expired; refresh it or sign in again.");
  });
  onUser?.(claims.sub);
  const session = await sessionState(deps, claims.sid);
  if (!session || session.revoked || session.userId !== claims.sub) {
    throw signIn("Your session has ended; sign in again.");
  }
  return { type: "user", userId: claims.sub, sessionId: claims.sid, expiresAt: claims.exp * 1000 };
}
