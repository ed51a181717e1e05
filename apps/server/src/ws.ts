// /ws, the realtime WebSocket: authenticates (through the access layer) before upgrading, hands
// the socket to the hub and its presence messages to ws-presence.ts, and closes it (4401) when the
// access token expires or the session ends.
import {
  type AccessDeps,
  authenticateUserToken,
  findTenant,
  memberRoles,
  sessionState,
} from "@supportdesk/access";
import type { Redis } from "@supportdesk/cache";
import { WS_CLOSE_GOING_AWAY, WS_CLOSE_UNAUTHORIZED } from "@supportdesk/domain";
import {
  createRealtimeHub,
  type PresenceHub,
  type RealtimeHub,
  type RealtimeHubOptions,
  type RealtimeSocket,
} from "@supportdesk/realtime";
import type { ServerWebSocket } from "bun";
import type { Context } from "hono";
import { type BunWebSocketData, upgradeWebSocket, websocket } from "hono/bun";
import type { WSEvents } from "hono/ws";
import {
  createPresenceSession,
  createServerPresence,
  type PresenceRate,
  type PresenceSession,
  type PresenceTimings,
} from "./ws-presence";

export { WS_CLOSE_GOING_AWAY, WS_CLOSE_UNAUTHORIZED };

const DEFAULT_SESSION_CHECK_MS = 60_000;
/** The subprotocol that carries the token: `Sec-WebSocket-Protocol: bearer.<access token>`. */
const BEARER_PROTOCOL = "bearer.";

/**
 * Bun's websocket settings for `Bun.serve({ websocket })`: Hono's Bun adapter, pings while idle
 * (a client that answers neither data nor pings for 60 s is dropped), clients may send at most
 * 4 KiB per message (they send only "ping" and small presence messages), and a client that stops
 * reading is disconnected once 1 MiB is queued for it instead of growing the server's memory.
 */
export const bunWebsocket = {
  ...websocket,
  idleTimeout: 60,
  sendPings: true,
  maxPayloadLength: 4 * 1024,
  backpressureLimit: 1024 * 1024,
  closeOnBackpressureLimit: true,
};

export type WsHandler = {
  /** `GET /ws`: 426 without `Upgrade: websocket`, 401 without a live session, else upgrades. */
  route(c: Context): Promise<Response>;
  /** Pass to `Bun.serve` as `websocket`. */
  websocket: typeof bunWebsocket;
  /** Sockets open on this process. */
  connections(): number;
  /** Closes every open socket (shutdown: 1001 "going away" by default). */
  closeAll(code?: number, reason?: string): void;
};

export type WsOptions = {
  /** How often the sessions of open sockets are re-checked (default 60 s). */
  sessionCheckMs?: number;
  /** Presence messages allowed per socket (default 20 per 10 s). */
  presenceRate?: PresenceRate;
};

type WsSession = { userId: string; sessionId: string; expiresAt: number };

type Connection = WsSession & {
  socket: RealtimeSocket;
  raw: ServerWebSocket<BunWebSocketData>;
  expiry: ReturnType<typeof setTimeout>;
  presence?: PresenceSession;
};

/** The events hub of a process with its ticket presence (`start`/`stop` run both). */
export type ServerHub = RealtimeHub & { presence: PresenceHub };

/**
 * The hub of this process: delivers an event to a user only while they are a member of its tenant
 * (`memberRole`, cached in Redis and dropped on every membership change, so asked per event), and
 * ticket presence, with the same check on every send.
 *
 * @example
 * const subscriber = createRedis(config.REDIS_URL, { name: "server:events", maxRetriesPerRequest: null });
 * const hub = createServerHub(deps, subscriber);
 * await hub.start();
 */
export function createServerHub(
  deps: AccessDeps,
  subscriber: Redis,
  options: { presence?: PresenceTimings } = {},
): ServerHub {
  // The same rule as HTTP: members of a tenant that is not suspended. One tenant lookup and
  // one MGET of roles per event, whatever the number of sockets.
  const canDeliver: RealtimeHubOptions["canDeliver"] = async (userIds, tenantId) => {
    const tenant = await findTenant(deps, { id: tenantId });
    if (!tenant || tenant.status === "suspended") return new Set();
    const roles = await memberRoles(deps, tenantId, userIds);
    return new Set(userIds.filter((userId) => roles.get(userId) !== undefined));
  };
  const events = createRealtimeHub({ subscriber, canDeliver, log: deps.log });
  const presence = createServerPresence(deps, subscriber, canDeliver, options.presence);
  return {
    ...events,
    presence,
    async start() {
      await Promise.all([events.start(), presence.start()]);
    },
    async stop() {
      await Promise.all([events.stop(), presence.stop()]);
    },
  };
}

/** The access token from `?token=` or from the `bearer.<token>` subprotocol. */
function accessTokenOf(req: Request): string | undefined {
  const fromQuery = new URL(req.url).searchParams.get("token");
  if (fromQuery) return fromQuery;
  const protocols = req.headers.get("sec-websocket-protocol")?.split(",") ?? [];
  const bearer = protocols.map((p) => p.trim()).find((p) => p.startsWith(BEARER_PROTOCOL));
  return bearer?.slice(BEARER_PROTOCOL.length) || undefined;
}

/** The user and session behind a valid, unexpired access token whose session is live. */
async function authenticate(deps: AccessDeps, req: Request): Promise<WsSession | undefined> {
  const token = accessTokenOf(req);
  if (!token) return undefined;
  const user = await authenticateUserToken(deps, token).catch(() => undefined);
  // Token checks tolerate a few seconds of clock skew; a socket needs time left to live.
  if (!user || user.expiresAt <= Date.now()) return undefined;
  return { userId: user.userId, sessionId: user.sessionId, expiresAt: user.expiresAt };
}

/**
 * The `/ws` endpoint of one server: mount `route` with `createApp({ ws: handler.route })` and give
 * `websocket` to `Bun.serve` (whose `fetch` must pass the server on: `(req, srv) => app.fetch(req, srv)`).
 *
 * @example
 * const realtime = createWsHandler(deps, hub);
 * const server = Bun.serve({ fetch: (req, srv) => app.fetch(req, srv), websocket: realtime.websocket });
 * const app = createApp({ deps, …, ws: realtime.route });
 */
export function createWsHandler(
  deps: AccessDeps,
  hub: RealtimeHub & { presence?: PresenceHub },
  options: WsOptions = {},
): WsHandler {
  const { log } = deps;
  const sessionCheckMs = options.sessionCheckMs ?? DEFAULT_SESSION_CHECK_MS;
  const open = new Set<Connection>();
  let sessionTimer: ReturnType<typeof setInterval> | undefined;
  let checking = false;

  /** Closes the sockets whose session was revoked since they connected (logout, reuse, reset). */
  async function recheckSessions(): Promise<void> {
    if (checking) return;
    checking = true;
    try {
      const bySession = new Map<string, Connection[]>();
      for (const connection of open) {
        const list = bySession.get(connection.sessionId) ?? [];
        list.push(connection);
        bySession.set(connection.sessionId, list);
      }
      await Promise.all(
        [...bySession].map(async ([sessionId, connections]) => {
          const state = await sessionState(deps, sessionId).catch((error: Error) => {
            log.warn(
              { err: error.message },
              "ws: could not re-check a session; keeping its sockets",
            );
            return null;
          });
          if (state === null) return;
          for (const connection of connections) {
            if (!state || state.revoked || state.userId !== connection.userId) {
              connection.raw.close(WS_CLOSE_UNAUTHORIZED, "session ended");
            }
          }
        }),
      );
    } finally {
      checking = false;
    }
  }

  function opened(connection: Connection): void {
    open.add(connection);
    hub.register(connection.userId, connection.socket);
    if (!sessionTimer) {
      sessionTimer = setInterval(() => void recheckSessions(), sessionCheckMs);
      sessionTimer.unref?.();
    }
    log.debug({ userId: connection.userId, sockets: open.size }, "ws: open");
  }

  function closed(connection: Connection, code: number): void {
    clearTimeout(connection.expiry);
    open.delete(connection);
    hub.unregister(connection.userId, connection.socket);
    void connection.presence?.close();
    if (open.size === 0 && sessionTimer) {
      clearInterval(sessionTimer);
      sessionTimer = undefined;
    }
    log.debug({ userId: connection.userId, code, sockets: open.size }, "ws: closed");
  }

  function events(session: WsSession): WSEvents<ServerWebSocket<BunWebSocketData>> {
    let connection: Connection | undefined;
    return {
      onOpen(_event, ws) {
        const raw = ws.raw as ServerWebSocket<BunWebSocketData>;
        const socket: RealtimeSocket = { send: (data) => raw.send(data) };
        connection = {
          ...session,
          raw,
          socket,
          ...(hub.presence
            ? {
                presence: createPresenceSession(
                  deps,
                  hub.presence,
                  session.userId,
                  socket,
                  options.presenceRate,
                ),
              }
            : {}),
          // Clients reconnect with a fresh token on 4401; the token's own expiry is the deadline.
          expiry: setTimeout(
            () => raw.close(WS_CLOSE_UNAUTHORIZED, "access token expired"),
            Math.max(0, session.expiresAt - Date.now()),
          ),
        };
        opened(connection);
      },
      onMessage(event, ws) {
        // Browsers cannot send WebSocket pings; an application-level "ping" gets a "pong".
        if (event.data === "ping") ws.send("pong");
        else connection?.presence?.handle(event.data);
      },
      onClose(event) {
        if (connection) closed(connection, event.code);
        connection = undefined;
      },
      onError(event) {
        log.warn(
          { err: String((event as Event & { error?: unknown }).error) },
          "ws: handler error",
        );
      },
    };
  }

  return {
    async route(c) {
      if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
        c.header("Upgrade", "websocket");
        return c.json(
          { error: { message: "This endpoint speaks WebSocket only (Upgrade: websocket)." } },
          426,
        );
      }
      const session = await authenticate(deps, c.req.raw);
      if (!session) {
        return c.json(
          {
            error: {
              message:
                "Sign in to continue: send a valid access token as ?token= or as the subprotocol bearer.<token>.",
            },
          },
          401,
        );
      }
      try {
        // Bun answers with the first subprotocol the client offered (`bearer.<token>` when it
        // is the only one), which is what browsers require to accept the connection.
        return await upgradeWebSocket(c, events(session));
      } catch (error) {
        if (error instanceof TypeError) throw error; // no Bun server in the env: a wiring bug
        return c.json({ error: { message: "The WebSocket handshake is invalid." } }, 400);
      }
    },

    websocket: bunWebsocket,

    connections: () => open.size,

    closeAll(code = WS_CLOSE_GOING_AWAY, reason = "server shutting down") {
      for (const connection of [...open]) connection.raw.close(code, reason);
    },
  };
}
