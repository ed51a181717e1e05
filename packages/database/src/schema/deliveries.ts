// Platform table of processed jobs: what makes handlers idempotent across redeliveries.
import { index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./_columns";
import { tenants } from "./tenants";

export const jobRunStatus = pgEnum("job_run_status", ["started", "done"]);

/**
 * One row per job (id = the outbox id, which is also the BullMQ job id). A handler records
 * `started` before its side effect and `done` after; a redelivered job that finds `done` does
 * nothing. Platform-level because platform jobs (a sign-up's email) have no tenant.
 */
export const jobRuns = pgTable(
  "job_runs",
  {
    jobId: uuid("job_id").primaryKey(),
    tenantId: uuid("tenant_id").references(() => tenants.id, { onDelete: "cascade" }),
    jobName: text("job_name").notNull(),
    status: jobRunStatus("status").notNull().default("started"),
    /** What the side effect produced (e.g. the SMTP message id), for support and tests. */
    result: jsonb("result").$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("job_runs_tenant_idx").on(t.tenantId, t.createdAt.desc().nullsFirst())],
);
