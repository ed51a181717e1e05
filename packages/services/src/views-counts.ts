// The live counts beside each saved view: how many tickets each view's filters match, capped, and
// cached briefly per tenant in a cache the caller hands in (services do not reach Redis).
import { auditLog, messages, savedViews, sql } from "@supportdesk/database";
import { can } from "@supportdesk/domain";
import { authorize, type TenantScope } from "./context";
import { countTickets } from "./ticket-list";
import { readFilters } from "./views-filters";
import { visibleTo } from "./views-rules";

/** A badge counts at most this many tickets (the web shows "999+" when `capped`). */
export const COUNT_CAP = 1000;
/** How long one computed count may be answered from the cache. */
export const COUNTS_TTL_SECONDS = 15;

export type ViewCount = { count: number; capped: boolean };

/**
 * The slice of a JSON cache the counts use — `@supportdesk/cache`'s `tenantCache(redis, tenantId)`
 * fits. Its keys must already be per tenant. Reads and writes must degrade (a failure is a miss).
 */
export type CountsCache = {
  getMany<T>(keys: string[]): Promise<(T | undefined)[]>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
};

/**
 * The tenant's latest audit row and latest message (both ids are time-ordered UUIDv7s), read from
 * their primary-key indexes: every ticket change the app makes writes one or the other (an update,
 * a reply or note, a new ticket, an inbound email), so a change gives the counts a new cache key.
 */
async function changeStamp(scope: TenantScope): Promise<string> {
  const [row] = await scope.tx.execute<{ audited: string | null; message: string | null }>(sql`
    select
      (select ${auditLog.id} from ${auditLog} order by 1 desc limit 1)::text as audited,
      (select ${messages.id} from ${messages} order by 1 desc limit 1)::text as message`);
  return `${row?.audited ?? "0"}:${row?.message ?? "0"}`;
}

/**
 * How many tickets each view the caller sees matches: `{ [viewId]: { count, capped } }`.
 *
 * What the cache guarantees: a count is computed by the same `countTickets` the inbox uses, and is
 * reused only under the same key — the view (and its `updatedAt`, so an edit recounts), who it is
 * for (per user when the filters say assignee "me"; with words to search, per whether internal
 * notes count), and the tenant's change stamp (latest audit row and message). So a count never
 * outlives an edit of its view, and any committed ticket change that writes an audit row or a
 * message makes the next call recount. What the stamp cannot see — a transaction that commits
 * after a later one was stamped, or a change written by something that audits nothing — is at
 * most COUNTS_TTL_SECONDS stale. Without a cache, or when it fails, every count is computed.
 *
 * @example
 * const counts = await viewCounts(scope, tenantCache(redis, scope.tenantId));
 */
export async function viewCounts(
  scope: TenantScope,
  cache?: CountsCache,
): Promise<Record<string, ViewCount>> {
  authorize(scope, "ticket.read");
  const views = await scope.tx
    .select({ id: savedViews.id, filters: savedViews.filters, updatedAt: savedViews.updatedAt })
    .from(savedViews)
    .where(visibleTo(scope));
  if (views.length === 0) return {};
  const stamp = await changeStamp(scope);
  const notes = can(scope, "ticket.note.read") ? "n1" : "n0";
  const entries = views.map((view) => {
    const filters = readFilters(view.filters);
    const audience =
      filters.assignee === "me" ? `u.${scope.actor.userId ?? "key"}` : filters.q ? notes : "all";
    const key = `views:count:${view.id}:${view.updatedAt.getTime()}:${audience}:${stamp}`;
    return { id: view.id, filters, key };
  });
  const cached = cache
    ? await cache.getMany<ViewCount>(entries.map((e) => e.key)).catch(() => [])
    : [];
  const counts: Record<string, ViewCount> = {};
  for (const [index, entry] of entries.entries()) {
    const hit = cached[index];
    if (hit && typeof hit.count === "number" && typeof hit.capped === "boolean") {
      counts[entry.id] = { count: hit.count, capped: hit.capped };
      continue;
    }
    const fresh = await countTickets(scope, entry.filters, COUNT_CAP);
    counts[entry.id] = fresh;
    await cache?.set(entry.key, fresh, COUNTS_TTL_SECONDS).catch(() => undefined);
  }
  return counts;
}
