// The tenant's service-level sweep (SLA alerts, time-based rules): services' `runSweep`, which
// records its own next run first.
import type { JobHandler } from "@supportdesk/queue";
import { runSweep } from "@supportdesk/services";
import type { HandlerDeps } from "./mail-kit";
import { str } from "./mail-kit";

/** A minute unless the deployment says otherwise (SERVICE_LEVEL_SWEEP_SECONDS). */
const DEFAULT_SWEEP_MS = 60_000;

export function serviceLevelHandlers(deps: HandlerDeps): Record<string, JobHandler> {
  return {
    "service-levels.sweep": async (job) =>
      runSweep(deps.db, str(job.tenantId), { everyMs: deps.sweepEveryMs ?? DEFAULT_SWEEP_MS }),
  };
}
