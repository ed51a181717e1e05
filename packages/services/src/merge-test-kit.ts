// Test support for the merge tests: a tenant on the real database (app role) with its owner, people
// of other roles, customers and tickets made through the services, and the outbox it recorded.
import { env } from "@supportdesk/config";
import {
  and,
  auditLog,
  createDatabase,
  createTenant,
  type Database,
  eq,
  outbox,
  users,
  userTenantRoles,
} from "@supportdesk/database";
import type { BuiltInRole } from "@supportdesk/domain";
import { builtInGrant, type TenantScope } from "./context";
import * as customers from "./customers";
import * as tickets from "./tickets";

export const unique = () => crypto.randomUUID().slice(0, 12);

/**
 * A pool of its own for one test file (bun runs files in one process, so a shared pool would be
 * closed by the first file to finish) and `desk()` to make tenants on it. The trpc harness is not
 * a dependency of this package, so fixtures use the database directly.
 */
export function mergeKit() {
  const db = createDatabase({ url: env().DATABASE_URL, max: 6 });
  return { close: () => db.close(), desk: (label?: string) => desk(db, label) };
}

async function person(db: Database, name: string) {
  const [user] = await db.platform
    .insert(users)
    .values({ email: `${name.toLowerCase()}-${unique()}@example.test`, name, passwordHash: "x" })
    .returning({ id: users.id });
  if (!user) throw new Error("user insert returned nothing");
  return user;
}

export type Runner = <T>(fn: (scope: TenantScope) => Promise<T>) => Promise<T>;

/** A tenant with its owner; `run` acts as the owner, `join(role).run` as someone else. */
async function desk(db: Database, label = "Merge Co") {
  const owner = await person(db, "Owner");
  const tenant = await createTenant(db.platform, {
    slug: `merge-${unique()}`,
    name: label,
    ownerUserId: owner.id,
  });
  const as =
    (userId: string, role: BuiltInRole): Runner =>
    (fn) =>
      db.withTenant(tenant.id, (tx) =>
        fn({
          tx,
          tenantId: tenant.id,
          ...builtInGrant(role),
          actor: { userId, apiKeyId: null, ip: null, userAgent: null },
        }),
      );
  const run = as(owner.id, "owner");
  const join = async (role: BuiltInRole) => {
    const user = await person(db, role);
    await db.platform
      .insert(userTenantRoles)
      .values({ userId: user.id, tenantId: tenant.id, role });
    return as(user.id, role);
  };
  const customer = (name: string) =>
    run((s) =>
      customers.createCustomer(s, { email: `${name.toLowerCase()}-${unique()}@example.net`, name }),
    );
  const ticket = (subject: string, customerId?: string) =>
    run((s) => tickets.createTicket(s, { subject, body: `${subject}: first`, customerId }));
  const get = (id: string) => run((s) => tickets.getTicket(s, { id }));
  /** The jobs of `name` this tenant recorded, oldest first. */
  const jobs = async (name: string) =>
    (
      await db.platform
        .select({ payload: outbox.payload })
        .from(outbox)
        .where(and(eq(outbox.tenantId, tenant.id), eq(outbox.jobName, name)))
        .orderBy(outbox.createdAt, outbox.id)
    ).map((r) => r.payload as Record<string, unknown>);
  /** The audit rows of `action` on `targetId`. */
  const audits = (action: string, targetId: string) =>
    run((s) =>
      s.tx
        .select({ metadata: auditLog.metadata, actorUserId: auditLog.actorUserId })
        .from(auditLog)
        .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId))),
    );
  return { tenant, ownerId: owner.id, run, join, customer, ticket, get, jobs, audits };
}

/** A settled promise's outcome: "ok", or the AppError's code (and field when it names one). */
export const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ code: "ok" }) as { code: string; field?: string; message?: string },
    (error: { code?: string; field?: string; message?: string }) => ({
      code: error.code ?? String(error),
      field: error.field,
      message: error.message,
    }),
  );
