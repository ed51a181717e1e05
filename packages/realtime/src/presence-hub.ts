// Ticket presence in one server process: records its sockets' views and typing in the shared
// store, and sends each ticket's viewers to the sockets here that have it open (change, expiry).
import type { Redis } from "@supportdesk/cache";
import type { PresenceMessage, PresenceTypingMode, PresenceViewer } from "@supportdesk/domain";
import type { RealtimeHubOptions, RealtimeLog, RealtimeSocket } from "./hub";
import { PRESENCE_CHANNEL, parsePresenceChange, publishPresenceChange } from "./presence";
import type { PresenceKey, PresenceStore } from "./presence-store";

/** A socket as presence knows it: its own id, its user (and name), and how to reach it. */
export type PresenceConnection = {
  id: string;
  userId: string;
  name: string;
  socket: RealtimeSocket;
};

/** What the connection may see on this ticket's tenant: `notes` = holds ticket.note.read. */
export type PresenceAccess = { notes: boolean };

export type PresenceHubOptions = {
  store: PresenceStore;
  /** Publishes changes: any connection not in subscriber mode. */
  publisher: Redis;
  /** The process's subscriber connection (the event hub's may be shared: channels differ). */
  subscriber: Redis;
  /** Which of the users are members of the tenant now (the event hub's check). */
  canDeliver: RealtimeHubOptions["canDeliver"];
  log: RealtimeLog;
  /** How often expiries are looked for (default 2000 ms; below the typing TTL). */
  sweepMs?: number;
};

export type PresenceHub = {
  /** Subscribes to PRESENCE_CHANNEL and starts the sweep. */
  start(): Promise<void>;
  /** Unsubscribes and stops the sweep. */
  stop(): Promise<void>;
  /** The connection has the ticket open (first time or heartbeat). Never rejects. */
  view(connection: PresenceConnection, key: PresenceKey, access: PresenceAccess): Promise<void>;
  /** The connection's user is typing on the ticket (implies viewing it). Never rejects. */
  typing(
    connection: PresenceConnection,
    key: PresenceKey,
    mode: PresenceTypingMode,
    access: PresenceAccess,
  ): Promise<void>;
  /** The connection left the ticket. Never rejects. */
  leave(connection: PresenceConnection, key: PresenceKey): Promise<void>;
  /** The socket closed: it leaves every ticket it had open. Never rejects. */
  drop(connection: PresenceConnection): Promise<void>;
  /** Tickets watched from this process and the sockets watching them. */
  stats(): { tickets: number; watchers: number };
};

const DEFAULT_SWEEP_MS = 2000;

type Watch = { connection: PresenceConnection; notes: boolean; until: number };
type Ticket = {
  key: PresenceKey;
  watches: Map<string, Watch>;
  /** The viewers last sent (JSON), so a refresh that finds no change sends nothing. */
  last?: string;
  running?: Promise<void>;
  again?: boolean;
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const keyOf = ({ tenantId, ticketId }: PresenceKey) => `${tenantId}:${ticketId}`;
const memberOf = ({ id, userId, name }: PresenceConnection) => ({ connectionId: id, userId, name });

/**
 * The presence side of a server process. State lives in Redis (`store`), so a ticket's viewers are
 * the same whichever process their sockets are on; a change is published on PRESENCE_CHANNEL and
 * every process re-reads the ticket and tells its own watchers. Expiries publish nothing: each
 * process's sweep re-reads the tickets it watches. Redis failing means no presence, never errors.
 *
 * @example
 * const store = createPresenceStore({ redis });
 * const presence = createPresenceHub({ store, publisher: redis, subscriber, canDeliver, log });
 * await presence.start();
 * await presence.view(connection, { tenantId, ticketId }, { notes: true });
 */
export function createPresenceHub(options: PresenceHubOptions): PresenceHub {
  const { store, publisher, subscriber, canDeliver, log } = options;
  const sweepMs = options.sweepMs ?? DEFAULT_SWEEP_MS;
  const tickets = new Map<string, Ticket>();
  const byConnection = new Map<string, Set<string>>();
  let sweepTimer: ReturnType<typeof setInterval> | undefined;
  let listening = false;

  async function allowedUsers(userIds: string[], tenantId: string): Promise<ReadonlySet<string>> {
    try {
      return await canDeliver(userIds, tenantId);
    } catch (error) {
      log.warn({ err: messageOf(error), tenantId }, "presence: membership check failed");
      return new Set();
    }
  }

  async function send(ticket: Ticket, viewers: PresenceViewer[]): Promise<void> {
    const at = Date.now();
    const watches = [...ticket.watches.values()].filter((watch) => watch.until > at);
    if (watches.length === 0) return;
    const { tenantId, ticketId } = ticket.key;
    const allowed = await allowedUsers(
      [...new Set(watches.map((watch) => watch.connection.userId))],
      tenantId,
    );
    const message = (notes: boolean): string =>
      JSON.stringify({
        type: "presence",
        tenantId,
        ticketId,
        // Someone who may not read notes is not told that one is being written.
        viewers: notes
          ? viewers
          : viewers.map((v) => (v.typing === "note" ? { ...v, typing: null } : v)),
      } satisfies PresenceMessage);
    const texts = { true: message(true), false: message(false) };
    for (const watch of watches) {
      if (!allowed.has(watch.connection.userId)) continue;
      try {
        watch.connection.socket.send(texts[`${watch.notes}`]);
      } catch (error) {
        log.debug({ err: messageOf(error) }, "presence: send to a socket failed");
      }
    }
  }

  async function refreshOnce(ticket: Ticket): Promise<void> {
    const viewers = await store.viewers(ticket.key).catch((error: unknown) => {
      log.debug({ err: messageOf(error) }, "presence: could not read viewers; showing none");
      return [] as PresenceViewer[];
    });
    const text = JSON.stringify(viewers);
    if (text === ticket.last) return;
    ticket.last = text;
    await send(ticket, viewers);
  }

  /** Re-reads a watched ticket and sends it if it changed; one read at a time per ticket. */
  function refresh(id: string): Promise<void> {
    const ticket = tickets.get(id);
    if (!ticket) return Promise.resolve();
    if (ticket.running) {
      ticket.again = true;
      return ticket.running;
    }
    ticket.running = (async () => {
      try {
        do {
          ticket.again = false;
          await refreshOnce(ticket);
        } while (ticket.again);
      } finally {
        ticket.running = undefined;
      }
    })();
    return ticket.running;
  }

  /** Starts or renews the connection's watch of the ticket; true when it is new. */
  function watch(connection: PresenceConnection, key: PresenceKey, access: PresenceAccess) {
    const id = keyOf(key);
    let ticket = tickets.get(id);
    if (!ticket) {
      ticket = { key, watches: new Map() };
      tickets.set(id, ticket);
    }
    const fresh = !ticket.watches.has(connection.id);
    const until = Date.now() + store.viewTtlMs;
    ticket.watches.set(connection.id, { connection, notes: access.notes, until });
    let ids = byConnection.get(connection.id);
    if (!ids) {
      ids = new Set();
      byConnection.set(connection.id, ids);
    }
    ids.add(id);
    return { id, ticket, fresh };
  }

  function unwatch(connectionId: string, id: string): void {
    const ticket = tickets.get(id);
    ticket?.watches.delete(connectionId);
    if (ticket && ticket.watches.size === 0) tickets.delete(id);
    const ids = byConnection.get(connectionId);
    ids?.delete(id);
    if (ids?.size === 0) byConnection.delete(connectionId);
  }

  async function changed(key: PresenceKey): Promise<void> {
    await publishPresenceChange(publisher, key).catch((error: unknown) =>
      log.debug({ err: messageOf(error) }, "presence: could not publish a change"),
    );
  }

  async function record(
    connection: PresenceConnection,
    key: PresenceKey,
    access: PresenceAccess,
    write: () => Promise<boolean>,
  ): Promise<void> {
    const { id, ticket, fresh } = watch(connection, key, access);
    const didChange = await write().catch((error: unknown) => {
      log.debug({ err: messageOf(error) }, "presence: could not record; Redis unavailable?");
      return false;
    });
    if (didChange) await changed(key);
    // A socket that just arrived needs the viewers now, even if nothing changed for the others.
    if (fresh) {
      ticket.last = undefined;
      await refresh(id);
    }
  }

  async function leave(connection: PresenceConnection, key: PresenceKey): Promise<void> {
    unwatch(connection.id, keyOf(key));
    const left = await store.leave(key, connection.id).catch((error: unknown) => {
      log.debug({ err: messageOf(error) }, "presence: could not record a leave");
      return false;
    });
    if (left) await changed(key);
  }

  function sweep(): void {
    const at = Date.now();
    for (const [id, ticket] of tickets) {
      for (const [connectionId, watch] of ticket.watches) {
        if (watch.until <= at) unwatch(connectionId, id);
      }
      if (tickets.has(id)) void refresh(id);
    }
  }

  function onMessage(channel: string, message: string): void {
    if (channel !== PRESENCE_CHANNEL) return;
    const key = parsePresenceChange(message);
    if (key) void refresh(keyOf(key));
  }

  return {
    async start() {
      if (!listening) {
        subscriber.on("message", onMessage);
        listening = true;
      }
      sweepTimer ??= setInterval(sweep, sweepMs);
      sweepTimer.unref?.();
      await subscriber.subscribe(PRESENCE_CHANNEL);
    },

    async stop() {
      clearInterval(sweepTimer);
      sweepTimer = undefined;
      if (listening) {
        subscriber.off("message", onMessage);
        listening = false;
      }
      await subscriber.unsubscribe(PRESENCE_CHANNEL).catch(() => {});
      await Promise.all([...tickets.values()].map((ticket) => ticket.running));
    },

    view: (connection, key, access) =>
      record(connection, key, access, () => store.view(key, memberOf(connection))),

    typing: (connection, key, mode, access) =>
      record(connection, key, access, () => store.typing(key, memberOf(connection), mode)),

    leave,

    async drop(connection) {
      const ids = [...(byConnection.get(connection.id) ?? [])];
      const keys = ids.map((id) => tickets.get(id)?.key).filter((key) => key !== undefined);
      await Promise.all(keys.map((key) => leave(connection, key)));
    },

    stats() {
      let watchers = 0;
      for (const ticket of tickets.values()) watchers += ticket.watches.size;
      return { tickets: tickets.size, watchers };
    },
  };
}
