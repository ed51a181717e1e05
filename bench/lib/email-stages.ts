// What bench:email reads from PostgreSQL about where time went: the bench database's counters
// (pg_stat_database, pg_stat_user_tables), the worker's backends, and each inbound job's stages
// from the platform tables outbox (created, dispatched by the relay) and job_runs (handler
// started, finished) — all timestamps from the database's clock.
import type { Db } from "./queue-db";
import { type LatencySummary, summarize } from "./stats";

type Sql = Db["sql"];

export type DbCounters = {
  commits: number;
  rollbacks: number;
  inserted: number;
  updated: number;
  deleted: number;
  fetched: number;
};

/** The bench database's cumulative counters (pg_stat_database; flushed about once a second). */
export async function dbCounters(sql: Sql): Promise<DbCounters> {
  const [row] = await sql<DbCounters[]>`
    select xact_commit::float8 as commits, xact_rollback::float8 as rollbacks,
           tup_inserted::float8 as inserted, tup_updated::float8 as updated,
           tup_deleted::float8 as deleted, tup_fetched::float8 as fetched
    from pg_stat_database where datname = current_database()`;
  if (!row) throw new Error("pg_stat_database has no row for the bench database");
  return row;
}

/** `end − start` of each counter divided by `per` (e.g. per message). */
export function countersPer(start: DbCounters, end: DbCounters, per: number): DbCounters {
  const out = {} as DbCounters;
  for (const key of Object.keys(start) as (keyof DbCounters)[]) {
    out[key] = Math.round(((end[key] - start[key]) / per) * 100) / 100;
  }
  return out;
}

/** PostgreSQL backends serving the bench database for other roles (the workers), by pid. */
export async function workerBackendPids(sql: Sql): Promise<number[]> {
  const rows = await sql<{ pid: number }[]>`
    select pid from pg_stat_activity
    where datname = current_database() and usename <> current_user`;
  return rows.map((r) => r.pid);
}

export type TableActivity = Record<
  string,
  { scans: number; rowsRead: number; inserted: number; updated: number; deleted: number }
>;

/** Scans (sequential + index) and rows written per table of the bench database so far. */
export async function tableActivity(sql: Sql): Promise<TableActivity> {
  const rows = await sql<
    {
      name: string;
      scans: number;
      rowsRead: number;
      inserted: number;
      updated: number;
      deleted: number;
    }[]
  >`
    select relname as name,
           (coalesce(seq_scan, 0) + coalesce(idx_scan, 0))::float8 as scans,
           (coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0))::float8 as "rowsRead",
           n_tup_ins::float8 as inserted, n_tup_upd::float8 as updated,
           n_tup_del::float8 as deleted
    from pg_stat_user_tables`;
  return Object.fromEntries(rows.map(({ name, ...counts }) => [name, counts]));
}

/** Each table's activity between two readings divided by `per`; untouched tables left out. */
export function activityPer(start: TableActivity, end: TableActivity, per: number): TableActivity {
  const out: TableActivity = {};
  const round = (v: number) => Math.round((v / per) * 100) / 100;
  for (const [name, e] of Object.entries(end)) {
    const s = start[name] ?? { scans: 0, rowsRead: 0, inserted: 0, updated: 0, deleted: 0 };
    const diff = {
      scans: round(e.scans - s.scans),
      rowsRead: round(e.rowsRead - s.rowsRead),
      inserted: round(e.inserted - s.inserted),
      updated: round(e.updated - s.updated),
      deleted: round(e.deleted - s.deleted),
    };
    if (diff.scans || diff.inserted || diff.updated || diff.deleted) out[name] = diff;
  }
  return out;
}

export type InboundStages = {
  jobs: number;
  /** Outbox row committed with the inbound row → the relay moved it to BullMQ. */
  relayMs: LatencySummary;
  /** Moved to BullMQ → a worker's handler started (job_runs row). */
  queueMs: LatencySummary;
  /** Handler started → finished: read, parse, file (its transaction), job bookkeeping. */
  handlerMs: LatencySummary;
};

/**
 * The stages of the email.inbound jobs recorded in [since, until) (all when `until` is null),
 * leaving out the jobs of the inbound rows in `exclude` (the big messages).
 */
export async function inboundStages(
  sql: Sql,
  since: Date,
  until: Date | null,
  exclude: string[] = [],
): Promise<InboundStages> {
  const rows = await sql<{ relay: number; queue: number; handler: number }[]>`
    select extract(epoch from o.dispatched_at - o.created_at)::float8 * 1000 as relay,
           extract(epoch from j.created_at - o.dispatched_at)::float8 * 1000 as queue,
           extract(epoch from j.finished_at - j.created_at)::float8 * 1000 as handler
    from outbox o join job_runs j on j.job_id = o.id
    where o.job_name = 'email.inbound' and j.status = 'done'
      and o.created_at >= ${since}
      and (${until}::timestamptz is null or o.created_at < ${until}::timestamptz)
      and not (o.payload ->> 'inboundEmailId' = any(${`{${exclude.join(",")}}`}::text[]))`;
  const pick = (f: (r: (typeof rows)[number]) => number) =>
    summarize(Float64Array.from(rows.map(f)));
  return {
    jobs: rows.length,
    relayMs: pick((r) => r.relay),
    queueMs: pick((r) => r.queue),
    handlerMs: pick((r) => r.handler),
  };
}
