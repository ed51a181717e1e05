// Test support for the canned-reply tests: a tenant with people acting through the services on the
// real database (app role), built with the database package (the trpc harness is not a dependency).
import { env } from "@supportdesk/config";
import { createDatabase, createTenant, users, userTenantRoles } from "@supportdesk/database";
import type { BuiltInRole, Permission } from "@supportdesk/domain";
import { builtInGrant, type Grant, type TenantScope } from "../context";
import { createMacro, listMacros, type MacroInput } from "./crud";

export const unique = () => crypto.randomUUID().slice(0, 12);

/** A pool of its own for one test file (`db.close()` in its afterAll) and `desk()` on it. */
export function openDesks() {
  const db = createDatabase({ url: env().DATABASE_URL, max: 4 });
  return { db, desk: (name?: string) => desk(db, name) };
}

type Db = ReturnType<typeof createDatabase>;

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

/**
 * A tenant with its owner; `join(role, name)` adds an agent; `custom(userId, permissions)` acts
 * as them with exactly those permissions; `as(grant, null)` acts as an API key would (no user).
 */
async function desk(db: Db, name = "Macro Co") {
  const ownerId = await person(db, "Olivia Owner");
  const tenant = await createTenant(db.platform, {
    slug: `macro-${unique()}`,
    name,
    ownerUserId: ownerId,
  });
  const as = (grant: Grant, userId: string | null) => ({
    userId,
    run: <T>(fn: (scope: TenantScope) => Promise<T>) =>
      db.withTenant(tenant.id, (tx) =>
        fn({
          tx,
          tenantId: tenant.id,
          ...grant,
          actor: { userId, apiKeyId: null, ip: null, userAgent: null },
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
  return { tenant, owner: as(builtInGrant("owner"), ownerId), join, custom, as };
}

export type Run = { run: <T>(fn: (scope: TenantScope) => Promise<T>) => Promise<T> };

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
export const create = (who: Run, input: MacroInput) => who.run((s) => createMacro(s, input));
export const list = (who: Run) => who.run((s) => listMacros(s));
