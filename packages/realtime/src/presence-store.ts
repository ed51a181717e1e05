// Ticket presence state in Redis, shared by every server process: who has a ticket open, who types.
import type { Redis } from "@supportdesk/cache";
import {
  PRESENCE_TYPING_TTL_MS,
  PRESENCE_VIEW_TTL_MS,
  type PresenceTypingMode,
  type PresenceViewer,
} from "@supportdesk/domain";

/** A ticket of a tenant (both uuids, checked by the protocol before they reach a key). */
export type PresenceKey = { tenantId: string; ticketId: string };

/** One socket's presence: a user may have the ticket open in several tabs, each its own entry. */
export type PresenceMember = { connectionId: string; userId: string; name: string };

export type PresenceStoreOptions = {
  /** Any connection not in subscriber mode (the server's `deps.redis`). */
  redis: Redis;
  /** A viewer is gone this long after their last view (default PRESENCE_VIEW_TTL_MS). */
  viewTtlMs?: number;
  /** Typing ends this long after the last typing message (default PRESENCE_TYPING_TTL_MS). */
  typingTtlMs?: number;
  /** The clock (tests). */
  now?: () => number;
};

export type PresenceStore = {
  /** The socket has the ticket open (a heartbeat). True when the viewers as shown changed. */
  view(key: PresenceKey, member: PresenceMember): Promise<boolean>;
  /** The socket's user is typing (implies viewing). True when the viewers as shown changed. */
  typing(key: PresenceKey, member: PresenceMember, mode: PresenceTypingMode): Promise<boolean>;
  /** The socket left the ticket. True when it was there. */
  leave(key: PresenceKey, connectionId: string): Promise<boolean>;
  /** Who has the ticket open now, each user once (typing if any of their tabs is), by name. */
  viewers(key: PresenceKey): Promise<PresenceViewer[]>;
  readonly viewTtlMs: number;
  readonly typingTtlMs: number;
};

/** One hash field's value: user, name, viewing until, typing mode and until (epoch ms). */
type Entry = { u: string; n: string; v: number; t: PresenceTypingMode | null; tu: number };

/** `t:{tenantId}:presence:{ticketId}`: in the tenant's namespace (a tenant purge drops it). */
export const presenceKey = ({ tenantId, ticketId }: PresenceKey) =>
  `t:${tenantId.toLowerCase()}:presence:${ticketId.toLowerCase()}`;

const TIDY_SCRIPT = `
local now = tonumber(ARGV[1])
for i = 2, #ARGV do
  local raw = redis.call('HGET', KEYS[1], ARGV[i])
  if raw then
    local ok, entry = pcall(cjson.decode, raw)
    if not ok or type(entry) ~= 'table' or type(entry.v) ~= 'number' or entry.v <= now then
      redis.call('HDEL', KEYS[1], ARGV[i])
    end
  end
end
return 0`;

function parseEntry(raw: string | null | undefined): Entry | undefined {
  if (!raw) return undefined;
  try {
    const entry = JSON.parse(raw) as Entry;
    return typeof entry?.u === "string" && typeof entry.v === "number" ? entry : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The presence of every ticket, as one Redis hash per ticket (`presenceKey`): a field per socket
 * holding its expiry, so a process that dies leaves entries that simply lapse. The hash itself
 * expires once no one has refreshed it for a view TTL.
 *
 * @example
 * const store = createPresenceStore({ redis: deps.redis });
 * if (await store.view({ tenantId, ticketId }, { connectionId, userId, name })) publishChange(…);
 */
export function createPresenceStore(options: PresenceStoreOptions): PresenceStore {
  const { redis } = options;
  const viewTtlMs = options.viewTtlMs ?? PRESENCE_VIEW_TTL_MS;
  const typingTtlMs = options.typingTtlMs ?? PRESENCE_TYPING_TTL_MS;
  const now = options.now ?? Date.now;

  const typingOf = (entry: Entry | undefined, at: number) =>
    entry && entry.tu > at ? entry.t : null;

  async function write(
    key: PresenceKey,
    member: PresenceMember,
    next: (at: number, old?: Entry) => Entry,
  ) {
    const hash = presenceKey(key);
    const at = now();
    const old = parseEntry(await redis.hget(hash, member.connectionId));
    const live = old && old.v > at ? old : undefined;
    const entry = next(at, live);
    await redis
      .multi()
      .hset(hash, member.connectionId, JSON.stringify(entry))
      .pexpire(hash, viewTtlMs + typingTtlMs)
      .exec();
    return !live || typingOf(live, at) !== typingOf(entry, at) || live.n !== entry.n;
  }

  return {
    viewTtlMs,
    typingTtlMs,

    view(key, member) {
      return write(key, member, (at, old) => ({
        u: member.userId,
        n: member.name,
        v: at + viewTtlMs,
        t: typingOf(old, at),
        tu: old && typingOf(old, at) ? old.tu : 0,
      }));
    },

    typing(key, member, mode) {
      return write(key, member, (at) => ({
        u: member.userId,
        n: member.name,
        v: at + viewTtlMs,
        t: mode,
        tu: at + typingTtlMs,
      }));
    },

    async leave(key, connectionId) {
      return (await redis.hdel(presenceKey(key), connectionId)) > 0;
    },

    async viewers(key) {
      const hash = presenceKey(key);
      const at = now();
      const all = await redis.hgetall(hash);
      const byUser = new Map<string, PresenceViewer>();
      const lapsed: string[] = [];
      for (const [field, raw] of Object.entries(all)) {
        const entry = parseEntry(raw);
        if (!entry || entry.v <= at) {
          lapsed.push(field);
          continue;
        }
        const typing = typingOf(entry, at);
        const seen = byUser.get(entry.u);
        if (!seen) byUser.set(entry.u, { userId: entry.u, name: entry.n, typing });
        // A reply being typed in one tab outweighs a note in another.
        else if (typing && seen.typing !== "reply") seen.typing = typing;
      }
      // Entries of sockets that died without leaving: tidied by whoever reads them next (by a
      // script that re-checks each, so a heartbeat that refreshed one meanwhile is kept).
      if (lapsed.length > 0) await redis.eval(TIDY_SCRIPT, 1, hash, at, ...lapsed);
      return [...byUser.values()].sort(
        (a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId),
      );
    },
  };
}
