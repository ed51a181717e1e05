// An automation's "notify agents/teams": an in-app notification of type automation.notify per
// person (teams' members included; only people who work tickets), and their emails if they asked.
import { inArray, notifications, type TenantDb, teamMembers } from "@supportdesk/database";
import { agentNotificationEmailJob, enqueue } from "@supportdesk/queue";
import { ticketWorkers } from "../members";
import { effectiveChannels } from "../notifications/audience";
import { notificationIdFor } from "../notifications/handle-event";
import type { NotificationType } from "../notifications/types";
import { nowMs } from "../notifications/types";

type Notify = { userIds?: string[] | undefined; teamIds?: string[] | undefined; message: string };

/**
 * Notifies the named people and the members of the named teams about a ticket. Ids derive from
 * the run (`runId`), so the same run never notifies anyone twice. Returns who was notified.
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
): Promise<string[]> {
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
  if (audience.size === 0) return [];
  const channels = await effectiveChannels(tx, audience);
  const { ticket } = input;
  const values = [...audience.keys()]
    .filter((userId) => {
      const c = channels.get(userId);
      return c && (c.inApp || c.email);
    })
    .map((userId) => {
      const inApp = channels.get(userId)?.inApp ?? true;
      return {
        id: notificationIdFor(input.runId, userId),
        userId,
        type: "automation.notify",
        payload: {
          ticketId: ticket.id,
          number: ticket.number,
          subject: ticket.subject,
          title: `#${ticket.number}: ${input.action.message}`,
          message: input.action.message,
          actorName: `Automation: ${input.ruleName}`,
          ...(inApp ? {} : { inApp: false }),
        },
        readAt: inApp ? null : nowMs,
        createdAt: nowMs,
      };
    });
  if (values.length === 0) return [];
  const inserted = await tx
    .insert(notifications)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: notifications.id, userId: notifications.userId });
  for (const row of inserted) {
    if (channels.get(row.userId)?.email) {
      await enqueue(tx, agentNotificationEmailJob, {
        tenantId,
        userId: row.userId,
        notificationId: row.id,
      });
    }
  }
  return inserted.map((row) => row.userId);
}
