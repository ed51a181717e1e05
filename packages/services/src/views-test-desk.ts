// Test support for the saved-view and bulk-action tests: a tenant with people acting through the
// services on the real database (app role), built with the database package (the trpc harness is
// not a dependency of this package), and tickets to work on.
import { env } from "@supportdesk/config";
import {
  and,
  auditLog,
  createDatabase,
  createTenant,
  eq,
  inArray,
  messages,
  nextNumber,
  tickets,
  users,
  userTenantRoles,
} from "@supportdesk/database";
import type { BuiltInRole, Permission } from "@supportdesk/domain";
import { builtInGrant, type Grant, type TenantScope } from "./context";

export const unique = () => crypto.randomUUID().slice(0, 12);

type Db = ReturnType<typeof createDatabase>;

/** A pool of its own for one test file (`db.close()` in its afterAll) and `desk()` on it. */
export function openDesks() {
  const db = createDatabase({ url: env().DATABASE_URL, max: 4 });
  return { db, desk: (name?: string) => desk(db, name) };
}

async function person(db: Db, name: string) {
  const [user] = await db.platform
    .insert(users)
    .values({
      email: `${name.split(" ")[0]?.toLowerCase()}-${unique()}@example.test`,
      name,
      passwordHash: "x",
    })
    .returning({ id: users.id });
  if (!user) throw new Error("user insert returned nothing");
  return user.id;
}

export type Run = {
  userId: string | null;
  run: <T>(fn: (scope: TenantScope) => Promise<T>) => Promise<T>;
};

/**
 * A tenant with its owner; `join(role, name)` adds an agent; `custom(userId, permissions)` acts as
 * them with exactly those permissions; `as(grant, null)` acts as an API key would (no user);
 * `seed(n, values)` opens n tickets straight in the table; `auditOf` and `systemLinesOf` read what
 * the changes left behind.
 */
async function desk(db: Db, name = "Views Co") {
  const ownerId = await person(db, "Olivia Owner");
  const tenant = await createTenant(db.platform, {
    slug: `views-${unique()}`,
    name,
    ownerUserId: ownerId,
  });
  const apiKeyId = crypto.randomUUID();
  const as = (grant: Grant, userId: string | null): Run => ({
    userId,
    run: (fn) =>
      db.withTenant(tenant.id, (tx) =>
        fn({
          tx,
          tenantId: tenant.id,
          ...grant,
          actor: { userId, apiKeyId: userId ? null : apiKeyId, ip: null, userAgent: null },
        }),
      ),
  });
  const join = async (role: BuiltInRole, who: string) => {
    const userId = await person(db, who);
    await db.platform.insert(userTenantRoles).values({ userId, tenantId: tenant.id, role });
    return as(builtInGrant(role), userId);
  };
  const custom = (userId: string, permissions: Permission[]) =>
    as({ role: "custom", customRoleId: null, permissions: new Set(permissions) }, userId);
  const seed = (count: number, values: Partial<typeof tickets.$inferInsert> = {}) =>
    db.withTenant(tenant.id, async (tx) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const [row] = await tx
          .insert(tickets)
          .values({ number: await nextNumber(tx, "ticket"), subject: `Ticket ${i}`, ...values })
          .returning({ id: tickets.id });
        if (row) ids.push(row.id);
      }
      return ids;
    });
  const ticketsOf = (ids: string[]) =>
    db.withTenant(tenant.id, (tx) =>
      tx
        .select({
          id: tickets.id,
          status: tickets.status,
          priority: tickets.priority,
          tags: tickets.tags,
        })
        .from(tickets)
        .where(inArray(tickets.id, ids)),
    );
  const auditOf = (action: string) =>
    db.withTenant(tenant.id, (tx) =>
      tx
        .select({ targetId: auditLog.targetId, metadata: auditLog.metadata })
        .from(auditLog)
        .where(eq(auditLog.action, action)),
    );
  const systemLinesOf = (ticketId: string) =>
    db.withTenant(tenant.id, (tx) =>
      tx
        .select({ body: messages.body })
        .from(messages)
        .where(and(eq(messages.ticketId, ticketId), eq(messages.authorType, "system"))),
    );
  return {
    tenant,
    owner: as(builtInGrant("owner"), ownerId),
    join,
    custom,
    as,
    seed,
    ticketsOf,
    auditOf,
    systemLinesOf,
  };
}

/** How a call failed: its code ("ok" when it did not), field and message. */
export const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ code: "ok", field: undefined, message: "" }),
    (error: { code?: string; field?: string; message?: string }) => ({
      code: error.code,
      field: error.field,
      message: error.message ?? "",
    }),
  );
