// The tab's one WebSocket to /ws: authenticated with the access token as a subprotocol, shared by
// every subscriber, reconnecting by itself (backoff; at once after a session refresh; refreshing
// first on 4401). Events are not replayed, so subscribers hear `reconnected` and refetch.
import { getSession, subscribe as onSession, refreshSession } from "../../../lib/session";

export type RealtimeEvent = {
  type: "notification.created" | "ticket.created" | "ticket.updated" | "message.created";
  tenantId: string;
  payload: Record<string, unknown>;
};
type Listener = (event: RealtimeEvent | { type: "reconnected" }) => void;

const CLOSE_UNAUTHORIZED = 4401;
const MAX_BACKOFF_MS = 30_000;

const listeners = new Set<Listener>();
let socket: WebSocket | null = null;
let socketToken: string | null = null;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let attempts = 0;
let everOpened = false;
let unsubscribeSession: (() => void) | null = null;
let teardownTimer: ReturnType<typeof setTimeout> | undefined;

function url(): string {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}/ws`;
}

function emit(event: RealtimeEvent | { type: "reconnected" }) {
  for (const listener of listeners) listener(event);
}

function connect() {
  clearTimeout(retryTimer);
  retryTimer = undefined;
  if (listeners.size === 0 || socket) return;
  const session = getSession();
  if (!session) return;
  const token = session.accessToken;
  let ws: WebSocket;
  try {
    ws = new WebSocket(url(), [`bearer.${token}`]);
  } catch {
    scheduleRetry();
    return;
  }
  socket = ws;
  socketToken = token;
  let opened = false;
  ws.onopen = () => {
    opened = true;
    attempts = 0;
    if (everOpened) emit({ type: "reconnected" });
    everOpened = true;
  };
  ws.onmessage = (message) => {
    if (typeof message.data !== "string" || message.data === "pong") return;
    try {
      const event = JSON.parse(message.data) as RealtimeEvent;
      if (event && typeof event.type === "string" && typeof event.tenantId === "string")
        emit(event);
    } catch {
      // Not ours to understand; ignore.
    }
  };
  ws.onclose = (event) => {
    if (socket !== ws) return;
    socket = null;
    socketToken = null;
    if (listeners.size === 0) return;
    // A refused upgrade (401) looks like 1006 before open: an expired token gets refreshed.
    const expired = !opened && (getSession()?.expiresAt ?? 0) <= Date.now() + 5_000;
    if (event.code === CLOSE_UNAUTHORIZED || expired) {
      // The token expired or the session ended: a fresh token first (unless one arrived already).
      const current = getSession();
      if (current && current.accessToken !== token && current.expiresAt > Date.now() + 5_000) {
        connect();
      } else {
        void refreshSession().then((next) => (next ? connect() : undefined));
      }
      return;
    }
    scheduleRetry();
  };
}

function scheduleRetry() {
  if (retryTimer || listeners.size === 0) return;
  attempts += 1;
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts - 1, 5));
  retryTimer = setTimeout(connect, base / 2 + Math.random() * (base / 2));
}

/** The session changed: reconnect now if we were waiting; close when signed out. */
function sessionChanged() {
  const session = getSession();
  if (!session) {
    clearTimeout(retryTimer);
    retryTimer = undefined;
    const open = socket;
    socket = null;
    socketToken = null;
    open?.close(1000, "signed out");
    return;
  }
  if (!socket && session.accessToken !== socketToken) {
    attempts = 0;
    connect();
  }
}

function wake() {
  if (document.visibilityState === "visible" && !socket) {
    attempts = 0;
    connect();
  }
}

/** Listens to the tab's realtime events; the socket lives while anyone listens. */
export function subscribeRealtime(listener: Listener): () => void {
  listeners.add(listener);
  clearTimeout(teardownTimer);
  if (!unsubscribeSession) {
    unsubscribeSession = onSession(sessionChanged);
    window.addEventListener("online", wake);
    document.addEventListener("visibilitychange", wake);
  }
  if (listeners.size === 1) connect();
  return () => {
    listeners.delete(listener);
    if (listeners.size > 0) return;
    // Later, so a remount (StrictMode, a route change) keeps the socket instead of reopening it.
    clearTimeout(teardownTimer);
    teardownTimer = setTimeout(teardown, 1000);
  };
}

function teardown() {
  if (listeners.size > 0) return;
  unsubscribeSession?.();
  unsubscribeSession = null;
  window.removeEventListener("online", wake);
  document.removeEventListener("visibilitychange", wake);
  clearTimeout(retryTimer);
  retryTimer = undefined;
  const open = socket;
  socket = null;
  socketToken = null;
  everOpened = false;
  open?.close(1000, "no listeners");
}
