// The tab's one WebSocket to /ws: authenticated with the access token as a subprotocol, shared by
// every subscriber, reconnecting by itself (backoff; at once after a session refresh; refreshing
// first on 4401). Events are not replayed, so subscribers hear `reconnected` and refetch. Ticket
// presence rides on it too: `sendRealtime` to the server, `subscribePresence` for its answers.
import {
  type PresenceClientMessage,
  type PresenceMessage,
  type RealtimeEvent as PublishedEvent,
  REALTIME_EVENT_TYPES,
  WS_CLOSE_GOING_AWAY,
  WS_CLOSE_UNAUTHORIZED,
} from "@supportdesk/domain";
import { getSession, subscribe as onSession, refreshSession } from "../../../lib/session";

/** What a socket receives: a published event without its audience. */
export type RealtimeEvent = Omit<PublishedEvent, "userIds">;
type Listener = (event: RealtimeEvent | { type: "reconnected" }) => void;
/**
 * Presence messages; `open` each time the socket (re)opens (say again what you are viewing) and
 * `closed` when it drops (what was heard is stale until then).
 */
type PresenceListener = (message: PresenceMessage | { type: "open" } | { type: "closed" }) => void;

const MAX_BACKOFF_MS = 30_000;
/** `WebSocket.OPEN`. */
const OPEN = 1;

const listeners = new Set<Listener>();
const presenceListeners = new Set<PresenceListener>();
let socket: WebSocket | null = null;
let socketToken: string | null = null;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let attempts = 0;
let everOpened = false;
let unsubscribeSession: (() => void) | null = null;
let teardownTimer: ReturnType<typeof setTimeout> | undefined;

/** The socket's address on this site (`wss:` when the page is on https). */
export function socketUrl(location: { protocol: string; host: string }): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/ws`;
}

/**
 * How long to wait before reconnect attempt `attempt` (1, 2, …): doubling from 1 s to at most
 * 30 s, half of it random so many tabs do not reconnect in step. `random` is in [0, 1).
 */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(Math.max(attempt, 1) - 1, 5));
  return base / 2 + random() * (base / 2);
}

const EVENT_TYPES: readonly string[] = REALTIME_EVENT_TYPES;

/** An event from a socket message, or null for anything else ("pong", junk, unknown shapes). */
export function parseEvent(data: unknown): RealtimeEvent | null {
  if (typeof data !== "string" || data === "pong") return null;
  let event: unknown;
  try {
    event = JSON.parse(data);
  } catch {
    return null;
  }
  if (!event || typeof event !== "object") return null;
  const { type, tenantId, payload } = event as Record<string, unknown>;
  if (typeof type !== "string" || !EVENT_TYPES.includes(type)) return null;
  if (typeof tenantId !== "string") return null;
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return null;
  return event as RealtimeEvent;
}

/** A presence message from a socket message, or null for anything else. */
export function parsePresence(data: unknown): PresenceMessage | null {
  if (typeof data !== "string") return null;
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return null;
  }
  const { type, tenantId, ticketId, viewers } = (message ?? {}) as Record<string, unknown>;
  if (type !== "presence" || typeof tenantId !== "string" || typeof ticketId !== "string") {
    return null;
  }
  return Array.isArray(viewers) ? (message as PresenceMessage) : null;
}

function emitPresence(message: Parameters<PresenceListener>[0]) {
  for (const listener of presenceListeners) listener(message);
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
    ws = new WebSocket(socketUrl(window.location), [`bearer.${token}`]);
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
    emitPresence({ type: "open" });
  };
  ws.onmessage = (message) => {
    // Anything else is not ours to understand; ignore it.
    const event = parseEvent(message.data);
    if (event) emit(event);
    const presence = event ? null : parsePresence(message.data);
    if (presence) emitPresence(presence);
  };
  ws.onclose = (event) => {
    if (socket !== ws) return;
    socket = null;
    socketToken = null;
    emitPresence({ type: "closed" });
    if (listeners.size === 0) return;
    // A refused upgrade (401) looks like 1006 before open: an expired token gets refreshed.
    const expired = !opened && (getSession()?.expiresAt ?? 0) <= Date.now() + 5_000;
    if (event.code === WS_CLOSE_UNAUTHORIZED || expired) {
      // The token expired or the session ended: a fresh token first (unless one arrived already).
      const current = getSession();
      if (current && current.accessToken !== token && current.expiresAt > Date.now() + 5_000) {
        connect();
      } else {
        void refreshSession().then((next) => (next ? connect() : undefined));
      }
      return;
    }
    // A server going away (a deploy, a restart) is not trouble: start the backoff afresh.
    if (event.code === WS_CLOSE_GOING_AWAY) attempts = 0;
    scheduleRetry();
  };
}

function scheduleRetry() {
  if (retryTimer || listeners.size === 0) return;
  attempts += 1;
  retryTimer = setTimeout(connect, retryDelay(attempts));
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

/**
 * Sends a message to the server if the socket is open; false (and nothing sent) otherwise.
 * Presence is best effort: a `subscribePresence` listener hears `open` and sends again.
 */
export function sendRealtime(message: PresenceClientMessage): boolean {
  if (!socket || socket.readyState !== OPEN) return false;
  try {
    socket.send(JSON.stringify(message));
    return true;
  } catch {
    return false;
  }
}

/** Listens to ticket presence (and to the socket opening); keeps the socket alive meanwhile. */
export function subscribePresence(listener: PresenceListener): () => void {
  presenceListeners.add(listener);
  const release = subscribeRealtime(() => {});
  return () => {
    presenceListeners.delete(listener);
    release();
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
