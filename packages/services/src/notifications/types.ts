// Notification types, their channels and defaults, and the SQL every notification query shares.
import {
  and,
  count,
  inArray,
  isNull,
  notifications,
  sql,
  type TenantDb,
} from "@supportdesk/database";

/** What a notification is about; preferences are kept per user and per type. */
export const NOTIFICATION_TYPES = [
  "ticket.created",
  "ticket.assigned",
  "ticket.unassigned",
  "ticket.updated",
  "message.created",
  "note.created",
  "sla.warning",
  "sla.breach",
  "automation.notify",
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export type Channels = { inApp: boolean; email: boolean };

/**
 * The defaults when a user has no row in `notification_preferences` for a type. Who is asked at
 * all is fixed by the type: every agent for a new ticket (the assignee gets `ticket.assigned`
 * instead), the new assignee for an assignment and the previous one when someone else takes it
 * off them, the assignee for updates and internal notes, and the assignee — or every agent
 * while unassigned — for a reply.
 */
export const DEFAULT_PREFERENCES: Readonly<Record<NotificationType, Readonly<Channels>>> = {
  "ticket.created": { inApp: true, email: false },
  "ticket.assigned": { inApp: true, email: true },
  "ticket.unassigned": { inApp: true, email: false },
  "ticket.updated": { inApp: true, email: false },
  "message.created": { inApp: true, email: true },
  "note.created": { inApp: true, email: false },
  "sla.warning": { inApp: true, email: false },
  "sla.breach": { inApp: true, email: true },
  "automation.notify": { inApp: true, email: false },
};

/** Rows stored only so an email can name them (in-app off) carry this, and stay out of the inbox. */
export const inInbox = sql`(${notifications.payload}->>'inApp') is distinct from 'false'`;

/**
 * Stored at millisecond precision: cursors carry JavaScript dates, and a microsecond timestamp
 * compared with its truncated cursor would skip rows of the same millisecond.
 */
export const nowMs = sql`date_trunc('milliseconds', now())`;

export const notificationColumns = {
  id: notifications.id,
  type: notifications.type,
  payload: notifications.payload,
  readAt: notifications.readAt,
  createdAt: notifications.createdAt,
};

/** Unread inbox notifications per user, in the transaction's tenant. */
export async function unreadCounts(tx: TenantDb, userIds: string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx
    .select({ userId: notifications.userId, unread: count() })
    .from(notifications)
    .where(and(inArray(notifications.userId, userIds), isNull(notifications.readAt), inInbox))
    .groupBy(notifications.userId);
  return new Map(rows.map((r) => [r.userId, r.unread]));
}
