// An automation's "notify agents/teams": an in-app notification of type automation.notify per
// person (teams' members included; only people who work tickets), and their emails if they asked.
import { inArray, type TenantDb, teamMembers } from "@supportdesk/database";
import { ticketWorkers } from "../members";
import { type Stored, storeNotifications } from "../notifications/store";
import type { NotificationType } from "../notifications/types";

type Notify = { userIds?: string[] | undefined; teamIds?: string[] | undefined; message: string };

/**
 * Notifies the named people and the members of the named teams about a ticket. Ids derive from
 * the run (`runId`), so the same run never notifies anyone twice. Returns who was notified and
 * the realtime events to publish after the commit.
 */
export async function notifyAgents(
  tx: TenantDb,
  tenantId: string,
  input: {
    runId: string;
    action: Notify;
    ruleName: string;
    ticket: { id: string; number: number; subject: string };
  },
): Promise<Stored> {
  const wanted = new Set(input.action.userIds ?? []);
  if (input.action.teamIds?.length) {
    const members = await tx
      .select({ userId: teamMembers.userId })
      .from(teamMembers)
      .where(inArray(teamMembers.teamId, input.action.teamIds));
    for (const member of members) wanted.add(member.userId);
  }
  const workers = new Set(await ticketWorkers(tx, tenantId));
  const audience = new Map<string, NotificationType>(
    [...wanted].filter((id) => workers.has(id)).map((id) => [id, "automation.notify"]),
  );
  if (audience.size === 0) return { userIds: [], events: [] };
  const { ticket } = input;
  return storeNotifications(tx, tenantId, audience, input.runId, {
    ticketId: ticket.id,
    number: ticket.number,
    subject: ticket.subject,
    title: `#${ticket.number}: ${input.action.message}`,
    message: input.action.message,
    actorName: `Automation: ${input.ruleName}`,
  });
}
