// Test helper: the jobs recorded for an email address (tokens travel in email jobs' payloads).
import { and, desc, eq, outbox, sql } from "@supportdesk/database";
import type { TrpcDeps } from "./context";

/** The payload of the newest `jobName` job addressed to `email`, or undefined. */
export async function lastJobFor(
  deps: TrpcDeps,
  jobName: string,
  email: string,
): Promise<Record<string, string> | undefined> {
  const [row] = await deps.db.platform
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.jobName, jobName), eq(sql`${outbox.payload}->>'email'`, email)))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  return row?.payload as Record<string, string> | undefined;
}
