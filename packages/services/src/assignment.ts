// Automatic assignment: one team's run hands its oldest waiting tickets to its online agents with
// room, round-robin or least-loaded. Safe with any number of workers running at once.
import {
  agentStatus,
  and,
  asc,
  type Database,
  eq,
  inArray,
  isNull,
  sql,
  type TenantDb,
  teamMembers,
  teams,
  tickets,
} from "@supportdesk/database";
import type { AssignmentMode } from "@supportdesk/domain";
import { enqueue, teamAssignmentJob } from "@supportdesk/queue";
import { ACTIVE_STATUSES } from "./assignment-trigger";
import { audit } from "./audit";
import type { Actor } from "./context";
import { ticketWorkers } from "./members";
import { effectiveAvailabilitySql } from "./teams-availability";
import { recordTicketEvent } from "./ticket-events";

/** The most tickets one run assigns; a longer queue is continued by a new job (fair turns). */
export const RUN_BATCH = 100;

/** Assignment acts for the tenant itself: audit rows name no person. */
const SYSTEM: Actor = { userId: null, apiKeyId: null, ip: null, userAgent: null };

export type Candidate = { userId: string; load: number };

/**
 * The agent for the next ticket among `eligible` (online, under capacity), or null when none is.
 * Both rules walk the members in user-id order starting after `last` (who got the previous
 * ticket): round-robin takes the first; least-loaded takes the first of the lowest load, so ties
 * rotate too instead of always favouring the same agent.
 *
 * @example
 * chooseAgent("least_loaded", [{ userId: "a", load: 2 }, { userId: "b", load: 1 }], null); // "b"
 */
export function chooseAgent(
  mode: Exclude<AssignmentMode, "manual">,
  eligible: Candidate[],
  last: string | null,
): string | null {
  if (eligible.length === 0) return null;
  const sorted = [...eligible].sort((a, b) => (a.userId < b.userId ? -1 : 1));
  const start =
    last === null
      ? 0
      : Math.max(
          0,
          sorted.findIndex((c) => c.userId > last),
        );
  const order = [...sorted.slice(start), ...sorted.slice(0, start)];
  if (mode === "round_robin") return order[0]?.userId ?? null;
  const least = Math.min(...order.map((c) => c.load));
  return order.find((c) => c.load === least)?.userId ?? null;
}

/**
 * Takes each member's "load lock" for the rest of the transaction, in one global order (the
 * lock keys sorted), so two teams' runs sharing an agent serialise on that agent — their loads
 * are counted and raised one run at a time — and can never deadlock each other.
 */
async function lockAgents(tx: TenantDb, tenantId: string, userIds: string[]) {
  const keys = (await tx.execute(sql`
    select distinct hashtextextended('agent-load:' || ${tenantId} || ':' || u::text, 0) as k
    from unnest(${`{${userIds.join(",")}}`}::uuid[]) u order by k`)) as unknown as { k: string }[];
  for (const { k } of keys) {
    await tx.execute(sql`select pg_advisory_xact_lock(${k}::bigint)`);
  }
}

/** Each member's load: their open and pending tickets in the tenant (all teams, and none). */
async function loadsOf(tx: TenantDb, userIds: string[]): Promise<Map<string, number>> {
  const rows = await tx
    .select({ userId: tickets.assigneeId, load: sql<number>`count(*)::int` })
    .from(tickets)
    .where(and(inArray(tickets.assigneeId, userIds), inArray(tickets.status, [...ACTIVE_STATUSES])))
    .groupBy(tickets.assigneeId);
  return new Map(rows.map((r) => [r.userId ?? "", r.load]));
}

async function onlineOf(tx: TenantDb, tenantId: string, userIds: string[]): Promise<Set<string>> {
  const rows = await tx
    .select({ userId: agentStatus.userId, status: effectiveAvailabilitySql })
    .from(agentStatus)
    .where(and(eq(agentStatus.tenantId, tenantId), inArray(agentStatus.userId, userIds)));
  return new Set(rows.filter((r) => r.status === "online").map((r) => r.userId));
}

/** The team's oldest waiting ticket, locked (one another transaction holds is left for later). */
async function oldestWaiting(tx: TenantDb, teamId: string) {
  const [row] = await tx
    .select({ id: tickets.id })
    .from(tickets)
    .where(
      and(
        eq(tickets.teamId, teamId),
        isNull(tickets.assigneeId),
        isNull(tickets.mergedIntoId),
        inArray(tickets.status, [...ACTIVE_STATUSES]),
      ),
    )
    .orderBy(asc(tickets.createdAt), asc(tickets.id))
    .limit(1)
    .for("update", { skipLocked: true });
  return row;
}

export type AssignmentRun = {
  assigned: { ticketId: string; userId: string }[];
  /** The batch was full and tickets still wait: a follow-up job was queued. */
  more: boolean;
};

/**
 * One assignment run for a team, in one transaction of its tenant (the `team.assign` job). The
 * team row is locked first, so runs for one team take turns; then every member's load lock
 * (`lockAgents`), so loads are counted after any other run that could raise them has committed.
 * A ticket is taken only while unassigned and locked, so none is assigned twice, and an agent
 * is given one only while under the team's capacity, so none goes over it. Manual teams, and
 * teams gone meanwhile, assign nothing.
 *
 * @example
 * await runAssignment(db, { tenantId, teamId }); // { assigned: [{ ticketId, userId }], more: false }
 */
export async function runAssignment(
  db: Database,
  input: { tenantId: string; teamId: string },
  options: { batch?: number } = {},
): Promise<AssignmentRun> {
  const batch = options.batch ?? RUN_BATCH;
  return db.withTenant(input.tenantId, async (tx) => {
    const [team] = await tx
      .select({
        id: teams.id,
        mode: teams.assignment,
        capacity: teams.capacity,
        last: teams.lastAssignedUserId,
      })
      .from(teams)
      .where(eq(teams.id, input.teamId))
      // Not FOR UPDATE: tickets' foreign-key checks (KEY SHARE) on the team must not wait.
      .for("no key update");
    const run: AssignmentRun = { assigned: [], more: false };
    if (!team || team.mode === "manual") return run;
    const members = (
      await tx
        .select({ userId: teamMembers.userId })
        .from(teamMembers)
        .where(eq(teamMembers.teamId, team.id))
    ).map((m) => m.userId);
    if (members.length === 0) return run;
    await lockAgents(tx, input.tenantId, members);
    const workers = new Set(await ticketWorkers(tx, input.tenantId));
    const online = await onlineOf(tx, input.tenantId, members);
    const loads = await loadsOf(tx, members);
    const scope = { tx, tenantId: input.tenantId, actor: SYSTEM };
    let last = team.last;
    for (;;) {
      const eligible = members
        .filter((u) => workers.has(u) && online.has(u) && (loads.get(u) ?? 0) < team.capacity)
        .map((userId) => ({ userId, load: loads.get(userId) ?? 0 }));
      const userId = chooseAgent(team.mode, eligible, last);
      if (!userId) break;
      const ticket = await oldestWaiting(tx, team.id);
      if (!ticket) break;
      if (run.assigned.length >= batch) {
        run.more = true;
        break;
      }
      const load = loads.get(userId) ?? 0;
      await tx
        .update(tickets)
        .set({ assigneeId: userId, updatedAt: new Date() })
        .where(and(eq(tickets.id, ticket.id), isNull(tickets.assigneeId)));
      await audit(
        scope,
        "ticket.assign",
        { type: "ticket", id: ticket.id },
        { by: "assignment", teamId: team.id, assigneeId: userId, load, capacity: team.capacity },
      );
      await recordTicketEvent(tx, input.tenantId, {
        ticketId: ticket.id,
        kind: "updated",
        actorUserId: null,
        changes: { assigneeId: userId },
        previousAssigneeId: null,
      });
      loads.set(userId, load + 1);
      last = userId;
      run.assigned.push({ ticketId: ticket.id, userId });
    }
    if (run.assigned.length > 0) {
      await tx
        .update(teams)
        // Round-robin's place is not an edit of the team: its updated_at stays.
        .set({ lastAssignedUserId: last, updatedAt: sql`${teams.updatedAt}` })
        .where(eq(teams.id, team.id));
    }
    if (run.more) {
      await enqueue(tx, teamAssignmentJob, { tenantId: input.tenantId, teamId: team.id });
    }
    return run;
  });
}
