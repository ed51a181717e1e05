// Agent notifications: who a ticket event concerns (per preferences), the in-app inbox, and its settings.
import { createHash } from "node:crypto";
import {
  and,
  count,
  customers,
  type Database,
  desc,
  eq,
  inArray,
  isNull,
  messages,
  notificationPreferences,
  notifications,
  sql,
  type TenantDb,
  type TenantRole,
  tickets,
  users,
  userTenantRoles,
} from "@supportdesk/database";
import { agentNotificationEmailJob, enqueue, ticketEventJob } from "@supportdesk/queue";
import type { z } from "zod";
import { audit } from "./audit";
import type { TenantScope } from "./context";
import { AppError } from "./errors";
import { decodeCursor, toPage } from "./pagination";

/** What a notification is about; preferences are kept per user and per type. */
export const NOTIFICATION_TYPES = [
  "ticket.created",
  "ticket.assigned",
  "ticket.unassigned",
  "ticket.updated",
  "message.created",
  "note.created",
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
};

const DESCRIPTIONS: Record<NotificationType, string> = {
  "ticket.created": "A new ticket is opened (every agent)",
  "ticket.assigned": "A ticket is assigned to you",
  "ticket.unassigned": "Someone else takes a ticket off you (reassigns or unassigns it)",
  "ticket.updated": "A ticket assigned to you changes (status, priority, tags)",
  "message.created": "A reply on a ticket assigned to you, or on any unassigned ticket",
  "note.created": "An internal note on a ticket assigned to you",
};

/** Roles that work tickets and so receive notifications; viewers never do. */
const AGENT_ROLES: TenantRole[] = ["owner", "admin", "member"];

export type TicketEventPayload = z.infer<typeof ticketEventJob.payload>;

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

/** Rows stored only so an email can name them (in-app off) carry this, and stay out of the inbox. */
const inInbox = sql`(${notifications.payload}->>'inApp') is distinct from 'false'`;

/**
 * Stored at millisecond precision: cursors carry JavaScript dates, and a microsecond timestamp
 * compared with its truncated cursor would skip rows of the same millisecond.
 */
const nowMs = sql`date_trunc('milliseconds', now())`;

const notificationColumns = {
  id: notifications.id,
  type: notifications.type,
  payload: notifications.payload,
  readAt: notifications.readAt,
  createdAt: notifications.createdAt,
};

type TicketFacts = {
  id: string;
  number: number;
  subject: string;
  status: string;
  assigneeId: string | null;
};
type MessageFacts = { id: string; isInternal: boolean; customerName: string | null };

function titleOf(type: NotificationType, ticket: TicketFacts): string {
  const ref = `#${ticket.number}: ${ticket.subject}`;
  switch (type) {
    case "ticket.created":
      return `New ticket ${ref}`;
    case "ticket.assigned":
      return `Ticket #${ticket.number} assigned to you: ${ticket.subject}`;
    case "ticket.unassigned":
      return `Ticket #${ticket.number} is no longer assigned to you: ${ticket.subject}`;
    case "ticket.updated":
      return `Ticket #${ticket.number} updated: ${ticket.subject}`;
    case "message.created":
      return `New reply on ${ref}`;
    case "note.created":
      return `New internal note on ${ref}`;
  }
}

/** Who the event concerns and as what (one notification per user per job: the most specific). */
function audienceOf(
  event: TicketEventPayload,
  ticket: TicketFacts,
  message: MessageFacts | undefined,
  agents: string[],
): Map<string, NotificationType> {
  const out = new Map<string, NotificationType>();
  const assignee = ticket.assigneeId;
  if (event.kind === "created") {
    for (const agent of agents) {
      out.set(agent, agent === assignee ? "ticket.assigned" : "ticket.created");
    }
  } else if (event.kind === "updated") {
    // `changes` holds new values only: a string assigneeId is an assignment (null unassigns);
    // `previousAssigneeId` is who had it, told when it is taken off them.
    const changes = event.changes ?? {};
    const assignedTo = changes.assigneeId;
    if ("assigneeId" in changes) {
      if (typeof assignedTo === "string") out.set(assignedTo, "ticket.assigned");
      const previous = event.previousAssigneeId;
      if (previous && previous !== assignedTo) out.set(previous, "ticket.unassigned");
    } else if (assignee) out.set(assignee, "ticket.updated");
  } else if (message?.isInternal) {
    if (assignee) out.set(assignee, "note.created");
  } else {
    for (const agent of assignee ? [assignee] : agents) out.set(agent, "message.created");
  }
  const isAgent = new Set(agents);
  for (const userId of out.keys()) {
    // Never the actor; never someone who no longer works tickets here (or never did).
    if (userId === event.actorUserId || !isAgent.has(userId)) out.delete(userId);
  }
  return out;
}

async function effectiveChannels(
  tx: TenantDb,
  audience: Map<string, NotificationType>,
): Promise<Map<string, Channels>> {
  const userIds = [...audience.keys()];
  const rows = userIds.length
    ? await tx
        .select({
          userId: notificationPreferences.userId,
          eventType: notificationPreferences.eventType,
          inApp: notificationPreferences.inApp,
          email: notificationPreferences.email,
        })
        .from(notificationPreferences)
        .where(inArray(notificationPreferences.userId, userIds))
    : [];
  const out = new Map<string, Channels>();
  for (const [userId, type] of audience) {
    const row = rows.find((r) => r.userId === userId && r.eventType === type);
    out.set(userId, row ? { inApp: row.inApp, email: row.email } : DEFAULT_PREFERENCES[type]);
  }
  return out;
}

async function unreadCounts(tx: TenantDb, userIds: string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx
    .select({ userId: notifications.userId, unread: count() })
    .from(notifications)
    .where(and(inArray(notifications.userId, userIds), isNull(notifications.readAt), inInbox))
    .groupBy(notifications.userId);
  return new Map(rows.map((r) => [r.userId, r.unread]));
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

    const agents = await tx
      .select({ userId: userTenantRoles.userId })
      .from(userTenantRoles)
      .where(
        and(eq(userTenantRoles.tenantId, tenantId), inArray(userTenantRoles.role, AGENT_ROLES)),
      );
    const audience = audienceOf(
      event,
      ticket,
      message,
      agents.map((a) => a.userId),
    );
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

// ---------------------------------------------------------------------------------------------
// The signed-in user's inbox and settings (router-facing; always the scope's tenant only).

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
