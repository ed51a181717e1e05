// The tenant's service-level sweep (SLA alerts, time-based rules): services' `runSweep`, which
// records its own next run first; the alerts' realtime events are published after it commits.
import type { JobHandler } from "@supportdesk/queue";
import { publishEvent } from "@supportdesk/realtime";
import { runSweep } from "@supportdesk/services";
import type { HandlerDeps } from "./mail-kit";
import { str } from "./mail-kit";

/** A minute unless the deployment says otherwise (SERVICE_LEVEL_SWEEP_SECONDS). */
const DEFAULT_SWEEP_MS = 60_000;

export function serviceLevelHandlers(deps: HandlerDeps): Record<string, JobHandler> {
  return {
    "service-levels.sweep": async (job) => {
      const { events, ...counts } = await runSweep(deps.db, str(job.tenantId), {
        everyMs: deps.sweepEveryMs ?? DEFAULT_SWEEP_MS,
      });
      // After commit: the alerts' bells ring live (a lost publish only delays them to a refetch).
      for (const event of events) await publishEvent(deps.publisher, event);
      return counts;
    },
  };
}
