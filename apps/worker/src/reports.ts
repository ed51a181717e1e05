// The reports' rollup: one ticket's ticket_facts row.
import type { JobHandler } from "@supportdesk/queue";
import type { HandlerDeps } from "./mail-kit";

export function reportsHandlers(_deps: HandlerDeps): Record<string, JobHandler> {
  return {
    "report.fact": async () => ({ skipped: "not built yet" }),
  };
}
