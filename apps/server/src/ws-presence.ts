// Ticket presence over /ws: the process's presence hub, and what one socket's messages go through
// (rate limit, validation, membership and permission in the named tenant) before they are recorded.
import { type AccessDeps, findTenant, grantFor, memberRole } from "@supportdesk/access";
import type { Redis } from "@supportdesk/cache";
import { eq, users } from "@supportdesk/database";
import { can, type HasPermissions, type PresenceClientMessage } from "@supportdesk/domain";
import {
  createPresenceHub,
  createPresenceStore,
  type PresenceAccess,
  type PresenceConnection,
  type PresenceHub,
  parsePresenceClientMessage,
  type RealtimeHubOptions,
  type RealtimeSocket,
} from "@supportdesk/realtime";

/** Expiries and sweep of presence (defaults in `@supportdesk/domain`; tests shorten them). */
export type PresenceTimings = { viewTtlMs?: number; typingTtlMs?: number; sweepMs?: number };

/** At most `limit` presence messages per socket in any `windowMs` (pings do not count). */
export type PresenceRate = { limit: number; windowMs: number };
export const DEFAULT_PRESENCE_RATE: PresenceRate = { limit: 20, windowMs: 10_000 };

/** The process's presence hub: state in `deps.redis`, changes over the events subscriber. */
export function createServerPresence(
  deps: AccessDeps,
  subscriber: Redis,
  canDeliver: RealtimeHubOptions["canDeliver"],
  timings: PresenceTimings = {},
): PresenceHub {
  const { sweepMs, ...ttls } = timings;
  return createPresenceHub({
    store: createPresenceStore({ redis: deps.redis, ...ttls }),
    publisher: deps.redis,
    subscriber,
    canDeliver,
    log: deps.log,
    ...(sweepMs ? { sweepMs } : {}),
  });
}

/** One socket's side of presence: `handle` each text message, `close` when the socket closes. */
export type PresenceSession = {
  /** Takes one message from the client; ignores anything that is not a valid presence message. */
  handle(data: unknown): void;
  /** The socket closed: finishes what is under way, then leaves every ticket it had open. */
  close(): Promise<void>;
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The presence session of a socket of `userId`. Every message names its tenant; it counts only
 * while the user is a member of that tenant (not suspended) holding ticket.read, and is otherwise
 * ignored without an answer, so naming another tenant's ticket teaches nothing. Typing shows only
 * for what the role may send (ticket.reply, ticket.note); otherwise it counts as viewing.
 * Messages are handled one at a time, in order; nothing a client sends can make this throw.
 *
 * @example
 * const presence = createPresenceSession(deps, hub.presence, userId, socket);
 * // onMessage: presence.handle(event.data);   onClose: void presence.close();
 */
export function createPresenceSession(
  deps: AccessDeps,
  presence: PresenceHub,
  userId: string,
  socket: RealtimeSocket,
  rate: PresenceRate = DEFAULT_PRESENCE_RATE,
): PresenceSession {
  const { log } = deps;
  const id = crypto.randomUUID();
  let name: Promise<string> | undefined;
  let tail: Promise<void> = Promise.resolve();
  let closed = false;
  let windowStart = 0;
  let count = 0;

  /** The user's display name, read once per socket (again after a failure). */
  function nameOf(): Promise<string> {
    name ??= deps.db.platform
      .select({ name: users.name })
      .from(users)
      .where(eq(users.id, userId))
      .then(([row]) => row?.name ?? "A colleague");
    name.catch(() => {
      name = undefined;
    });
    return name;
  }

  /** The user's grant in the tenant while they are a member of it (not suspended). */
  async function grantIn(tenantId: string): Promise<HasPermissions | undefined> {
    const tenant = await findTenant(deps, { id: tenantId });
    if (!tenant || tenant.status === "suspended") return undefined;
    const membership = await memberRole(deps, tenant.id, userId);
    return membership ? grantFor(deps, tenant.id, membership) : undefined;
  }

  async function apply(message: PresenceClientMessage): Promise<void> {
    const key = { tenantId: message.tenantId, ticketId: message.ticketId };
    const connection: PresenceConnection = { id, userId, name: "", socket };
    if (message.type === "presence.leave") {
      // Only ever this socket's own entry: nothing to check.
      await presence.leave(connection, key);
      return;
    }
    const grant = await grantIn(message.tenantId);
    if (!grant || !can(grant, "ticket.read")) {
      // Refused (or no longer allowed): ends this socket's presence there, if it had any.
      await presence.leave(connection, key);
      return;
    }
    const access: PresenceAccess = { notes: can(grant, "ticket.note.read") };
    connection.name = await nameOf();
    // Typing what the role may not send counts as viewing only.
    const mode = message.type === "presence.typing" ? message.mode : undefined;
    if (mode && can(grant, mode === "note" ? "ticket.note" : "ticket.reply")) {
      await presence.typing(connection, key, mode, access);
    } else {
      await presence.view(connection, key, access);
    }
  }

  function withinRate(): boolean {
    const now = Date.now();
    if (now - windowStart >= rate.windowMs) {
      windowStart = now;
      count = 0;
    }
    count += 1;
    if (count === rate.limit + 1) {
      log.debug({ userId, limit: rate.limit }, "ws: presence messages over the limit; ignoring");
    }
    return count <= rate.limit;
  }

  return {
    handle(data) {
      if (closed || !withinRate()) return;
      const message = parsePresenceClientMessage(data);
      if (!message) {
        log.debug({ userId }, "ws: ignored a malformed client message");
        return;
      }
      tail = tail
        .then(() => (closed && message.type !== "presence.leave" ? undefined : apply(message)))
        .catch((error: unknown) =>
          log.warn({ err: messageOf(error), userId }, "ws: presence message failed; ignored"),
        );
    },

    async close() {
      closed = true;
      await tail;
      await presence.drop({ id, userId, name: "", socket });
    },
  };
}
