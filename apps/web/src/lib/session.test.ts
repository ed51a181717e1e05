import { afterEach, describe, expect, jest, test } from "bun:test";
import {
  clearSession,
  getSession,
  refreshDelay,
  refreshSession,
  restoreSession,
  type SignedInAnswer,
  setSignedIn,
  setTenants,
  startRestoring,
  subscribe,
} from "./session";

const MINUTE = 60_000;

function answer(token: string, lifetimeMs = 15 * MINUTE): SignedInAnswer {
  return {
    accessToken: token,
    accessTokenExpiresAt: new Date(Date.now() + lifetimeMs).toISOString(),
    user: { id: "u1", email: "ada@example.com", name: "Ada", emailVerified: true },
    tenants: [{ id: "t1", name: "Acme", slug: "acme", role: "admin", roleName: "Admin" }],
    defaultTenantId: "t1",
  };
}

// What the server answers to POST /trpc/auth.refresh?batch=1 (tRPC's batch format).
const refreshed = (token: string) => Response.json([{ result: { data: answer(token) } }]);
const refused = () =>
  Response.json(
    [
      {
        error: {
          message: "Sign in again.",
          code: -32001,
          data: { code: "UNAUTHORIZED", httpStatus: 401 },
        },
      },
    ],
    { status: 401 },
  );

// The browser's fetch, replaced per test by a stub that records calls and answers like the server.
const realFetch = globalThis.fetch;
let requests: { url: string; init: RequestInit | undefined }[] = [];
function stubFetch(respond: () => Response | Promise<Response>) {
  requests = [];
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    requests.push({ url: String(input), init });
    return respond();
  }) as typeof fetch;
}

/** Lets pending promise callbacks (the stubbed request and its answer) run. */
async function settled() {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

afterEach(() => {
  globalThis.fetch = realFetch;
  jest.useRealTimers();
  clearSession();
});

describe("refreshSession", () => {
  test("asks auth.refresh for a cookie-delivered token and stores the answer", async () => {
    stubFetch(() => refreshed("new-token"));
    const session = await refreshSession();
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.url).toBe("/trpc/auth.refresh?batch=1");
    expect(request?.init?.method).toBe("POST");
    expect(request?.init?.credentials).toBe("same-origin");
    expect(JSON.parse(String(request?.init?.body))).toEqual({ 0: { tokenDelivery: "cookie" } });
    expect(session?.accessToken).toBe("new-token");
    expect(session?.user.email).toBe("ada@example.com");
    expect(session?.tenants.map((t) => t.slug)).toEqual(["acme"]);
    expect(getSession()).toBe(session);
  });

  test("concurrent callers share one request (single-flight)", async () => {
    let release: (response: Response) => void = () => {};
    stubFetch(() => new Promise<Response>((resolve) => (release = resolve)));
    let notified = 0;
    const unsubscribe = subscribe(() => notified++);
    const first = refreshSession();
    const second = refreshSession();
    expect(second).toBe(first);
    await Promise.resolve();
    expect(requests).toHaveLength(1);
    release(refreshed("shared"));
    const [a, b] = await Promise.all([first, second]);
    expect(a?.accessToken).toBe("shared");
    expect(b).toBe(a);
    expect(notified).toBe(1);
    unsubscribe();

    // Once settled, the next refresh is a new request.
    stubFetch(() => refreshed("later"));
    expect((await refreshSession())?.accessToken).toBe("later");
    expect(requests).toHaveLength(1);
  });

  test("a refused refresh ends the session and tells subscribers", async () => {
    setSignedIn(answer("old"));
    stubFetch(refused);
    let notified = 0;
    const unsubscribe = subscribe(() => notified++);
    expect(await refreshSession()).toBeNull();
    expect(getSession()).toBeNull();
    expect(notified).toBe(1);
    unsubscribe();
  });

  test("offline keeps the session this tab has (the next try may work)", async () => {
    const kept = setSignedIn(answer("old"));
    stubFetch(() => Promise.reject(new TypeError("Failed to fetch")));
    expect(await refreshSession()).toBe(kept);
    expect(getSession()).toBe(kept);
  });

  test("a gateway error page (not JSON) does not sign the person out either", async () => {
    const kept = setSignedIn(answer("old"));
    stubFetch(() => new Response("<html>Bad gateway</html>", { status: 502 }));
    expect(await refreshSession()).toBe(kept);
  });

  test("a server error (JSON, 5xx) keeps the session: an outage must not sign people out", async () => {
    const kept = setSignedIn(answer("old"));
    stubFetch(() =>
      Response.json(
        [
          {
            error: { message: "Try again", data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503 } },
          },
        ],
        { status: 503 },
      ),
    );
    expect(await refreshSession()).toBe(kept);
    expect(getSession()).toBe(kept);
  });

  test("with Web Locks, the refresh runs inside the shared lock (tabs take turns)", async () => {
    const held: string[] = [];
    const nav = globalThis.navigator as unknown as { locks?: unknown };
    const before = Object.getOwnPropertyDescriptor(nav, "locks");
    Object.defineProperty(nav, "locks", {
      configurable: true,
      value: {
        request: async (name: string, run: () => Promise<unknown>) => {
          held.push(name);
          const result = await run();
          held.push(`released ${name}`);
          return result;
        },
      },
    });
    try {
      stubFetch(() => {
        expect(held).toEqual(["supportdesk:refresh"]);
        return refreshed("locked");
      });
      expect((await refreshSession())?.accessToken).toBe("locked");
      expect(held).toEqual(["supportdesk:refresh", "released supportdesk:refresh"]);
    } finally {
      if (before) Object.defineProperty(nav, "locks", before);
      else delete nav.locks;
    }
  });

  test("offline with no session resolves null", async () => {
    stubFetch(() => Promise.reject(new TypeError("Failed to fetch")));
    expect(await refreshSession()).toBeNull();
  });

  test("a new request after a failed one", async () => {
    stubFetch(() => Promise.reject(new TypeError("Failed to fetch")));
    await refreshSession();
    stubFetch(() => refreshed("back"));
    expect((await refreshSession())?.accessToken).toBe("back");
  });
});

describe("the session store", () => {
  test("setSignedIn parses the expiry and publishes", () => {
    let notified = 0;
    const unsubscribe = subscribe(() => notified++);
    const signed = answer("t", 10 * MINUTE);
    const session = setSignedIn(signed);
    expect(session.expiresAt).toBe(Date.parse(signed.accessTokenExpiresAt));
    expect(getSession()).toBe(session);
    expect(notified).toBe(1);
    unsubscribe();
  });

  test("setTenants replaces the tenants, and does nothing when signed out", () => {
    setTenants([{ id: "x", name: "X", slug: "x-co", role: "owner", roleName: "Owner" }]);
    expect(getSession()).toBeNull();
    setSignedIn(answer("t"));
    setTenants([]);
    expect(getSession()?.tenants).toEqual([]);
    expect(getSession()?.accessToken).toBe("t");
  });

  test("clearSession signs out and tells subscribers; unsubscribed listeners hear nothing", () => {
    setSignedIn(answer("t"));
    const heard: (string | null)[] = [];
    const unsubscribe = subscribe(() => heard.push(getSession()?.accessToken ?? null));
    clearSession();
    expect(getSession()).toBeNull();
    unsubscribe();
    setSignedIn(answer("again"));
    expect(heard).toEqual([null]);
  });
});

describe("refreshing before the access token expires", () => {
  test("refreshDelay: halfway, a minute early for short tokens, never under 5 s", () => {
    expect(refreshDelay(15 * MINUTE)).toBe(7.5 * MINUTE);
    expect(refreshDelay(2 * MINUTE)).toBe(MINUTE);
    expect(refreshDelay(90_000)).toBe(30_000);
    expect(refreshDelay(30_000)).toBe(5_000);
    expect(refreshDelay(-MINUTE)).toBe(5_000);
  });

  test("a signed-in session refreshes itself on time, and signing out cancels it", async () => {
    jest.useFakeTimers();
    stubFetch(() => refreshed("renewed"));
    setSignedIn(answer("first", 15 * MINUTE));
    jest.advanceTimersByTime(7.5 * MINUTE - 1);
    expect(requests).toHaveLength(0);
    jest.advanceTimersByTime(1);
    expect(requests).toHaveLength(1);
    await settled();
    expect(getSession()?.accessToken).toBe("renewed");
    expect(requests).toHaveLength(1);

    clearSession();
    jest.advanceTimersByTime(60 * MINUTE);
    expect(requests).toHaveLength(1);
  });
});

describe("restoring at boot", () => {
  test("the boot-time refresh is shared with the first page that asks; later asks refresh anew", async () => {
    stubFetch(() => refreshed("boot"));
    startRestoring();
    startRestoring(); // idempotent
    expect((await restoreSession())?.accessToken).toBe("boot");
    expect(requests).toHaveLength(1);
    clearSession();
    stubFetch(refused);
    expect(await restoreSession()).toBeNull();
    expect(requests).toHaveLength(1);
  });
});
