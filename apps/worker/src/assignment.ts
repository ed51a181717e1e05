// The team assignment job: one run of a team's automatic assignment (services'
// `teams.runAssignment`); the ticket events it records reach the agents as usual.
import type { JobHandler } from "@supportdesk/queue";
import { teams } from "@supportdesk/services";
import type { HandlerDeps } from "./mail-kit";
import { str } from "./mail-kit";

export function assignmentHandlers(deps: Pick<HandlerDeps, "db">): Record<string, JobHandler> {
  return {
    "team.assign": async (job) => {
      const run = await teams.runAssignment(deps.db, {
        tenantId: str(job.tenantId),
        teamId: str(job.payload.teamId),
      });
      if (run.assigned.length > 0)
        job.log.info({ assigned: run.assigned.length }, "tickets assigned");
      return { assigned: run.assigned.length, more: run.more };
    },
  };
}
