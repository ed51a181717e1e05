// Job definitions: a queue, a name and a zod payload; producers import these, never handlers.
import { z } from "zod";

/** A job that can be recorded in the outbox: its queue, its name, its payload's schema. */
export type JobDefinition<Schema extends z.ZodType> = {
  queue: "email" | "notification" | "inbound" | "automation";
  name: string;
  payload: Schema;
  /**
   * Fields that could sign someone in (one-time tokens): the outbox row and the BullMQ job hold
   * them encrypted; only the worker opens them, just before sending (see `sealed.ts`).
   */
  sealed?: readonly string[];
  /**
   * The handler is idempotent by itself (it checks its own record first), so the worker runs it
   * without the `job_runs` bookkeeping that makes other handlers at-most-once per completion.
   */
  idempotent?: boolean;
};

type JobOptions<Shape extends z.ZodRawShape> = {
  sealed?: readonly (keyof Shape & string)[];
  idempotent?: boolean;
};

/**
 * Declares a job. Tenant-scoped jobs get `tenantId` (a UUID) added to their payload schema, so
 * no producer can forget it and every handler can run inside `withTenant`.
 *
 * @example
 * export const ticketCreated = defineTenantJob("notification", "ticket.created", { ticketId: z.uuid() });
 */
export function defineTenantJob<Shape extends z.ZodRawShape>(
  queue: JobDefinition<z.ZodType>["queue"],
  name: string,
  shape: Shape,
  options: JobOptions<Shape> = {},
) {
  return {
    queue,
    name,
    payload: z.strictObject({ tenantId: z.uuid(), ...shape }),
    sealed: options.sealed ?? [],
    idempotent: options.idempotent ?? false,
  };
}

/** A platform job (no tenant yet), such as a sign-up's verification email. */
export function definePlatformJob<Shape extends z.ZodRawShape>(
  queue: JobDefinition<z.ZodType>["queue"],
  name: string,
  shape: Shape,
  options: JobOptions<Shape> = {},
) {
  return { queue, name, payload: z.strictObject(shape), sealed: options.sealed ?? [] };
}

const email = z.email();
const token = z.string().min(20).max(200);

const sealToken = { sealed: ["token"] } as const;

/** Emails a new user a link that verifies their address and signs them in. */
export const verifyEmailJob = definePlatformJob(
  "email",
  "email.verify",
  { userId: z.uuid(), email, name: z.string(), token },
  sealToken,
);

/** Emails a link to choose a new password. */
export const passwordResetJob = definePlatformJob(
  "email",
  "email.password-reset",
  { userId: z.uuid(), email, name: z.string(), token },
  sealToken,
);

/**
 * Tells the owner of an address that someone tried to sign up with it (registration answers the
 * same either way, so it cannot be used to learn who has an account).
 */
export const accountExistsJob = definePlatformJob("email", "email.account-exists", {
  userId: z.uuid(),
  email,
  name: z.string(),
});

/** Emails an invitation to join a tenant with a role. */
export const invitationJob = defineTenantJob(
  "email",
  "email.invitation",
  {
    invitationId: z.uuid(),
    email,
    token,
    /** The role's name as the email says it ("admin", or a custom role's name). */
    role: z.string().min(1).max(100),
    inviterName: z.string(),
  },
  sealToken,
);

/**
 * Something happened to a ticket: the notification worker publishes it in real time, notifies
 * the people it concerns (per their preferences), and queues their emails.
 */
export const ticketEventJob = defineTenantJob("notification", "ticket.event", {
  ticketId: z.uuid(),
  kind: z.enum(["created", "updated", "message"]),
  actorUserId: z.uuid().nullable(),
  /** With kind "message": the new message. */
  messageId: z.uuid().optional(),
  /** With kind "updated": the fields that changed, with their new values. */
  changes: z.record(z.string(), z.unknown()).optional(),
  /** With kind "updated" when the assignee changed: who had the ticket before (null: nobody). */
  previousAssigneeId: z.uuid().nullable().optional(),
});

/**
 * The customer's link to their ticket (`/tickets/<token>` in the help centre), minted with the
 * email in the same transaction; sealed, since it opens the conversation. Optional only so that
 * jobs queued before links existed still send.
 */
const ticketLink = { linkToken: token.optional() };
const sealLink = { sealed: ["linkToken"] } as const;

/** Emails the ticket's customer that their ticket was opened (#number, subject, link). */
export const ticketCreatedEmailJob = defineTenantJob(
  "email",
  "email.ticket-created",
  { ticketId: z.uuid(), ...ticketLink },
  sealLink,
);

/**
 * A received email, stored raw and recorded (inbound_emails) in the transaction that queued this:
 * parse it, thread it into a ticket or open one, or quarantine it. Idempotent by its row's status.
 */
export const inboundEmailJob = defineTenantJob(
  "inbound",
  "email.inbound",
  { inboundEmailId: z.uuid() },
  { idempotent: true },
);

/** Emails the ticket's customer an agent's public reply (and the link to answer it). */
export const ticketReplyEmailJob = defineTenantJob(
  "email",
  "email.ticket-reply",
  { ticketId: z.uuid(), messageId: z.uuid(), ...ticketLink },
  sealLink,
);

/** Emails an agent about a notification they asked to receive by email. */
export const agentNotificationEmailJob = defineTenantJob("email", "email.agent-notification", {
  userId: z.uuid(),
  notificationId: z.uuid(),
});

/** Every job definition, by name: what the relay and workers validate payloads against. */
export const jobsByName = Object.fromEntries(
  [
    verifyEmailJob,
    passwordResetJob,
    accountExistsJob,
    invitationJob,
    ticketEventJob,
    ticketCreatedEmailJob,
    ticketReplyEmailJob,
    agentNotificationEmailJob,
    inboundEmailJob,
  ].map((job) => [job.name, job]),
) as Record<string, JobDefinition<z.ZodType>>;
