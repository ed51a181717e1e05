// Test support for teams and assignment: a tenant with people in roles, services run as them,
// teams and waiting tickets written straight to the tables, and the jobs the services queued.
import {
  agentStatus,
  and,
  createTenant,
  type Database,
  eq,
  nextNumber,
  outbox,
  sql,
  teamMembers,
  teams,
  tickets,
  users,
  userTenantRoles,
} from "@supportdesk/database";
import type { AgentAvailability, AssignmentMode, BuiltInRole } from "@supportdesk/domain";
import { builtInGrant, type TenantScope } from "./context";

const unique = () => crypto.randomUUID().slice(0, 12);

async function person(db: Database, name: string) {
  const [user] = await db.platform
    .insert(users)
    .values({ email: `${name.toLowerCase()}-${unique()}@example.test`, name, passwordHash: "x" })
    .returning({ id: users.id });
  if (!user) throw new Error("user insert returned nothing");
  return user.id;
}

export type Person = {
  userId: string;
  run: <T>(fn: (scope: TenantScope) => Promise<T>) => Promise<T>;
};

/**
 * A tenant with its owner; `join(role)` adds someone; `team(...)` and `waiting(...)` write teams
 * and unassigned tickets; `jobs(name)` lists the payloads queued for the tenant.
 */
export async function desk(db: Database, label = "Teams") {
  const ownerId = await person(db, "Owner");
  const tenant = await createTenant(db.platform, {
    slug: `teams-${unique()}`,
    name: `${label} Co`,
    ownerUserId: ownerId,
  });
  const as = (userId: string, role: BuiltInRole): Person => ({
    userId,
    run: (fn) =>
      db.withTenant(tenant.id, (tx) =>
        fn({
          tx,
          tenantId: tenant.id,
          ...builtInGrant(role),
          actor: { userId, apiKeyId: null, ip: null, userAgent: null },
        }),
      ),
  });
  let clock = Date.now() - 3_600_000;
  return {
    tenant,
    owner: as(ownerId, "owner"),
    as,
    async join(role: BuiltInRole, name = "Agent"): Promise<Person> {
      const userId = await person(db, name);
      await db.platform.insert(userTenantRoles).values({ userId, tenantId: tenant.id, role });
      return as(userId, role);
    },
    /** A team with a rule, a capacity and members (written directly). */
    team(mode: AssignmentMode, capacity: number, memberIds: string[], name = `Team ${unique()}`) {
      return db.withTenant(tenant.id, async (tx) => {
        const [row] = await tx
          .insert(teams)
          .values({ name, assignment: mode, capacity })
          .returning({ id: teams.id });
        if (!row) throw new Error("team insert returned nothing");
        if (memberIds.length > 0) {
          await tx
            .insert(teamMembers)
            .values(memberIds.map((userId) => ({ teamId: row.id, userId })));
        }
        return row.id;
      });
    },
    /** `count` unassigned open tickets in `teamId`, each a minute newer than the last. */
    waiting(teamId: string | null, count = 1, assigneeId: string | null = null) {
      return db.withTenant(tenant.id, async (tx) => {
        const ids: string[] = [];
        for (let i = 0; i < count; i++) {
          clock += 60_000;
          const [row] = await tx
            .insert(tickets)
            .values({
              number: await nextNumber(tx, "ticket"),
              subject: `Waiting ${i}`,
              teamId,
              assigneeId,
              createdAt: new Date(clock),
            })
            .returning({ id: tickets.id });
          if (row) ids.push(row.id);
        }
        return ids;
      });
    },
    /** Sets an agent's availability row directly: presence seen `ageSeconds` ago, and override. */
    availability(
      userId: string,
      presence: AgentAvailability,
      manual: AgentAvailability | null = null,
      ageSeconds = 0,
    ) {
      const values = {
        userId,
        presence,
        manual,
        updatedAt: sql`now() - ${sql.raw(`interval '${Math.floor(ageSeconds)} seconds'`)}`,
      };
      return db.withTenant(tenant.id, (tx) =>
        tx
          .insert(agentStatus)
          .values(values)
          .onConflictDoUpdate({ target: [agentStatus.tenantId, agentStatus.userId], set: values }),
      );
    },
    /** Who has each ticket (ticket id → assignee id or null). */
    assignees(ticketIds: string[]) {
      return db.withTenant(tenant.id, async (tx) => {
        const rows = await tx
          .select({ id: tickets.id, assigneeId: tickets.assigneeId })
          .from(tickets);
        const of = new Map(rows.map((r) => [r.id, r.assigneeId]));
        return ticketIds.map((id) => of.get(id) ?? null);
      });
    },
    /** The `jobName` jobs queued for the tenant (outbox id and payload), oldest first. */
    async queued(jobName: string) {
      const rows = await db.platform
        .select({ id: outbox.id, payload: outbox.payload })
        .from(outbox)
        .where(and(eq(outbox.tenantId, tenant.id), eq(outbox.jobName, jobName)))
        .orderBy(outbox.createdAt, outbox.id);
      return rows.map((r) => ({ id: r.id, payload: r.payload as Record<string, unknown> }));
    },
    /** The payloads of `jobName` jobs queued for the tenant, oldest first. */
    async jobs(jobName: string) {
      return (await this.queued(jobName)).map((job) => job.payload);
    },
  };
}
