// The worker's side of a bulk change (the `ticket.bulk-update` job `planBulk` queues): the fixed
// list of tickets in chunks of BULK_CHUNK, each chunk its own tenant transaction under the grant
// the actor holds *now*, with a checkpoint committed with the chunk and progress in the store.
import {
  and,
  apiKeys,
  customRoles,
  type Database,
  eq,
  gt,
  isNull,
  jobRuns,
  or,
  sql,
  type TenantDb,
  tenants,
  userTenantRoles,
} from "@supportdesk/database";
import { isBuiltInRole } from "@supportdesk/domain";
import { bulkUpdateJob } from "@supportdesk/queue";
import type { z } from "zod";
import { applyChanges, BULK_CHUNK, type BulkChanges, checkChanges } from "./bulk";
import { type BulkJob, type BulkJobStore, moved, newJob, recordChunk } from "./bulk-job";
import { type Actor, builtInGrant, type Grant, type TenantScope } from "./context";
import { AppError } from "./errors";
import { customRoleJoin, permissionSet } from "./roles";

/** A bulk job's payload, as the worker has validated it. */
export type BulkJobPayload = z.output<typeof bulkUpdateJob.payload>;

export type BulkRun = {
  /** The job's id (its outbox id, also the queue's): the key of its checkpoint in `job_runs`. */
  id: string;
  payload: BulkJobPayload;
  /** No retry follows this attempt: an error now fails the job for good. */
  finalAttempt: boolean;
};

const stop = (reason: string) => new AppError("FORBIDDEN", reason);

/**
 * What the job's actor may do in the tenant now, read in the chunk's own transaction (not from
 * the access layer's cache, which may lag a change by minutes): a member's role, built-in or a
 * custom role's permissions as they are now, or a live API key's. A removed member, a revoked or
 * expired key, or a suspended tenant stops the job with the reason; a role that lost a
 * permission is stopped by the permission checks themselves.
 */
async function grantNow(tx: TenantDb, tenantId: string, actor: Actor): Promise<Grant> {
  const [tenant] = await tx
    .select({ status: tenants.status })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!tenant || tenant.status === "suspended")
    throw stop("This tenant is suspended or no longer exists.");
  const { userId, apiKeyId } = actor;
  if (!userId && !apiKeyId) throw stop("Nobody is named as having started this change.");
  const [row] = userId
    ? await tx
        .select({
          role: userTenantRoles.role,
          customRoleId: userTenantRoles.customRoleId,
          permissions: customRoles.permissions,
        })
        .from(userTenantRoles)
        .leftJoin(customRoles, customRoleJoin(userTenantRoles))
        .where(and(eq(userTenantRoles.tenantId, tenantId), eq(userTenantRoles.userId, userId)))
    : await tx
        .select({
          role: apiKeys.role,
          customRoleId: apiKeys.customRoleId,
          permissions: customRoles.permissions,
        })
        .from(apiKeys)
        .leftJoin(customRoles, customRoleJoin(apiKeys))
        .where(
          and(
            eq(apiKeys.tenantId, tenantId),
            eq(apiKeys.id, apiKeyId as string),
            isNull(apiKeys.revokedAt),
            or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`)),
          ),
        );
  if (!row) {
    throw stop(
      userId
        ? "Whoever started this change is no longer a member of this tenant."
        : "The API key that started this change was revoked or has expired.",
    );
  }
  if (isBuiltInRole(row.role)) return builtInGrant(row.role);
  // A custom role deleted under a live membership grants nothing (as the access layer reads it).
  return {
    role: row.role,
    customRoleId: row.customRoleId,
    permissions: permissionSet(row.permissions ?? []),
  };
}

const isProgress = (value: unknown): value is BulkJob =>
  typeof value === "object" && value !== null && typeof (value as BulkJob).processed === "number";

/** The checkpoint a previous delivery of this job committed, if any. */
async function savedProgress(db: Database, runId: string): Promise<BulkJob | undefined> {
  const [row] = await db.platform
    .select({ result: jobRuns.result })
    .from(jobRuns)
    .where(eq(jobRuns.jobId, runId));
  const progress = row?.result?.progress;
  return isProgress(progress) ? progress : undefined;
}

/**
 * One chunk in its own transaction. It first locks the job's `job_runs` row (creating it when the
 * worker's bookkeeping has not) and reads the checkpoint there: if another delivery got further,
 * its progress is adopted and nothing is done. Otherwise the next BULK_CHUNK tickets change as
 * the actor may now, and the new checkpoint commits with them.
 */
async function runChunk(tx: TenantDb, run: BulkRun, actor: Actor, job: BulkJob): Promise<BulkJob> {
  const { tenantId, ids } = run.payload;
  const [locked] = await tx
    .insert(jobRuns)
    .values({ jobId: run.id, tenantId, jobName: bulkUpdateJob.name })
    .onConflictDoUpdate({ target: jobRuns.jobId, set: { jobName: sql`excluded.job_name` } })
    .returning({ result: jobRuns.result });
  const saved = locked?.result?.progress;
  if (isProgress(saved) && saved.processed > job.processed) return moved(saved, "running");
  const scope: TenantScope = { tx, tenantId, actor, ...(await grantNow(tx, tenantId, actor)) };
  // The request's checks again, against the tenant as it is now: the permissions, a known status
  // and priority, an assignee who still works tickets here, a team that still exists.
  const changes = await checkChanges(scope, run.payload.changes as BulkChanges);
  const chunk = ids.slice(job.processed, job.processed + BULK_CHUNK);
  const next = recordChunk(job, await applyChanges(scope, chunk, changes), chunk.length);
  await tx
    .update(jobRuns)
    .set({ result: { progress: next } })
    .where(eq(jobRuns.jobId, run.id));
  return next;
}

/**
 * Works a bulk job through to its end and returns its last progress: `done`, or `failed` with the
 * reason when the actor may no longer make the change (removed, key revoked, role without the
 * permission, assignee or team gone); chunks committed before that stay changed.
 *
 * Each chunk happens once: its transaction locks the job's checkpoint (its `job_runs` row) and
 * commits the next one with the chunk's changes, so a retry after a crash, a restart or a
 * redelivery resumes after the last committed chunk, and two deliveries at once take turns. Were
 * the checkpoint lost anyway (the same payload run as another job), re-running is harmless too:
 * `updateTicket` writes nothing — no audit row, event or system line — for a value already as
 * asked, and adding or removing tags is idempotent; those tickets only count as unchanged.
 *
 * Any other error (the database's) is thrown for the queue to retry from the checkpoint; on the
 * final attempt the progress says failed first.
 *
 * @example
 * const job = await runBulkJob(db, jobStore(tenantCache(redis, tenantId)), { id, payload, finalAttempt });
 */
export async function runBulkJob(
  db: Database,
  store: BulkJobStore,
  run: BulkRun,
): Promise<BulkJob> {
  const { payload } = run;
  const actor: Actor = { ...payload.actor, ip: null, userAgent: null };
  const saved = await savedProgress(db, run.id);
  const queued = saved ? undefined : await store.get(payload.jobId);
  let job = moved(
    saved ?? newJob(payload.jobId, payload.ids.length, actor, queued?.startedAt),
    "running",
  );
  await store.set(job);
  try {
    while (job.processed < job.total) {
      const before = job;
      job = await db.withTenant(payload.tenantId, (tx) => runChunk(tx, run, actor, before));
      await store.set(job);
    }
  } catch (error) {
    if (error instanceof AppError) {
      job = moved(job, "failed", error.message);
      await store.set(job);
      return job;
    }
    if (run.finalAttempt) {
      const reason = `An error stopped this change after ${job.processed} of ${job.total} tickets (those were done); apply it again to finish.`;
      await store.set(moved(job, "failed", reason));
    }
    throw error;
  }
  job = moved(job, "done");
  await store.set(job);
  return job;
}
