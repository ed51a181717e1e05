// Teams: creating, editing and deleting them (permission `team.manage`); members must be people of
// the tenant who work tickets. An automatic team's waiting tickets are offered out after a change.
import { and, eq, inArray, not, teamMembers, teams, tickets } from "@supportdesk/database";
import type { AssignmentMode } from "@supportdesk/domain";
import { enqueueTeam } from "./assignment-trigger";
import { audit } from "./audit";
import { authorize, type TenantScope } from "./context";
import { AppError, notFound } from "./errors";
import { ticketWorkers } from "./members";

export type TeamInput = {
  name: string;
  description?: string | undefined;
  assignment?: AssignmentMode | undefined;
  capacity?: number | undefined;
  memberIds?: string[] | undefined;
};

/** The member ids, deduplicated, each a member of the tenant who works tickets. */
async function checkMembers(scope: TenantScope, ids: string[]): Promise<string[]> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return wanted;
  const workers = new Set(await ticketWorkers(scope.tx, scope.tenantId));
  const strangers = wanted.filter((id) => !workers.has(id));
  if (strangers.length > 0) {
    throw new AppError(
      "BAD_REQUEST",
      "memberIds must be members of this tenant who work tickets (viewers cannot join a team).",
      { field: "memberIds" },
    );
  }
  return wanted;
}

function checkCapacity(capacity: number | undefined) {
  if (capacity !== undefined && (!Number.isInteger(capacity) || capacity < 1 || capacity > 1000)) {
    throw new AppError("BAD_REQUEST", "capacity must be a whole number from 1 to 1000.", {
      field: "capacity",
    });
  }
}

/** Maps the unique-name violation to a CONFLICT on `name`. */
function nameTaken(error: unknown): never {
  const code =
    (error as { code?: string; cause?: { code?: string } }).cause?.code ??
    (error as { code?: string }).code;
  if (code === "23505") {
    throw new AppError("CONFLICT", "A team with that name already exists.", { field: "name" });
  }
  throw error;
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 80) {
    throw new AppError("BAD_REQUEST", "name must be 1 to 80 characters.", { field: "name" });
  }
  return trimmed;
}

/** Creates a team with its members and assignment rule. */
export async function createTeam(scope: TenantScope, input: TeamInput) {
  authorize(scope, "team.manage");
  checkCapacity(input.capacity);
  const memberIds = await checkMembers(scope, input.memberIds ?? []);
  const [team] = await scope.tx
    .insert(teams)
    .values({
      name: checkName(input.name),
      description: input.description?.trim() ?? "",
      assignment: input.assignment ?? "manual",
      ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
    })
    .returning()
    .catch(nameTaken);
  if (!team) throw new Error("team insert returned nothing");
  if (memberIds.length > 0) {
    await scope.tx
      .insert(teamMembers)
      .values(memberIds.map((userId) => ({ teamId: team.id, userId })));
  }
  await audit(
    scope,
    "team.create",
    { type: "team", id: team.id },
    { name: team.name, assignment: team.assignment, capacity: team.capacity, memberIds },
  );
  await enqueueTeam(scope, team.id);
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    assignment: team.assignment,
    capacity: team.capacity,
    memberIds,
  };
}

/** Edits a team; `memberIds`, when given, replaces its members. */
export async function updateTeam(scope: TenantScope, input: Partial<TeamInput> & { id: string }) {
  authorize(scope, "team.manage");
  checkCapacity(input.capacity);
  const memberIds =
    input.memberIds !== undefined ? await checkMembers(scope, input.memberIds) : undefined;
  const [team] = await scope.tx
    .update(teams)
    .set({
      ...(input.name !== undefined ? { name: checkName(input.name) } : {}),
      ...(input.description !== undefined ? { description: input.description.trim() } : {}),
      ...(input.assignment !== undefined ? { assignment: input.assignment } : {}),
      ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
      updatedAt: new Date(),
    })
    .where(eq(teams.id, input.id))
    .returning()
    .catch(nameTaken);
  if (!team) throw notFound("Team");
  if (memberIds !== undefined) {
    await scope.tx
      .delete(teamMembers)
      .where(
        and(
          eq(teamMembers.teamId, team.id),
          memberIds.length > 0 ? not(inArray(teamMembers.userId, memberIds)) : undefined,
        ),
      );
    if (memberIds.length > 0) {
      await scope.tx
        .insert(teamMembers)
        .values(memberIds.map((userId) => ({ teamId: team.id, userId })))
        .onConflictDoNothing();
    }
  }
  await audit(
    scope,
    "team.update",
    { type: "team", id: team.id },
    {
      fields: Object.keys(input).filter((k) => k !== "id"),
      ...(memberIds !== undefined ? { memberIds } : {}),
    },
  );
  // More members, more capacity or an automatic rule may let waiting tickets go out now.
  await enqueueTeam(scope, team.id);
  const members = await scope.tx
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .where(eq(teamMembers.teamId, team.id));
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    assignment: team.assignment,
    capacity: team.capacity,
    memberIds: members.map((m) => m.userId),
  };
}

/**
 * Deletes a team. Its tickets stay, with no team (and keep their agents); its members are
 * unaffected beyond leaving it.
 */
export async function deleteTeam(scope: TenantScope, input: { id: string }) {
  authorize(scope, "team.manage");
  const [team] = await scope.tx
    .select({ id: teams.id, name: teams.name })
    .from(teams)
    .where(eq(teams.id, input.id))
    .for("update");
  if (!team) throw notFound("Team");
  // The tickets' foreign key has no ON DELETE SET NULL: clear them first.
  const cleared = await scope.tx
    .update(tickets)
    .set({ teamId: null, updatedAt: new Date() })
    .where(eq(tickets.teamId, team.id))
    .returning({ id: tickets.id });
  await scope.tx.delete(teams).where(eq(teams.id, team.id));
  await audit(
    scope,
    "team.delete",
    { type: "team", id: team.id },
    { name: team.name, tickets: cleared.length },
  );
  return { ok: true as const };
}
