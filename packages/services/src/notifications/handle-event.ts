// The `ticket.event` job: store each concerned agent's notification, record their emails, and
// say which realtime events to publish.
import { createHash } from "node:crypto";
import {
  and,
  customers,
  type Database,
  eq,
  messages,
  notifications,
  type TenantDb,
  tickets,
  users,
} from "@supportdesk/database";
import { agentNotificationEmailJob, enqueue, ticketEventJob } from "@supportdesk/queue";
import { ticketWorkers } from "../members";
import {
  audienceOf,
  effectiveChannels,
  type MessageFacts,
  type TicketEventPayload,
  titleOf,
} from "./audience";
import { notificationColumns, nowMs, unreadCounts } from "./types";

/**
 * The id of the notification a job gives a user: the first 128 bits of
 * sha256(`${jobId}:${userId}`) as an RFC 9562 version 8 UUID. A redelivered job computes the
 * same ids, so its inserts conflict and add nothing.
 *
 * @example
 * notificationIdFor("0193…", userId); // "3f2a9c1e-…-8…"
 */
export function notificationIdFor(jobId: string, userId: string): string {
  const hex = createHash("sha256").update(`${jobId}:${userId}`).digest("hex");
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join("-");
}

async function actorNameOf(
  tx: TenantDb,
  actorUserId: string | null,
  message: MessageFacts | undefined,
): Promise<string | null> {
  if (!actorUserId) return message?.customerName ?? null;
  const [row] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actorUserId));
  return row?.name ?? null;
}

/** What a realtime event says about the ticket (never the thread's text). */
type RealtimeEvent = {
  type: "notification.created" | "ticket.created" | "ticket.updated" | "message.created";
  tenantId: string;
  userIds: string[] | null;
  payload: Record<string, unknown>;
};

/**
 * Handles a `ticket.event` job in ONE tenant transaction: stores each concerned agent's
 * notification (per their preferences), records the emails they asked for, and returns the
 * realtime events to publish once the transaction has committed.
 *
 * Idempotent: notification ids derive from the job id, so a redelivered job inserts nothing and
 * records no email. It still returns the tenant-wide event (clients just refetch the ticket), but
 * no `notification.created`, so nobody's bell rings twice. A ticket deleted meanwhile gives [].
 *
 * @example
 * const events = await handleTicketEvent(db, { id: job.id, payload: job.data });
 * for (const event of events) await publishEvent(redis, event);
 */
export async function handleTicketEvent(
  db: Database,
  job: { id: string; payload: TicketEventPayload },
): Promise<RealtimeEvent[]> {
  const event = ticketEventJob.payload.parse(job.payload);
  const { tenantId } = event;
  return db.withTenant(tenantId, async (tx) => {
    const [ticket] = await tx
      .select({
        id: tickets.id,
        number: tickets.number,
        subject: tickets.subject,
        status: tickets.status,
        assigneeId: tickets.assigneeId,
      })
      .from(tickets)
      .where(eq(tickets.id, event.ticketId));
    if (!ticket) return [];

    let message: MessageFacts | undefined;
    if (event.kind === "message") {
      if (!event.messageId) return [];
      [message] = await tx
        .select({
          id: messages.id,
          isInternal: messages.isInternal,
          customerName: customers.name,
        })
        .from(messages)
        .leftJoin(
          customers,
          and(
            eq(customers.tenantId, messages.tenantId),
            eq(customers.id, messages.authorCustomerId),
          ),
        )
        .where(and(eq(messages.id, event.messageId), eq(messages.ticketId, ticket.id)));
      if (!message) return [];
    }

    const summary: Record<string, unknown> = {
      ticketId: ticket.id,
      number: ticket.number,
      subject: ticket.subject,
      status: ticket.status,
      ...(message ? { messageId: message.id, isInternal: message.isInternal } : {}),
    };
    const events: RealtimeEvent[] = [
      {
        type:
          event.kind === "created"
            ? "ticket.created"
            : event.kind === "updated"
              ? "ticket.updated"
              : "message.created",
        tenantId,
        userIds: null,
        payload: summary,
      },
    ];

    const audience = audienceOf(event, ticket, message, await ticketWorkers(tx, tenantId));
    const channels = await effectiveChannels(tx, audience);
    const actorName = await actorNameOf(tx, event.actorUserId, message);

    const values = [...audience]
      .filter(([userId]) => {
        const c = channels.get(userId);
        return c && (c.inApp || c.email);
      })
      .map(([userId, type]) => {
        const inApp = channels.get(userId)?.inApp ?? true;
        return {
          id: notificationIdFor(job.id, userId),
          userId,
          type,
          payload: {
            ticketId: ticket.id,
            number: ticket.number,
            subject: ticket.subject,
            title: titleOf(type, ticket),
            actorName,
            ...(message ? { messageId: message.id } : {}),
            // Email only: stored for the email to name, born read, never in the inbox.
            ...(inApp ? {} : { inApp: false }),
          },
          readAt: inApp ? null : nowMs,
          createdAt: nowMs,
        };
      });
    if (values.length === 0) return events;

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
    for (const { userId, ...notification } of shown) {
      events.push({
        type: "notification.created",
        tenantId,
        userIds: [userId],
        payload: {
          notification: { ...notification, createdAt: notification.createdAt.toISOString() },
          unreadCount: unread.get(userId) ?? 0,
        },
      });
    }
    return events;
  });
}
