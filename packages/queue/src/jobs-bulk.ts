// The bulk ticket change job: a large `tickets.bulkUpdate` (a filter, or more than 100 ids) worked
// through by the worker in chunks (services' `bulk.runBulkJob`). Registered in `jobsByName` here.
import { z } from "zod";
import { defineTenantJob, jobsByName } from "./jobs";

/** The most tickets one bulk job may hold (services' BULK_FILTER_MAX). */
export const BULK_JOB_IDS_MAX = 5000;

// UUID-shaped, as the database's `isUuid` reads them (ticket ids are v7, named ids any version).
const id = z.guid();
const tags = z.array(z.string().min(1).max(40)).min(1).max(20);

/**
 * One bulk change over a fixed list of tickets, recorded through the outbox in the transaction of
 * the request that asked for it (so per-tenant lanes keep it fair, and it exists if and only if
 * that request committed). `jobId` names its progress record (`tickets.bulkProgress`); `actor` is
 * who asked, whose grant the worker re-reads before every chunk; `changes` are re-checked there
 * too (services' `checkChanges`), so their values are only shaped here.
 *
 * On the notification queue, beside `team.assign`: short ticket transactions started by an agent.
 * Email is sized for SMTP, and inbound is kept free so received mail is never held up.
 */
export const bulkUpdateJob = defineTenantJob("notification", "ticket.bulk-update", {
  jobId: z.uuid(),
  actor: z
    .strictObject({ userId: id.nullable(), apiKeyId: id.nullable() })
    .refine((actor) => (actor.userId === null) !== (actor.apiKeyId === null), {
      error: "names a user or an API key",
    }),
  ids: z.array(id).min(1).max(BULK_JOB_IDS_MAX),
  changes: z.strictObject({
    status: z.string().max(40).optional(),
    priority: z.string().max(40).optional(),
    assigneeId: id.nullable().optional(),
    teamId: id.nullable().optional(),
    addTags: tags.optional(),
    removeTags: tags.optional(),
  }),
});

jobsByName[bulkUpdateJob.name] = bulkUpdateJob;
