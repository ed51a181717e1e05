// The team assignment job: give a team's waiting tickets to its available agents (services'
// `teams.runAssignment`). Registered in `jobsByName` here, beside its definition.
import { z } from "zod";
import { defineTenantJob, jobsByName } from "./jobs";

/**
 * Runs one team's assignment: its oldest unassigned tickets go to its online agents with room,
 * by the team's rule. Queued (through the outbox, so per-tenant lanes keep it fair) when a ticket
 * joins a team, frees capacity or an agent comes online. Idempotent by itself: a run re-reads
 * the team's state under its locks, so a redelivered or duplicate job assigns nothing twice.
 */
export const teamAssignmentJob = defineTenantJob(
  "notification",
  "team.assign",
  { teamId: z.uuid() },
  { idempotent: true },
);

jobsByName[teamAssignmentJob.name] = teamAssignmentJob;
