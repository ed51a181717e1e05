// Server-side delivery: one Redis subscription per process, fanned out to this process's sockets.
import type { Redis } from "@supportdesk/cache";
import { EVENTS_CHANNEL, parseEvent, type RealtimeEvent } from "./events";

/** What the hub needs of a connection: a way to send it text (a Bun ServerWebSocket fits). */
export type RealtimeSocket = { send(data: string): unknown };

/** The log calls the hub makes (a pino logger fits). */
export type RealtimeLog = {
  debug(details: object, message: string): void;
  warn(details: object, message: string): void;
};

/** What a socket receives: the event without its audience. */
export type RealtimeMessage = Pick<RealtimeEvent, "type" | "tenantId" | "payload">;

export type RealtimeHubOptions = {
  /**
   * A dedicated ioredis connection: once it subscribes it can run nothing else. Give it
   * `maxRetriesPerRequest: null` so SUBSCRIBE waits for Redis instead of failing at start;
   * ioredis subscribes again by itself after a reconnect.
   */
  subscriber: Redis;
  /**
   * Which of `userIds` may receive the tenant's events now (membership). Asked once per event
   * with every user the event would reach on this process, so an implementation can look them
   * all up in one round trip; a rejection or a timeout counts as "no" for all of them.
   */
  canDeliver(userIds: string[], tenantId: string): Promise<ReadonlySet<string>>;
  log: RealtimeLog;
  /** How long one canDeliver call may take before it counts as "no" (default 2000 ms). */
  checkTimeoutMs?: number;
};

export type RealtimeHub = {
  /** Subscribes to EVENTS_CHANNEL; resolves once Redis confirmed the subscription. */
  start(): Promise<void>;
  /** Unsubscribes and waits for the deliveries under way. Sockets stay open (the server owns them). */
  stop(): Promise<void>;
  /** Adds a socket of the user; one user may have many (tabs, devices). */
  register(userId: string, socket: RealtimeSocket): void;
  /** Removes the socket; unknown sockets are ignored. */
  unregister(userId: string, socket: RealtimeSocket): void;
  /**
   * Delivers one event to this process's sockets (what the subscription does for each message).
   * Resolves with how many sockets it was sent to; never rejects. Events are sent in the order
   * they were delivered, while their membership checks run concurrently.
   */
  deliver(event: RealtimeEvent): Promise<number>;
  /** Resolves when every delivery started so far has been sent. */
  idle(): Promise<void>;
  /** Connected users and sockets on this process. */
  stats(): { users: number; sockets: number };
};

const DEFAULT_CHECK_TIMEOUT_MS = 2000;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The realtime hub of one server process: receives every event published with `publishEvent`
 * (any process, any worker) and sends it to the sockets registered here whose user may see it.
 *
 * Audience: `event.userIds`, or when null every user connected here; then each of those users is
 * checked with `canDeliver(userId, event.tenantId)` at delivery time, so a user who left the
 * tenant (or a wrong `userIds`) never gets the event.
 *
 * @example
 * const subscriber = createRedis(config.REDIS_URL, { name: "server:events", maxRetriesPerRequest: null });
 * const hub = createRealtimeHub({
 *   subscriber,
 *   canDeliver: async (userIds, tenantId) => new Set(userIds.filter(isMemberOf(tenantId))),
 *   log,
 * });
 * await hub.start();
 * // on open:  hub.register(userId, ws);   on close: hub.unregister(userId, ws);
 */
export function createRealtimeHub(options: RealtimeHubOptions): RealtimeHub {
  const { subscriber, canDeliver, log } = options;
  const checkTimeoutMs = options.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  if (!Number.isSafeInteger(checkTimeoutMs) || checkTimeoutMs <= 0) {
    throw new Error(`checkTimeoutMs must be a positive integer, got ${checkTimeoutMs}`);
  }
  const sockets = new Map<string, Set<RealtimeSocket>>();
  // Sends happen in delivery order: each delivery's send waits for the one before it.
  let tail: Promise<unknown> = Promise.resolve();
  let listening = false;

  async function check(userIds: string[], tenantId: string): Promise<ReadonlySet<string>> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const none: ReadonlySet<string> = new Set();
    const timeout = new Promise<ReadonlySet<string>>((resolve) => {
      timer = setTimeout(() => {
        log.warn(
          { users: userIds.length, tenantId, ms: checkTimeoutMs },
          "realtime: membership check timed out",
        );
        resolve(none);
      }, checkTimeoutMs);
    });
    try {
      return await Promise.race([
        // new Promise: a canDeliver that throws instead of rejecting is a "no" too.
        new Promise<ReadonlySet<string>>((resolve) => resolve(canDeliver(userIds, tenantId))).then(
          (allowed) => allowed,
          (error: unknown) => {
            log.warn(
              { err: messageOf(error), users: userIds.length, tenantId },
              "realtime: membership check failed; event not delivered",
            );
            return none;
          },
        ),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The users connected here whom the event is for and who may see it. */
  async function audience(event: RealtimeEvent): Promise<string[]> {
    const candidates =
      event.userIds === null
        ? [...sockets.keys()]
        : [...new Set(event.userIds)].filter((userId) => sockets.has(userId));
    if (candidates.length === 0) return [];
    const allowed = await check(candidates, event.tenantId);
    return candidates.filter((userId) => allowed.has(userId));
  }

  function send(event: RealtimeEvent, userIds: string[]): number {
    if (userIds.length === 0) return 0;
    const message: RealtimeMessage = {
      type: event.type,
      tenantId: event.tenantId,
      payload: event.payload,
    };
    const data = JSON.stringify(message);
    let sent = 0;
    for (const userId of userIds) {
      const userSockets = sockets.get(userId);
      if (!userSockets) continue; // disconnected while being checked
      for (const socket of [...userSockets]) {
        try {
          socket.send(data);
          sent++;
        } catch (error) {
          log.debug({ err: messageOf(error), userId }, "realtime: send to a socket failed");
        }
      }
    }
    return sent;
  }

  function deliver(event: RealtimeEvent): Promise<number> {
    const checked = audience(event).catch((error: unknown) => {
      log.warn({ err: messageOf(error), type: event.type }, "realtime: delivery failed");
      return [] as string[];
    });
    const sent = tail.then(
      () => checked,
      () => checked,
    );
    const result = sent.then(
      (userIds) => send(event, userIds),
      () => 0,
    );
    tail = result;
    return result;
  }

  function onMessage(channel: string, message: string): void {
    if (channel !== EVENTS_CHANNEL) return;
    try {
      const event = parseEvent(message);
      if (!event) {
        log.debug({ channel, length: message.length }, "realtime: ignored a malformed event");
        return;
      }
      void deliver(event);
    } catch (error) {
      log.warn({ err: messageOf(error) }, "realtime: could not handle an event");
    }
  }

  return {
    async start() {
      if (!listening) {
        subscriber.on("message", onMessage);
        listening = true;
      }
      await subscriber.subscribe(EVENTS_CHANNEL);
    },

    async stop() {
      if (listening) {
        subscriber.off("message", onMessage);
        listening = false;
      }
      await subscriber.unsubscribe(EVENTS_CHANNEL).catch(() => {});
      await tail;
    },

    register(userId, socket) {
      let userSockets = sockets.get(userId);
      if (!userSockets) {
        userSockets = new Set();
        sockets.set(userId, userSockets);
      }
      userSockets.add(socket);
    },

    unregister(userId, socket) {
      const userSockets = sockets.get(userId);
      if (!userSockets) return;
      userSockets.delete(socket);
      if (userSockets.size === 0) sockets.delete(userId);
    },

    deliver,

    async idle() {
      await tail;
    },

    stats() {
      let count = 0;
      for (const userSockets of sockets.values()) count += userSockets.size;
      return { users: sockets.size, sockets: count };
    },
  };
}
