// The bulk ticket change job (`ticket.bulk-update`): a large `tickets.bulkUpdate` worked through in
// chunks by services' `bulk.runBulkJob`, its progress kept in the tenant's cache, where
// `tickets.bulkProgress` reads it.
import { tenantCache } from "@supportdesk/cache";
import { bulkUpdateJob, DEFAULT_JOB_OPTIONS, type JobHandler } from "@supportdesk/queue";
import { bulk } from "@supportdesk/services";
import { UnrecoverableError } from "bullmq";
import type { HandlerDeps } from "./mail-kit";

export function bulkHandlers(
  deps: Pick<HandlerDeps, "db" | "publisher">,
): Record<string, JobHandler> {
  return {
    [bulkUpdateJob.name]: async (job) => {
      const payload = bulkUpdateJob.payload.parse(job.payload);
      const store = bulk.jobStore(
        tenantCache(deps.publisher, payload.tenantId, {
          onError: (error) =>
            job.log.warn({ err: error.message }, "cache unavailable; bulk progress not kept"),
        }),
      );
      const finished = await bulk.runBulkJob(deps.db, store, {
        id: job.id,
        payload,
        finalAttempt: job.attempt >= (DEFAULT_JOB_OPTIONS.attempts ?? 1),
      });
      const counts = {
        jobId: finished.jobId,
        processed: finished.processed,
        updated: finished.updated,
        unchanged: finished.unchanged,
        skipped: finished.skippedCount,
      };
      // The actor may no longer make the change: retrying cannot help, so the job fails at once.
      if (finished.state === "failed") {
        throw new UnrecoverableError(`bulk change stopped: ${finished.reason}`);
      }
      job.log.info(counts, "bulk change done");
      return counts;
    },
  };
}
