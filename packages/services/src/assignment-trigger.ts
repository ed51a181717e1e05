// When assignment must run: a ticket waits in a team, an agent frees capacity or comes online.
// Each queues the team's assignment job in the writer's transaction (outbox: fair per tenant).
import { and, eq, inArray, ne, or, type TenantDb, teamMembers, teams } from "@supportdesk/database";
import { enqueue, teamAssignmentJob } from "@supportdesk/queue";

type TriggerScope = { tx: TenantDb; tenantId: string };

/** What a ticket's assignment depends on (the columns `ticketColumns` carries). */
export type AssignmentFacts = {
  teamId: string | null;
  assigneeId: string | null;
  status: string;
  mergedIntoId: string | null;
};

/** Statuses that count against an agent's capacity (and that assignment hands out). */
export const ACTIVE_STATUSES = ["open", "pending"] as const;
const isActive = (status: string) => (ACTIVE_STATUSES as readonly string[]).includes(status);

/** Queues one assignment run per team whose rule is automatic (manual teams are skipped). */
async function enqueueAutomatic(
  scope: TriggerScope,
  where: { teamId?: string | null; memberId?: string | null },
) {
  const conditions = [
    where.teamId ? eq(teams.id, where.teamId) : undefined,
    where.memberId
      ? inArray(
          teams.id,
          scope.tx
            .select({ id: teamMembers.teamId })
            .from(teamMembers)
            .where(eq(teamMembers.userId, where.memberId)),
        )
      : undefined,
  ].filter((c) => c !== undefined);
  if (conditions.length === 0) return;
  const rows = await scope.tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(ne(teams.assignment, "manual"), or(...conditions)));
  for (const team of rows) {
    await enqueue(scope.tx, teamAssignmentJob, { tenantId: scope.tenantId, teamId: team.id });
  }
}

/** Queues a run for `teamId` if its rule is automatic (a team created or changed). */
export function enqueueTeam(scope: TriggerScope, teamId: string) {
  return enqueueAutomatic(scope, { teamId });
}

/** Queues a run for each automatic team `userId` belongs to (they came online). */
export function enqueueAgentTeams(scope: TriggerScope, userId: string) {
  return enqueueAutomatic(scope, { memberId: userId });
}

/**
 * After a ticket is opened (`before` null) or changed: queues its team when it now waits there
 * (active, unassigned, not merged), and the teams of an agent it no longer counts against
 * (resolved, closed, or given to someone else: capacity freed).
 *
 * @example
 * await assignmentAfterTicketChange(scope, before, after);
 */
export async function assignmentAfterTicketChange(
  scope: TriggerScope,
  before: AssignmentFacts | null,
  after: AssignmentFacts,
) {
  const waiting =
    after.teamId !== null &&
    after.assigneeId === null &&
    after.mergedIntoId === null &&
    isActive(after.status);
  const freed =
    before?.assigneeId &&
    isActive(before.status) &&
    (after.assigneeId !== before.assigneeId || !isActive(after.status))
      ? before.assigneeId
      : null;
  await enqueueAutomatic(scope, { teamId: waiting ? after.teamId : null, memberId: freed });
}
