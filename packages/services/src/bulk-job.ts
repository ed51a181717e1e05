// A large bulk change as a job: the fixed list of tickets worked through in chunks, each chunk its
// own tenant transaction, with progress kept in a store (Redis, through the caller) that a later
// request reads. It runs in the process that started it (no worker yet).

import { applyChanges, BULK_CHUNK, type BulkChanges, type BulkResult, type BulkSkip } from "./bulk";
import { authorize, type TenantScope } from "./context";

/** How long a job's progress is kept after its last write. */
export const JOB_TTL_SECONDS = 60 * 60;
/** A job keeps the first few skipped tickets with their reasons (and counts them all). */
const SKIPPED_KEPT = 50;

export type BulkJobState = "running" | "done" | "failed";

/** A job's progress as stored and as `bulkProgress` answers it. */
export type BulkJob = {
  jobId: string;
  state: BulkJobState;
  /** Tickets in the job (found when it started), and how many of them were worked through. */
  total: number;
  processed: number;
  updated: number;
  unchanged: number;
  skippedCount: number;
  skipped: BulkSkip[];
  /** Who started it: only they see its progress. */
  startedBy: { userId: string | null; apiKeyId: string | null };
  startedAt: string;
  updatedAt: string;
};

/**
 * Where progress lives: one record per job, per tenant (the caller binds the tenant, e.g. a
 * `tenantCache` under `bulk:{jobId}`). A store that fails must not throw: the job goes on.
 */
export type BulkJobStore = {
  get(jobId: string): Promise<BulkJob | undefined>;
  set(job: BulkJob): Promise<void>;
};

/** A JSON cache bound to one tenant as a job store (`@supportdesk/cache`'s `tenantCache` fits). */
export function jobStore(cache: {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
}): BulkJobStore {
  return {
    get: (jobId) => cache.get<BulkJob>(`bulk:${jobId}`),
    set: (job) => cache.set(`bulk:${job.jobId}`, job, JOB_TTL_SECONDS),
  };
}

/** Opens a tenant transaction as the actor who started the job (the access layer's `run`). */
export type RunAs = <T>(fn: (scope: TenantScope) => Promise<T>) => Promise<T>;

function record(job: BulkJob, chunk: BulkResult, processed: number): BulkJob {
  const skipped = [...job.skipped, ...chunk.skipped].slice(0, SKIPPED_KEPT);
  return {
    ...job,
    processed: job.processed + processed,
    updated: job.updated + chunk.updated,
    unchanged: job.unchanged + chunk.unchanged,
    skippedCount: job.skippedCount + chunk.skipped.length,
    skipped,
    updatedAt: new Date().toISOString(),
  };
}

/**
 * Starts a job over `plan.ids` (from `planBulk`): records it as running, then works through the
 * tickets BULK_CHUNK at a time, each chunk in its own transaction via `run`, saving progress after
 * each. Returns at once with the job id; `finished` settles when the job has (callers that do not
 * wait must catch it). A chunk that fails (a database error) is rolled back, its tickets counted as
 * skipped, reported to `onError`, and the job goes on with the next.
 *
 * @example
 * const { jobId } = await startBulkJob(ctx.run, ctx.actor, store, plan.job, log);
 */
export async function startBulkJob(
  run: RunAs,
  actor: TenantScope["actor"],
  store: BulkJobStore,
  plan: { ids: string[]; notFound: string[]; changes: BulkChanges },
  onError: (error: unknown, jobId: string) => void = () => {},
): Promise<{ jobId: string; total: number; finished: Promise<BulkJob> }> {
  const now = new Date().toISOString();
  const notFound = plan.notFound.map((id) => ({ id, reason: "not found" }));
  let job: BulkJob = {
    jobId: crypto.randomUUID(),
    state: "running",
    total: plan.ids.length,
    processed: 0,
    updated: 0,
    unchanged: 0,
    skippedCount: notFound.length,
    skipped: notFound.slice(0, SKIPPED_KEPT),
    startedBy: { userId: actor.userId, apiKeyId: actor.apiKeyId },
    startedAt: now,
    updatedAt: now,
  };
  await store.set(job);
  const finished = (async () => {
    try {
      for (let at = 0; at < plan.ids.length; at += BULK_CHUNK) {
        const chunk = plan.ids.slice(at, at + BULK_CHUNK);
        let result: BulkResult;
        try {
          result = await run((scope) => applyChanges(scope, chunk, plan.changes));
        } catch (error) {
          onError(error, job.jobId);
          const reason = "could not be changed (an error; try again)";
          result = { updated: 0, unchanged: 0, skipped: chunk.map((id) => ({ id, reason })) };
        }
        job = record(job, result, chunk.length);
        await store.set(job);
      }
      job = { ...job, state: "done", updatedAt: new Date().toISOString() };
    } catch (error) {
      onError(error, job.jobId);
      job = { ...job, state: "failed", updatedAt: new Date().toISOString() };
    }
    await store.set(job);
    return job;
  })();
  return { jobId: job.jobId, total: job.total, finished };
}

/**
 * A job's progress for the actor who started it. A job id this tenant never had, someone else's
 * job, or one whose record has expired (an hour after its last progress) all answer the same
 * `state: "unknown"`, with the tenant it was asked in.
 */
export async function bulkProgress(
  access: Pick<TenantScope, "permissions" | "actor" | "tenantId">,
  store: BulkJobStore,
  jobId: string,
) {
  authorize(access, "ticket.read");
  const job = await store.get(jobId);
  const mine =
    job &&
    job.startedBy.userId === access.actor.userId &&
    job.startedBy.apiKeyId === access.actor.apiKeyId;
  if (!job || !mine) {
    return { tenantId: access.tenantId, jobId, state: "unknown" as const, job: null };
  }
  return { tenantId: access.tenantId, jobId, state: job.state, job };
}
