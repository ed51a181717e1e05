// Storing notifications that are not about a ticket event (SLA alerts, automation rules): one row
// per person by their channels, with an id derived from what caused it so a repeat stores nothing,
// and the emails of those who asked for them — in the caller's transaction.
import { notifications, type TenantDb } from "@supportdesk/database";
import type { RealtimeEvent } from "@supportdesk/domain";
import { agentNotificationEmailJob, enqueue } from "@supportdesk/queue";
import { effectiveChannels } from "./audience";
import { notificationIdFor } from "./handle-event";
import { type NotificationType, notificationColumns, nowMs, unreadCounts } from "./types";

/** What storing gave: the people notified, and the bells to ring once the transaction commits. */
export type Stored = { userIds: string[]; events: RealtimeEvent[] };

/**
 * Stores a notification of its type for each person of `audience` who has the type on in-app or
 * by email (`payload` for all; `inApp: false` added for those who want only the email, which
 * keeps it out of their inbox), ids from `key` and the person. Returns the people stored and a
 * `notification.created` event per in-app one, for the caller to publish after its commit.
 *
 * @example
 * await storeNotifications(tx, tenantId, new Map([[userId, "sla.breach"]]), `sla.breach:${clockId}`, payload);
 */
export async function storeNotifications(
  tx: TenantDb,
  tenantId: string,
  audience: Map<string, NotificationType>,
  key: string,
  payload: Record<string, unknown>,
): Promise<Stored> {
  if (audience.size === 0) return { userIds: [], events: [] };
  const channels = await effectiveChannels(tx, audience);
  const values = [...audience]
    .filter(([userId]) => {
      const c = channels.get(userId);
      return c && (c.inApp || c.email);
    })
    .map(([userId, type]) => {
      const inApp = channels.get(userId)?.inApp ?? true;
      return {
        id: notificationIdFor(key, userId),
        userId,
        type,
        payload: { ...payload, ...(inApp ? {} : { inApp: false }) },
        readAt: inApp ? null : nowMs,
        createdAt: nowMs,
      };
    });
  if (values.length === 0) return { userIds: [], events: [] };
  const inserted = await tx
    .insert(notifications)
    .values(values)
    .onConflictDoNothing()
    .returning({ ...notificationColumns, userId: notifications.userId });
  for (const row of inserted) {
    if (channels.get(row.userId)?.email) {
      await enqueue(tx, agentNotificationEmailJob, {
        tenantId,
        userId: row.userId,
        notificationId: row.id,
      });
    }
  }
  const shown = inserted.filter((row) => channels.get(row.userId)?.inApp);
  const unread = await unreadCounts(
    tx,
    shown.map((row) => row.userId),
  );
  const events = shown.map(({ userId, ...notification }) => ({
    type: "notification.created" as const,
    tenantId,
    userIds: [userId],
    payload: {
      notification: { ...notification, createdAt: notification.createdAt.toISOString() },
      unreadCount: unread.get(userId) ?? 0,
    },
  }));
  return { userIds: inserted.map((row) => row.userId), events };
}
