// The signed-in session in this tab: the access token lives in memory only; the refresh token is
// an httpOnly cookie the server rotates. Refreshes are single-flight (two at once would look like
// token reuse and end the session).

export type SessionUser = { id: string; email: string; name: string; emailVerified: boolean };
export type TenantMembership = {
  id: string;
  name: string;
  slug: string;
  role: "owner" | "admin" | "member" | "viewer";
};
export type Session = {
  accessToken: string;
  expiresAt: number;
  user: SessionUser;
  tenants: TenantMembership[];
  defaultTenantId: string | null;
};

type SignedInAnswer = {
  accessToken: string;
  accessTokenExpiresAt: string;
  user: SessionUser;
  tenants: TenantMembership[];
  defaultTenantId: string | null;
};

let current: Session | null = null;
let refreshing: Promise<Session | null> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

export function getSession(): Session | null {
  return current;
}

/** For useSyncExternalStore. */
export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function publish(next: Session | null) {
  current = next;
  clearTimeout(timer);
  if (next) {
    // Refresh a minute before the access token expires (or halfway for short tokens).
    const lifetime = next.expiresAt - Date.now();
    timer = setTimeout(
      () => void refreshSession(),
      Math.max(5_000, Math.min(lifetime - 60_000, lifetime / 2)),
    );
  }
  for (const listener of listeners) listener();
}

/** Stores what sign-in, sign-up or a refresh answered. */
export function setSignedIn(answer: SignedInAnswer): Session {
  const session: Session = {
    accessToken: answer.accessToken,
    expiresAt: Date.parse(answer.accessTokenExpiresAt),
    user: answer.user,
    tenants: answer.tenants,
    defaultTenantId: answer.defaultTenantId,
  };
  publish(session);
  return session;
}

/** Updates the tenants (after creating, joining or leaving one). */
export function setTenants(tenants: TenantMembership[]) {
  if (current) publish({ ...current, tenants });
}

export function clearSession() {
  publish(null);
}

/**
 * Rotates the refresh cookie for a new access token; resolves null when there is no session
 * (never signed in, expired, or revoked elsewhere). Concurrent callers share one request.
 */
export function refreshSession(): Promise<Session | null> {
  refreshing ??= (async () => {
    try {
      const res = await fetch("/trpc/auth.refresh?batch=1", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ 0: { tokenDelivery: "cookie" } }),
      });
      const [answer] = (await res.json()) as [{ result?: { data: SignedInAnswer } }];
      if (!res.ok || !answer?.result) {
        publish(null);
        return null;
      }
      return setSignedIn(answer.result.data);
    } catch {
      // Offline: keep what we have; the next request or timer tries again.
      return current;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}
