// The signed-in session in this tab: the access token lives in memory only; the refresh token is
// an httpOnly cookie the server rotates. Refreshes are single-flight (two at once would look like
// token reuse and end the session).
import type { RouterOutputs } from "@supportdesk/trpc";

type SignedInOutput = RouterOutputs["auth"]["login"];
/** What sign-in, sign-up or a refresh answers (the refresh token itself stays in its cookie). */
export type SignedInAnswer = Omit<SignedInOutput, "refreshToken">;
export type SessionUser = SignedInAnswer["user"];
/** A tenant of the user's; `role` is a built-in role's name or a custom role's id. */
export type TenantMembership = SignedInAnswer["tenants"][number];
export type Session = {
  accessToken: string;
  expiresAt: number;
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

/**
 * When to refresh an access token that has `lifetime` ms left: halfway through (a minute before
 * it expires, if that is sooner), and never sooner than 5 s (a clock ahead of the server's could
 * otherwise make every token look expired and refresh in a loop).
 */
export function refreshDelay(lifetime: number): number {
  return Math.max(5_000, Math.min(lifetime - 60_000, lifetime / 2));
}

function publish(next: Session | null) {
  current = next;
  clearTimeout(timer);
  if (next) {
    timer = setTimeout(() => void refreshSession(), refreshDelay(next.expiresAt - Date.now()));
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

/** Updates the signed-in user's details (after a profile change). */
export function setUser(patch: Partial<SessionUser>) {
  if (current) publish({ ...current, user: { ...current.user, ...patch } });
}

export function clearSession() {
  publish(null);
}

const REFRESH_LOCK = "supportdesk:refresh";

function requestRefresh(): Promise<Response> {
  return fetch("/trpc/auth.refresh?batch=1", {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ 0: { tokenDelivery: "cookie" } }),
  });
}

/**
 * Rotates the refresh cookie for a new access token; resolves null when there is no session
 * (never signed in, expired, or revoked elsewhere). Concurrent callers share one request.
 */
export function refreshSession(): Promise<Session | null> {
  refreshing ??= (async () => {
    try {
      // Tabs share the refresh cookie and the server treats a spent token presented again as
      // theft (it ends the session), so tabs take turns: each refresh sends the cookie the one
      // before it set. Without the Web Locks API (old browsers, tests) it just goes.
      const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
      const res = locks
        ? await locks.request(REFRESH_LOCK, requestRefresh)
        : await requestRefresh();
      const [answer] = (await res.json()) as [{ result?: { data: SignedInAnswer } }];
      if (answer?.result && res.ok) return setSignedIn(answer.result.data);
      // Only the server's "no session" ends it here; an outage (5xx) keeps what we have.
      if (res.status !== 401) return current;
      publish(null);
      return null;
    } catch {
      // Offline, or not the API answering: keep what we have; the next request or timer retries.
      return current;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

let bootRestore: Promise<Session | null> | null = null;

/**
 * Starts restoring the session from the refresh cookie as the app boots, before React renders,
 * so the refresh overlaps rendering instead of following it.
 */
export function startRestoring(): void {
  bootRestore ??= refreshSession();
}

/** For a page that needs to know: the boot-time restore the first time, a new refresh after. */
export function restoreSession(): Promise<Session | null> {
  const pending = bootRestore ?? refreshSession();
  bootRestore = null;
  return pending;
}
