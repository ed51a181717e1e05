// The signed-in user's inbox: list, count, mark read (always the scope's tenant only).
import { and, desc, eq, inArray, isNull, notifications, sql } from "@supportdesk/database";
import type { TenantScope } from "../context";
import { decodeCursor, toPage } from "../pagination";
import { inInbox, notificationColumns, unreadCounts } from "./types";

/** A page of the user's notifications, newest first, in seed 001's envelope. */
export async function listNotifications(
  scope: TenantScope,
  userId: string,
  input: { cursor?: string | undefined; perPage: number; unreadOnly?: boolean | undefined },
) {
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const rows = await scope.tx
    .select(notificationColumns)
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        inInbox,
        input.unreadOnly ? isNull(notifications.readAt) : undefined,
        after
          ? sql`(${notifications.createdAt}, ${notifications.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(input.perPage + 1);
  return toPage(rows, input.perPage, scope.tenantId, input.cursor);
}

/** How many of the user's notifications in this tenant are unread. */
export async function unreadCount(scope: TenantScope, userId: string) {
  const counts = await unreadCounts(scope.tx, [userId]);
  return { count: counts.get(userId) ?? 0, tenant_id: scope.tenantId };
}

/**
 * Marks the user's own notifications read. Ids that are not theirs (someone else's, another
 * tenant's, unknown) are ignored: the answer is the same whoever owns them.
 */
export async function markRead(scope: TenantScope, userId: string, input: { ids: string[] }) {
  const ids = [...new Set(input.ids)];
  const updated = ids.length
    ? await scope.tx
        .update(notifications)
        .set({ readAt: sql`now()` })
        .where(
          and(
            eq(notifications.userId, userId),
            inArray(notifications.id, ids),
            isNull(notifications.readAt),
          ),
        )
        .returning({ id: notifications.id })
    : [];
  return { updated: updated.length, ...(await unreadCount(scope, userId)) };
}

/** Marks every notification of the user in this tenant read. */
export async function markAllRead(scope: TenantScope, userId: string) {
  const updated = await scope.tx
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: updated.length, count: 0, tenant_id: scope.tenantId };
}
