// The producer side of the outbox: jobs born of a write are recorded in the writer's transaction.
import { type Executor, outbox, sql } from "@supportdesk/database";
import type { z } from "zod";
import type { JobDefinition } from "./jobs";
import { sealPayload } from "./sealed";

/** A payload that does not match its job's schema; `field` names the first bad path. */
export class JobPayloadError extends Error {
  override name = "JobPayloadError";
  constructor(
    readonly job: string,
    readonly field: string,
    message: string,
  ) {
    super(`job ${job}: ${field ? `${field}: ` : ""}${message}`);
  }
}

export type EnqueueOptions = {
  /** Not before this time (the relay leaves the row until then): delayed work such as surveys. */
  availableAt?: Date;
  /**
   * At most one pending job with this key (recurring or coalescing jobs: a tenant's sweep, a
   * ticket's rollup refresh). When one is already waiting, nothing new is recorded: the waiting
   * row is locked until this transaction ends (the relay skips locked rows), so it cannot run
   * before this transaction's writes are visible, and its id is returned.
   */
  key?: string;
};

/**
 * Validates `payload` and records the job in the outbox through `tx`, so it is sent if and only
 * if the transaction commits; a relay moves committed rows to BullMQ (job id = outbox id). The
 * job's `sealed` fields (one-time tokens) are stored encrypted; the worker opens them.
 *
 * @throws JobPayloadError when the payload does not match (missing tenantId, wrong shape).
 * @example
 * await db.withTenant(tenantId, async (tx) => {
 *   const invitation = await createInvitationRow(tx, input);
 *   await enqueue(tx, invitationJob, { tenantId, invitationId: invitation.id, … });
 * });
 */
export async function enqueue<Schema extends z.ZodType>(
  tx: Executor,
  job: JobDefinition<Schema>,
  payload: z.input<Schema>,
  options: EnqueueOptions = {},
): Promise<{ id: string }> {
  const parsed = job.payload.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new JobPayloadError(job.name, issue?.path.join(".") ?? "", issue?.message ?? "invalid");
  }
  const data = parsed.data as Record<string, unknown>;
  const tenantId = typeof data.tenantId === "string" ? data.tenantId : null;
  const insert = tx.insert(outbox).values({
    tenantId,
    queue: job.queue,
    jobName: job.name,
    payload: sealPayload(job, data),
    ...(options.availableAt ? { availableAt: options.availableAt } : {}),
    ...(options.key ? { jobKey: options.key } : {}),
  });
  const [row] = await (options.key
    ? // A no-op update of the waiting row: it takes the row's lock (see EnqueueOptions.key).
      insert.onConflictDoUpdate({
        target: outbox.jobKey,
        targetWhere: sql`${outbox.dispatchedAt} is null and ${outbox.jobKey} is not null`,
        set: { jobKey: sql`excluded.job_key` },
      })
    : insert
  ).returning({ id: outbox.id });
  if (!row) throw new Error("outbox insert returned no row");
  return row;
}
