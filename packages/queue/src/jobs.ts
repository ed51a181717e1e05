// Job definitions: a queue, a name and a zod payload; producers import these, never handlers.
import { z } from "zod";

/** A job that can be recorded in the outbox; `tenantScoped` jobs must carry `tenantId`. */
export type JobDefinition<Schema extends z.ZodType> = {
  queue: "email" | "notification";
  name: string;
  payload: Schema;
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
) {
  return { queue, name, payload: z.strictObject({ tenantId: z.uuid(), ...shape }) };
}

/** A platform job (no tenant yet), such as a sign-up's verification email. */
export function definePlatformJob<Shape extends z.ZodRawShape>(
  queue: JobDefinition<z.ZodType>["queue"],
  name: string,
  shape: Shape,
) {
  return { queue, name, payload: z.strictObject(shape) };
}

const email = z.email();
const token = z.string().min(20).max(200);

/** Emails a new user a link to verify their address. */
export const verifyEmailJob = definePlatformJob("email", "email.verify", {
  userId: z.uuid(),
  email,
  name: z.string(),
  token,
});

/** Emails a link to choose a new password. */
export const passwordResetJob = definePlatformJob("email", "email.password-reset", {
  userId: z.uuid(),
  email,
  name: z.string(),
  token,
});

/** Emails an invitation to join a tenant with a role. */
export const invitationJob = defineTenantJob("email", "email.invitation", {
  invitationId: z.uuid(),
  email,
  token,
  role: z.enum(["owner", "admin", "member", "viewer"]),
  inviterName: z.string(),
});

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

/** Emails the ticket's customer that their ticket was opened (#number, subject). */
export const ticketCreatedEmailJob = defineTenantJob("email", "email.ticket-created", {
  ticketId: z.uuid(),
});

/** Emails the ticket's customer an agent's public reply. */
export const ticketReplyEmailJob = defineTenantJob("email", "email.ticket-reply", {
  ticketId: z.uuid(),
  messageId: z.uuid(),
});

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
    invitationJob,
    ticketEventJob,
    ticketCreatedEmailJob,
    ticketReplyEmailJob,
    agentNotificationEmailJob,
  ].map((job) => [job.name, job]),
) as Record<string, JobDefinition<z.ZodType>>;
