// The reports' rollup: one ticket's ticket_facts row, recomputed after each of its changes
// (services' `reports.refreshFact`, idempotent, so a redelivered job is harmless).
import { type JobHandler, reportFactJob } from "@supportdesk/queue";
import { reports } from "@supportdesk/services";
import type { HandlerDeps } from "./mail-kit";

export function reportsHandlers(deps: HandlerDeps): Record<string, JobHandler> {
  return {
    [reportFactJob.name]: async (job) => {
      const { tenantId, ticketId } = reportFactJob.payload.parse(job.payload);
      return reports.refreshFact(deps.db, tenantId, ticketId);
    },
  };
}
