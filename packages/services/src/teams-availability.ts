// Agents' availability: the web app's presence (a heartbeat while a tab is visible) and a manual
// override; the effective status assignment reads. Coming online queues the agent's teams.
import { agentStatus, and, eq, type SQL, sql } from "@supportdesk/database";
import type { AgentAvailability } from "@supportdesk/domain";
import { enqueueAgentTeams } from "./assignment-trigger";
import { audit } from "./audit";
import { authorize, signedInUser, type TenantScope } from "./context";

/** How long a heartbeat keeps an agent online: the web app beats every 60 s while visible. */
export const PRESENCE_TTL_SECONDS = 180;

/** Whether the row's presence is a fresh "online" (SQL over `agent_status`). */
const presentSql = sql<boolean>`(${agentStatus.presence} = 'online' and ${agentStatus.updatedAt} > now() - ${sql.raw(`interval '${PRESENCE_TTL_SECONDS} seconds'`)})`;

/**
 * An agent's effective availability as SQL (over a possibly missing `agent_status` row, e.g. a
 * left join): the manual override when set, otherwise online while the presence is fresh.
 */
export const effectiveAvailabilitySql: SQL<AgentAvailability> = sql<AgentAvailability>`coalesce(${agentStatus.manual}, case when ${presentSql} then 'online'::agent_availability else 'offline'::agent_availability end)`;

/** The same rule in TypeScript, for a row read at `now` (a missing row is offline). */
export function effectiveAvailability(
  row: { presence: AgentAvailability; manual: AgentAvailability | null; updatedAt: Date } | null,
  now: Date,
): AgentAvailability {
  if (!row) return "offline";
  if (row.manual) return row.manual;
  const fresh = now.getTime() - row.updatedAt.getTime() < PRESENCE_TTL_SECONDS * 1000;
  return row.presence === "online" && fresh ? "online" : "offline";
}

/** The caller's availability: effective status, the override (null: following presence). */
async function availabilityOf(scope: TenantScope, userId: string, lock = false) {
  const query = scope.tx
    .select({
      manual: agentStatus.manual,
      online: presentSql,
      status: effectiveAvailabilitySql,
      lastSeenAt: agentStatus.updatedAt,
    })
    .from(agentStatus)
    .where(and(eq(agentStatus.tenantId, scope.tenantId), eq(agentStatus.userId, userId)));
  const [row] = await (lock ? query.for("update") : query);
  return {
    userId,
    status: row?.status ?? ("offline" as AgentAvailability),
    manual: row?.manual ?? null,
    /** Whether the web app reported the agent present within the last few minutes. */
    present: row?.online ?? false,
    lastSeenAt: row?.lastSeenAt ?? null,
  };
}

/** The caller's own availability (permission `ticket.reply`: those who can be assigned). */
export async function myAvailability(scope: TenantScope) {
  authorize(scope, "ticket.reply");
  return availabilityOf(scope, signedInUser(scope));
}

/** Queues the caller's teams when their effective status has just become online. */
async function cameOnline(scope: TenantScope, userId: string, before: AgentAvailability) {
  const after = await availabilityOf(scope, userId);
  if (before !== "online" && after.status === "online") {
    await enqueueAgentTeams(scope, userId);
  }
  return after;
}

/**
 * The web app's presence beat (every 60 s while a tab is visible): the caller is present for the
 * next few minutes. Not audited: it is presence, not a change anyone made.
 */
export async function heartbeat(scope: TenantScope) {
  authorize(scope, "ticket.reply");
  const userId = signedInUser(scope);
  const before = await availabilityOf(scope, userId, true);
  await scope.tx
    .insert(agentStatus)
    .values({ userId, presence: "online", updatedAt: sql`now()` })
    .onConflictDoUpdate({
      target: [agentStatus.tenantId, agentStatus.userId],
      set: { presence: "online", updatedAt: sql`now()` },
    });
  return cameOnline(scope, userId, before.status);
}

/**
 * Sets (or with null, clears) the caller's manual availability. The presence's freshness is
 * kept as it was: choosing "Automatic" follows the web app's last beat, not this click.
 */
export async function setAvailability(
  scope: TenantScope,
  input: { status: AgentAvailability | null },
) {
  authorize(scope, "ticket.reply");
  const userId = signedInUser(scope);
  const before = await availabilityOf(scope, userId, true);
  await scope.tx
    .insert(agentStatus)
    .values({ userId, manual: input.status })
    .onConflictDoUpdate({
      target: [agentStatus.tenantId, agentStatus.userId],
      set: { manual: input.status, updatedAt: sql`${agentStatus.updatedAt}` },
    });
  if (before.manual !== input.status) {
    await audit(
      scope,
      "agent.availability",
      { type: "user", id: userId },
      { from: before.manual, to: input.status },
    );
  }
  return cameOnline(scope, userId, before.status);
}
