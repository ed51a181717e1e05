// When each accepted message's filing committed, seen from PostgreSQL: every filing transaction
// records outbox jobs, whose trigger NOTIFYs 'outbox' at commit; on each NOTIFY (and every 100 ms
// in case one is missed) the watcher asks which of the pending messages are no longer
// 'received'. The time a message is first seen filed is an upper bound of its commit, late by one
// query at most (a query already running when the NOTIFY came is followed by another at once).
import { filedOf } from "./email-data";
import type { Db } from "./queue-db";

export type Filed = { at: number; status: string };

const now = () => performance.timeOrigin + performance.now();

export type CommitWatcher = {
  /** Resolves when message `id` of `tenantId` is filed (committed), with when it was first seen. */
  watch(tenantId: string, id: string): Promise<Filed>;
  pending(): number;
  /** Queries run, and how long they took (ms), for the report. */
  stats(): { queries: number; totalMs: number; maxMs: number };
  stop(): Promise<void>;
};

export async function startCommitWatcher(db: Db): Promise<CommitWatcher> {
  const waiting = new Map<string, Map<string, (filed: Filed) => void>>();
  let running = false;
  let again = false;
  let stopped = false;
  let queries = 0;
  let totalMs = 0;
  let maxMs = 0;
  let lastError: unknown;

  const look = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const pending = new Map<string, string[]>();
        for (const [tenantId, ids] of waiting)
          if (ids.size > 0) pending.set(tenantId, [...ids.keys()]);
        if (pending.size === 0) break;
        const started = now();
        const rows = await filedOf(db.sql, pending);
        const at = now();
        queries++;
        totalMs += at - started;
        maxMs = Math.max(maxMs, at - started);
        for (const row of rows) {
          for (const ids of waiting.values()) {
            const resolve = ids.get(row.id);
            if (resolve) {
              ids.delete(row.id);
              resolve({ at, status: row.status });
            }
          }
        }
      } while (again && !stopped);
    } catch (error) {
      lastError = error;
    } finally {
      running = false;
    }
  };

  const listener = await db.sql.listen("outbox", () => void look());
  const timer = setInterval(() => void look(), 100);
  return {
    watch(tenantId, id) {
      if (lastError) throw lastError;
      return new Promise<Filed>((resolve) => {
        const ids = waiting.get(tenantId) ?? new Map<string, (filed: Filed) => void>();
        ids.set(id, resolve);
        waiting.set(tenantId, ids);
        void look();
      });
    },
    pending: () => [...waiting.values()].reduce((sum, ids) => sum + ids.size, 0),
    stats: () => ({ queries, totalMs: Math.round(totalMs), maxMs: Math.round(maxMs * 10) / 10 }),
    async stop() {
      stopped = true;
      clearInterval(timer);
      await listener.unlisten().catch(() => {});
      if (lastError) throw lastError;
    },
  };
}
