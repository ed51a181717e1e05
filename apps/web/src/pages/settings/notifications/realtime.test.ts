// The tab's socket client against a stand-in WebSocket: backoff, parsing, reconnects, presence.
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  jest,
  spyOn,
  test,
} from "bun:test";
import { clearSession, getSession, type SignedInAnswer, setSignedIn } from "../../../lib/session";
import {
  parseEvent,
  type RealtimeEvent,
  retryDelay,
  sendRealtime,
  socketUrl,
  subscribePresence,
  subscribeRealtime,
} from "./realtime";

const TENANT = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const event: RealtimeEvent = {
  type: "notification.created",
  tenantId: TENANT,
  payload: { unreadCount: 3 },
};

describe("retryDelay (reconnect backoff)", () => {
  test("doubles from 1 s and stops at 30 s", () => {
    const most = (attempt: number) => retryDelay(attempt, () => 1);
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(most)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  test("half of each wait is random (tabs spread out), never less than half", () => {
    expect(retryDelay(1, () => 0)).toBe(500);
    expect(retryDelay(1, () => 0.5)).toBe(750);
    expect(retryDelay(3, () => 0)).toBe(2000);
    expect(retryDelay(9, () => 0)).toBe(15000);
    for (let attempt = 1; attempt < 10; attempt++) {
      const delay = retryDelay(attempt);
      expect(delay).toBeGreaterThanOrEqual(retryDelay(attempt, () => 0));
      expect(delay).toBeLessThanOrEqual(retryDelay(attempt, () => 1));
    }
  });

  test("an attempt below 1 waits like the first", () => {
    expect(retryDelay(0, () => 0)).toBe(500);
    expect(retryDelay(-3, () => 1)).toBe(1000);
  });
});

describe("parseEvent", () => {
  test("an event the server sends", () => {
    expect(parseEvent(JSON.stringify(event))).toEqual(event);
    for (const type of ["ticket.created", "ticket.updated", "message.created"]) {
      expect(parseEvent(JSON.stringify({ ...event, type }))?.type).toBe(type as never);
    }
  });

  test("anything else is ignored, never thrown", () => {
    const junk: unknown[] = [
      "pong",
      "",
      "{",
      "not json",
      "null",
      "42",
      '"notification.created"',
      "[]",
      JSON.stringify({ ...event, type: "session.revoked" }),
      JSON.stringify({ ...event, type: 7 }),
      JSON.stringify({ ...event, tenantId: undefined }),
      JSON.stringify({ ...event, tenantId: 1 }),
      JSON.stringify({ ...event, payload: undefined }),
      JSON.stringify({ ...event, payload: null }),
      JSON.stringify({ ...event, payload: "x" }),
      JSON.stringify({ ...event, payload: [1] }),
      new ArrayBuffer(4),
      undefined,
      null,
    ];
    for (const data of junk) {
      expect(() => parseEvent(data)).not.toThrow();
      expect(parseEvent(data)).toBeNull();
    }
  });
});

describe("socketUrl", () => {
  test("same host, wss on https", () => {
    expect(socketUrl({ protocol: "https:", host: "acme.example" })).toBe("wss://acme.example/ws");
    expect(socketUrl({ protocol: "http:", host: "localhost:5173" })).toBe("ws://localhost:5173/ws");
  });
});

// The connection itself, against a stand-in WebSocket and browser globals (installed for this
// block only, and removed after it) with fake timers: no network, no waiting.
describe("the tab's one socket", () => {
  class FakeSocket {
    static all: FakeSocket[] = [];
    onopen: ((event: Event) => void) | null = null;
    onmessage: ((event: { data: unknown }) => void) | null = null;
    onclose: ((event: { code: number }) => void) | null = null;
    closed: { code?: number; reason?: string } | null = null;
    readyState = 0;
    sent: string[] = [];
    constructor(
      readonly url: string,
      readonly protocols: string[],
    ) {
      FakeSocket.all.push(this);
    }
    close(code?: number, reason?: string) {
      this.closed = { code, reason };
    }
    send(data: string) {
      this.sent.push(data);
    }
    open() {
      this.readyState = 1;
      this.onopen?.(new Event("open"));
    }
    receive(data: unknown) {
      this.onmessage?.({ data });
    }
    drop(code = 1006) {
      this.onclose?.({ code });
    }
  }
  const latest = () => FakeSocket.all[FakeSocket.all.length - 1] as FakeSocket;

  const fakeWindow = Object.assign(new EventTarget(), {
    location: { protocol: "https:", host: "desk.example" },
  });
  const fakeDocument = Object.assign(new EventTarget(), { visibilityState: "visible" });
  const globals = globalThis as Record<string, unknown>;
  const saved = {
    window: Object.getOwnPropertyDescriptor(globalThis, "window"),
    document: Object.getOwnPropertyDescriptor(globalThis, "document"),
    WebSocket: Object.getOwnPropertyDescriptor(globalThis, "WebSocket"),
  };
  const realFetch = globalThis.fetch;

  let refreshAnswer: () => Response;
  let refreshes = 0;
  let unsubscribes: (() => void)[] = [];
  let heard: unknown[] = [];
  const listen = () => {
    const mine: unknown[] = [];
    unsubscribes.push(
      subscribeRealtime((e) => {
        mine.push(e);
        heard.push(e);
      }),
    );
    return mine;
  };

  const signedIn = (token: string, lifetimeMs = 15 * 60_000): SignedInAnswer => ({
    accessToken: token,
    accessTokenExpiresAt: new Date(Date.now() + lifetimeMs).toISOString(),
    user: { id: "u1", email: "ada@example.com", name: "Ada", emailVerified: true },
    tenants: [{ id: TENANT, name: "Acme", slug: "acme", role: "member", roleName: "Member" }],
    defaultTenantId: TENANT,
  });
  async function settled() {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  }

  beforeAll(() => {
    globals.window = fakeWindow;
    globals.document = fakeDocument;
    globals.WebSocket = FakeSocket;
  });
  afterAll(() => {
    for (const [name, descriptor] of Object.entries(saved)) {
      if (descriptor) Object.defineProperty(globalThis, name, descriptor);
      else delete globals[name];
    }
  });

  beforeEach(() => {
    jest.useFakeTimers();
    FakeSocket.all = [];
    heard = [];
    unsubscribes = [];
    refreshes = 0;
    refreshAnswer = () => Response.json([{ result: { data: signedIn("token-2") } }]);
    globalThis.fetch = (async () => {
      refreshes++;
      return refreshAnswer();
    }) as unknown as typeof fetch;
    setSignedIn(signedIn("token-1"));
  });
  afterEach(() => {
    for (const unsubscribe of unsubscribes) unsubscribe();
    jest.advanceTimersByTime(1000); // the delayed teardown
    clearSession();
    jest.useRealTimers();
    globalThis.fetch = realFetch;
  });

  test("one socket for every listener, authenticated by a subprotocol", () => {
    const first = listen();
    const second = listen();
    expect(FakeSocket.all).toHaveLength(1);
    expect(latest().url).toBe("wss://desk.example/ws");
    expect(latest().protocols).toEqual(["bearer.token-1"]);
    latest().open();
    latest().receive(JSON.stringify(event));
    expect(first).toEqual([event]);
    expect(second).toEqual([event]);
  });

  test("pongs and malformed messages reach nobody and throw nothing", () => {
    listen();
    latest().open();
    for (const data of ["pong", "{oops", "null", JSON.stringify({ type: "ticket.updated" })]) {
      expect(() => latest().receive(data)).not.toThrow();
    }
    latest().receive(new Blob(["x"]));
    expect(heard).toEqual([]);
  });

  test("signed out: no socket until signed in", () => {
    clearSession();
    listen();
    expect(FakeSocket.all).toHaveLength(0);
    setSignedIn(signedIn("token-3"));
    expect(FakeSocket.all).toHaveLength(1);
    expect(latest().protocols).toEqual(["bearer.token-3"]);
  });

  test("a dropped connection retries with growing waits, then says it reconnected", () => {
    const random = spyOn(Math, "random").mockReturnValue(0.5);
    try {
      listen();
      latest().open();
      latest().drop();
      // Attempt 1 waits 750 ms (500 fixed + half of 500 random).
      jest.advanceTimersByTime(749);
      expect(FakeSocket.all).toHaveLength(1);
      jest.advanceTimersByTime(1);
      expect(FakeSocket.all).toHaveLength(2);
      // It fails before opening: attempt 2 waits 1500 ms.
      latest().drop();
      jest.advanceTimersByTime(1499);
      expect(FakeSocket.all).toHaveLength(2);
      jest.advanceTimersByTime(1);
      expect(FakeSocket.all).toHaveLength(3);
      expect(heard).toEqual([]);
      // Events are not replayed, so listeners hear that they may have missed some.
      latest().open();
      expect(heard).toEqual([{ type: "reconnected" }]);
      // An open resets the backoff.
      latest().drop();
      jest.advanceTimersByTime(750);
      expect(FakeSocket.all).toHaveLength(4);
      expect(refreshes).toBe(0);
    } finally {
      random.mockRestore();
    }
  });

  test("a server going away (1001) starts the backoff afresh instead of waiting longer", () => {
    const random = spyOn(Math, "random").mockReturnValue(0.5);
    try {
      listen();
      latest().open();
      latest().drop();
      jest.advanceTimersByTime(750);
      latest().drop();
      jest.advanceTimersByTime(1500);
      expect(FakeSocket.all).toHaveLength(3);
      // A third failure would wait 3 s; a server shutting down waits like the first.
      latest().drop(1001);
      jest.advanceTimersByTime(749);
      expect(FakeSocket.all).toHaveLength(3);
      jest.advanceTimersByTime(1);
      expect(FakeSocket.all).toHaveLength(4);
    } finally {
      random.mockRestore();
    }
  });

  test("going back online reconnects at once instead of waiting", () => {
    listen();
    latest().open();
    latest().drop();
    expect(FakeSocket.all).toHaveLength(1);
    fakeWindow.dispatchEvent(new Event("online"));
    expect(FakeSocket.all).toHaveLength(2);
    // The retry that was waiting does not open a second one.
    jest.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(2);
  });

  test("4401 (token refused): refresh first, then reconnect with the new token", async () => {
    listen();
    latest().open();
    latest().drop(4401);
    expect(refreshes).toBe(1);
    await settled();
    expect(getSession()?.accessToken).toBe("token-2");
    expect(FakeSocket.all).toHaveLength(2);
    expect(latest().protocols).toEqual(["bearer.token-2"]);
  });

  test("refused before opening with an expiring token: also refresh first", async () => {
    setSignedIn(signedIn("about-to-expire", 3_000));
    listen();
    latest().drop(1006);
    expect(refreshes).toBe(1);
    await settled();
    expect(latest().protocols).toEqual(["bearer.token-2"]);
  });

  test("4401 and the refresh is refused too: signed out, no reconnecting", async () => {
    refreshAnswer = () =>
      Response.json([{ error: { message: "Sign in again.", code: -32001, data: {} } }], {
        status: 401,
      });
    listen();
    latest().open();
    latest().drop(4401);
    await settled();
    expect(getSession()).toBeNull();
    jest.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  test("signing out closes the socket and stops retrying", () => {
    listen();
    const socket = latest();
    socket.open();
    clearSession();
    expect(socket.closed).toEqual({ code: 1000, reason: "signed out" });
    socket.drop(1000); // the browser's close event afterwards changes nothing
    jest.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  test("the socket outlives a quick remount and closes a second after the last listener", () => {
    listen();
    const socket = latest();
    socket.open();
    unsubscribes.pop()?.();
    jest.advanceTimersByTime(999);
    expect(socket.closed).toBeNull();
    listen(); // remounted (StrictMode, a route change): same socket
    expect(FakeSocket.all).toHaveLength(1);
    unsubscribes.pop()?.();
    jest.advanceTimersByTime(1000);
    expect(socket.closed).toEqual({ code: 1000, reason: "no listeners" });
    socket.drop(1000);
    jest.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  test("presence: sent only while open; its listeners hear open, presence and closed, not events", () => {
    const heardPresence: unknown[] = [];
    const events = listen();
    unsubscribes.push(subscribePresence((message) => heardPresence.push(message)));
    const view = { type: "presence.view", tenantId: TENANT, ticketId: TENANT } as const;
    expect(sendRealtime(view)).toBe(false); // still connecting
    const socket = latest();
    socket.open();
    expect(sendRealtime(view)).toBe(true);
    expect(socket.sent).toEqual([JSON.stringify(view)]);
    const presence = { type: "presence", tenantId: TENANT, ticketId: TENANT, viewers: [] };
    socket.receive(JSON.stringify(presence));
    socket.receive(JSON.stringify(event));
    socket.drop();
    expect(heardPresence).toEqual([{ type: "open" }, presence, { type: "closed" }]);
    expect(events).toEqual([event]);
    expect(sendRealtime(view)).toBe(false);
  });
});
