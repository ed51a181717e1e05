// Test helper: the email jobs recorded for an address, as the worker will read them.
import { and, type Database, desc, eq, inArray, isNull, outbox, sql } from "@supportdesk/database";
import { jobsByName, openPayload } from "@supportdesk/queue";
import type { TrpcDeps } from "./context";

/**
 * The payload of the newest `jobName` job addressed to `email`, with its sealed fields (one-time
 * tokens) opened the way the worker opens them; undefined when there is none.
 */
export async function lastJobFor(
  deps: TrpcDeps,
  jobName: string,
  email: string,
): Promise<Record<string, string> | undefined> {
  const row = await lastRawJobFor(deps, jobName, email);
  if (!row) return undefined;
  const job = jobsByName[jobName];
  if (!job) throw new Error(`no job definition named ${jobName}`);
  return openPayload(job, row.payload) as Record<string, string>;
}

/** The newest `jobName` outbox row addressed to `email`, as stored (sealed fields sealed). */
export async function lastRawJobFor(
  deps: TrpcDeps,
  jobName: string,
  email: string,
): Promise<{ id: string; payload: Record<string, unknown> } | undefined> {
  const [row] = await deps.db.platform
    .select({ id: outbox.id, payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.jobName, jobName), eq(sql`${outbox.payload}->>'email'`, email)))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(1);
  return row ? { id: row.id, payload: row.payload as Record<string, unknown> } : undefined;
}

/**
 * Drops the jobs `tenantIds` recorded and nobody relayed. Suites that make hundreds of tickets
 * for many members and check no email (the matrices) call it when done: no worker runs beside
 * them, so a later browser suite's worker would otherwise relay their backlog — thousands of
 * notification emails — into its own mail capture. Needs the owner's connection (`admin`).
 */
export async function dropPendingJobs(admin: Database, tenantIds: string[]): Promise<void> {
  await admin.platform
    .delete(outbox)
    .where(and(inArray(outbox.tenantId, tenantIds), isNull(outbox.dispatchedAt)));
}
