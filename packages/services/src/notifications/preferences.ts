// The signed-in user's notification settings: which types reach them in the app and by email.
import { eq, notificationPreferences, sql } from "@supportdesk/database";
import { audit } from "../audit";
import type { TenantScope } from "../context";
import { AppError } from "../errors";
import {
  type Channels,
  DEFAULT_PREFERENCES,
  NOTIFICATION_TYPES,
  type NotificationType,
} from "./types";

const DESCRIPTIONS: Record<NotificationType, string> = {
  "ticket.created": "A new ticket is opened (every agent)",
  "ticket.assigned": "A ticket is assigned to you",
  "ticket.unassigned": "Someone else takes a ticket off you (reassigns or unassigns it)",
  "ticket.updated": "A ticket assigned to you changes (status, priority, tags)",
  "message.created": "A reply on a ticket assigned to you, or on any unassigned ticket",
  "note.created": "An internal note on a ticket assigned to you",
  "sla.warning": "An SLA target on your ticket (or your team's unassigned one) is due soon",
  "sla.breach": "An SLA target on your ticket (or your team's unassigned one) was breached",
  "automation.notify": "An automation rule asks for your attention",
};

/** Every type with its effective channels, whether that is the default, and what it covers. */
export async function getPreferences(scope: TenantScope, userId: string) {
  const rows = await scope.tx
    .select({
      eventType: notificationPreferences.eventType,
      inApp: notificationPreferences.inApp,
      email: notificationPreferences.email,
    })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  return {
    data: NOTIFICATION_TYPES.map((eventType) => {
      const row = rows.find((r) => r.eventType === eventType);
      const channels = row ?? DEFAULT_PREFERENCES[eventType];
      return {
        eventType,
        description: DESCRIPTIONS[eventType],
        inApp: channels.inApp,
        email: channels.email,
        isDefault: !row,
      };
    }),
    tenant_id: scope.tenantId,
  };
}

const isNotificationType = (value: string): value is NotificationType =>
  (NOTIFICATION_TYPES as readonly string[]).includes(value);

/** Saves the user's choices (upsert per type; the last entry wins for a repeated type). */
export async function updatePreferences(
  scope: TenantScope,
  userId: string,
  preferences: { eventType: string; inApp: boolean; email: boolean }[],
) {
  const byType = new Map<NotificationType, Channels>();
  for (const p of preferences) {
    if (!isNotificationType(p.eventType)) {
      throw new AppError(
        "BAD_REQUEST",
        `eventType must be one of ${NOTIFICATION_TYPES.join(", ")}.`,
        { field: "eventType" },
      );
    }
    byType.set(p.eventType, { inApp: p.inApp, email: p.email });
  }
  if (byType.size > 0) {
    await scope.tx
      .insert(notificationPreferences)
      .values([...byType].map(([eventType, c]) => ({ userId, eventType, ...c })))
      .onConflictDoUpdate({
        target: [
          notificationPreferences.tenantId,
          notificationPreferences.userId,
          notificationPreferences.eventType,
        ],
        set: { inApp: sql`excluded.in_app`, email: sql`excluded.email`, updatedAt: sql`now()` },
      });
    await audit(
      scope,
      "notification.preferences.update",
      { type: "user", id: userId },
      {
        preferences: Object.fromEntries(byType),
      },
    );
  }
  return getPreferences(scope, userId);
}
