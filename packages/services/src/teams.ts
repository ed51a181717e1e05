// Teams: members, assignment rules (manual, round-robin, least-loaded) with a per-agent capacity,
// and agents' availability. The list lives here; writes, availability and assignment beside it.
import {
  agentStatus,
  and,
  eq,
  inArray,
  isNotNull,
  isNull,
  sql,
  teamMembers,
  teams,
  tickets,
  users,
} from "@supportdesk/database";
import { ACTIVE_STATUSES } from "./assignment-trigger";
import { authorize, type TenantScope } from "./context";
import { effectiveAvailabilitySql } from "./teams-availability";

export {
  type AssignmentRun,
  type Candidate,
  chooseAgent,
  RUN_BATCH,
  runAssignment,
} from "./assignment";
export {
  ACTIVE_STATUSES,
  type AssignmentFacts,
  assignmentAfterTicketChange,
  enqueueAgentTeams,
  enqueueTeam,
} from "./assignment-trigger";
export {
  effectiveAvailability,
  effectiveAvailabilitySql,
  heartbeat,
  myAvailability,
  PRESENCE_TTL_SECONDS,
  setAvailability,
} from "./teams-availability";
export { createTeam, deleteTeam, type TeamInput, updateTeam } from "./teams-write";

/**
 * The tenant's teams by name, each with its rule, capacity, how many tickets wait unassigned,
 * and its members: name, effective availability and load (open and pending tickets, all teams).
 */
export async function listTeams(scope: TenantScope) {
  authorize(scope, "member.read");
  const active = inArray(tickets.status, [...ACTIVE_STATUSES]);
  const [rows, members, loads, waiting] = await Promise.all([
    scope.tx
      .select({
        id: teams.id,
        name: teams.name,
        description: teams.description,
        assignment: teams.assignment,
        capacity: teams.capacity,
        createdAt: teams.createdAt,
        updatedAt: teams.updatedAt,
      })
      .from(teams)
      .orderBy(teams.name),
    scope.tx
      .select({
        teamId: teamMembers.teamId,
        userId: teamMembers.userId,
        name: users.name,
        availability: effectiveAvailabilitySql,
      })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .leftJoin(
        agentStatus,
        and(
          eq(agentStatus.tenantId, teamMembers.tenantId),
          eq(agentStatus.userId, teamMembers.userId),
        ),
      )
      .orderBy(users.name, teamMembers.userId),
    scope.tx
      .select({ userId: tickets.assigneeId, load: sql<number>`count(*)::int` })
      .from(tickets)
      .where(and(isNotNull(tickets.assigneeId), active))
      .groupBy(tickets.assigneeId),
    scope.tx
      .select({ teamId: tickets.teamId, count: sql<number>`count(*)::int` })
      .from(tickets)
      .where(
        and(
          isNotNull(tickets.teamId),
          isNull(tickets.assigneeId),
          isNull(tickets.mergedIntoId),
          active,
        ),
      )
      .groupBy(tickets.teamId),
  ]);
  const loadOf = new Map(loads.map((l) => [l.userId, l.load]));
  const waitingOf = new Map(waiting.map((w) => [w.teamId, w.count]));
  return rows.map((team) => ({
    ...team,
    /** Open and pending tickets of the team that nobody has yet. */
    waiting: waitingOf.get(team.id) ?? 0,
    members: members
      .filter((m) => m.teamId === team.id)
      .map(({ teamId: _, ...m }) => ({ ...m, load: loadOf.get(m.userId) ?? 0 })),
  }));
}
