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
