// A large bulk change as a job: recorded through the outbox in the request's transaction, worked
// through by the worker (bulk-run.ts), its progress kept in a store (the tenant's Redis cache)
// that `bulkProgress` reads. The progress record here is for display; what makes a retry resume
// where it stopped is the checkpoint bulk-run.ts commits with each chunk.
import { bulkUpdateJob, enqueue } from "@supportdesk/queue";
import type { BulkChanges, BulkResult, BulkSkip } from "./bulk";
import { type Actor, authorize, type TenantScope } from "./context";

/** How long a job's progress is kept after its last write. */
export const JOB_TTL_SECONDS = 60 * 60;
/** A job keeps the first few skipped tickets with their reasons (and counts them all). */
const SKIPPED_KEPT = 50;

/** Waiting for the worker, being worked through, finished, or stopped (with a reason). */
export type BulkJobState = "queued" | "running" | "done" | "failed";

/** A job's progress as stored and as `bulkProgress` answers it. */
export type BulkJob = {
  jobId: string;
  state: BulkJobState;
  /** Tickets in the job (fixed when it was asked for), and how many were worked through. */
  total: number;
  processed: number;
  updated: number;
  unchanged: number;
  skippedCount: number;
  skipped: BulkSkip[];
  /** Why a failed job stopped, in words for whoever started it; null otherwise. */
  reason: string | null;
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

/** A job nothing has been done for yet. */
export function newJob(
  jobId: string,
  total: number,
  actor: Pick<Actor, "userId" | "apiKeyId">,
  startedAt = new Date().toISOString(),
): BulkJob {
  return {
    jobId,
    state: "queued",
    total,
    processed: 0,
    updated: 0,
    unchanged: 0,
    skippedCount: 0,
    skipped: [],
    reason: null,
    startedBy: { userId: actor.userId, apiKeyId: actor.apiKeyId },
    startedAt,
    updatedAt: startedAt,
  };
}

/** The job in a new state (and, for "failed", why). */
export function moved(job: BulkJob, state: BulkJobState, reason: string | null = null): BulkJob {
  return { ...job, state, reason, updatedAt: new Date().toISOString() };
}

/** The job once a chunk of `size` tickets has been worked through with `chunk`'s outcome. */
export function recordChunk(job: BulkJob, chunk: BulkResult, size: number): BulkJob {
  return {
    ...moved(job, "running"),
    processed: job.processed + size,
    updated: job.updated + chunk.updated,
    unchanged: job.unchanged + chunk.unchanged,
    skippedCount: job.skippedCount + chunk.skipped.length,
    skipped: [...job.skipped, ...chunk.skipped].slice(0, SKIPPED_KEPT),
  };
}

/**
 * Records a bulk job over `ids` (already checked by `planBulk`) in the outbox through the scope's
 * transaction, so the worker gets it if and only if that transaction commits, and returns its
 * first progress record ("queued"). The worker re-reads the actor's grant before every chunk.
 */
export async function queueBulkJob(
  scope: TenantScope,
  ids: string[],
  changes: BulkChanges,
): Promise<BulkJob> {
  authorize(scope, "ticket.update");
  const jobId = crypto.randomUUID();
  const actor = { userId: scope.actor.userId, apiKeyId: scope.actor.apiKeyId };
  await enqueue(scope.tx, bulkUpdateJob, {
    tenantId: scope.tenantId,
    jobId,
    actor,
    ids,
    changes,
  });
  return newJob(jobId, ids.length, actor);
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
