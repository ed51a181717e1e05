// The access layer without any transport: who is calling, which tenant a request names (in the
// contract's order), and what the caller may do there — against real PostgreSQL and Redis.
import { afterAll, describe, expect, test } from "bun:test";
import { createTokenService, generateApiKey, generateSigningKey } from "@supportdesk/auth-utils";
import { createRedis } from "@supportdesk/cache";
import { env } from "@supportdesk/config";
import {
  apiKeys,
  createDatabase,
  customRoles,
  eq,
  sessions,
  tenants,
  users,
  userTenantRoles,
} from "@supportdesk/database";
import { createLogger } from "@supportdesk/logger";
import { authenticate } from "./authenticate";
import { forgetMembership, forgetRole, forgetSessions, forgetTenant } from "./cache";
import { resolveTenant } from "./resolve";
import type { AccessDeps, Principal, TenantHints } from "./types";

const config = env();
const redis = createRedis(config.REDIS_URL, { name: "access-test" });
const db = createDatabase({ url: config.DATABASE_URL, max: 2 });
const deps: AccessDeps = {
  db,
  redis,
  tokens: await createTokenService({
    keys: [await generateSigningKey()],
    issuer: "supportdesk-test",
    audience: "supportdesk-api",
    ttlSeconds: 900,
  }),
  log: createLogger({ name: "access-test", level: "silent" }),
  settings: { nodeEnv: "test", platformDomain: "supportdesk.test" },
};
afterAll(async () => {
  await db.close();
  redis.disconnect();
});

const unique = () => crypto.randomUUID().slice(0, 8);

async function makeTenant(extra: Partial<typeof tenants.$inferInsert> = {}) {
  const [tenant] = await db.platform
    .insert(tenants)
    .values({ slug: `acc-${unique()}`, name: "Access Co", ...extra })
    .returning();
  if (!tenant) throw new Error("no tenant");
  return tenant;
}

/** A user with a live session (and its access token), optionally remembering a tenant. */
async function makeUser(currentTenantId: string | null = null) {
  const [user] = await db.platform
    .insert(users)
    .values({ email: `acc-${unique()}@example.test`, name: "Ada", passwordHash: "x" })
    .returning();
  if (!user) throw new Error("no user");
  const [session] = await db.platform
    .insert(sessions)
    .values({ userId: user.id, currentTenantId })
    .returning();
  if (!session) throw new Error("no session");
  const { token } = await deps.tokens.signAccessToken({ sub: user.id, sid: session.id });
  return { user, session, authorization: `Bearer ${token}` };
}

async function join(
  tenantId: string,
  userId: string,
  role: "admin" | "viewer" | "custom",
  customRoleId: string | null = null,
) {
  await db.platform.insert(userTenantRoles).values({ tenantId, userId, role, customRoleId });
}

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
  );

const resolve = async (principal: Principal, hints: TenantHints) => {
  const { tenant, grant } = await resolveTenant(deps, principal, hints);
  return { slug: tenant.slug, role: grant.role, permissions: [...grant.permissions].sort() };
};

describe("authenticate", () => {
  test("a bearer access token with a live session is a user; its session ending refuses it", async () => {
    const { user, session, authorization } = await makeUser();
    expect(await authenticate(deps, authorization)).toEqual({
      type: "user",
      userId: user.id,
      sessionId: session.id,
    });
    await db.platform
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(eq(sessions.id, session.id));
    await forgetSessions(deps, [session.id]);
    expect(await errorOf(authenticate(deps, authorization))).toBe(
      "UNAUTHENTICATED: Your session has ended; sign in again.",
    );
  });

  test("no header, another scheme or a forged token: UNAUTHENTICATED", async () => {
    for (const header of [null, "Basic abc", "Bearer", "Bearer not.a.jwt", "Bearer sdk_nope"]) {
      expect(await errorOf(authenticate(deps, header))).toStartWith("UNAUTHENTICATED:");
    }
  });

  test("an API key is bound to its tenant with its role; a revoked key is refused", async () => {
    const tenant = await makeTenant();
    const generated = generateApiKey();
    const [key] = await db.platform
      .insert(apiKeys)
      .values({
        tenantId: tenant.id,
        name: "k",
        prefix: generated.prefix,
        keyHash: generated.hash,
        role: "viewer",
      })
      .returning();
    const principal = await authenticate(deps, `Bearer ${generated.key}`);
    expect(principal).toEqual({
      type: "apiKey",
      apiKeyId: key?.id ?? "",
      tenantId: tenant.id,
      role: "viewer",
      customRoleId: null,
    });
    // Bound: naming another tenant is the same NOT_FOUND as naming none that exists.
    const other = await makeTenant();
    expect(await errorOf(resolve(principal, { pathSlug: other.slug }))).toStartWith("NOT_FOUND");
    expect(await resolve(principal, {})).toMatchObject({ slug: tenant.slug, role: "viewer" });
    await db.platform
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(eq(apiKeys.id, key?.id ?? ""));
    expect(await errorOf(authenticate(deps, `Bearer ${generated.key}`))).toStartWith(
      "UNAUTHENTICATED:",
    );
  });
});

describe("resolveTenant", () => {
  test("the contract's order: path, then X-Tenant-ID, X-Tenant-Slug, host, the session's tenant", async () => {
    const [a, b, c, d, e] = await Promise.all([1, 2, 3, 4, 5].map(() => makeTenant()));
    if (!a || !b || !c || !d || !e) throw new Error("no tenants");
    const { user } = await makeUser(e.id);
    for (const t of [a, b, c, d, e]) await join(t.id, user.id, "viewer");
    const [session] = await db.platform.select().from(sessions).where(eq(sessions.userId, user.id));
    const me: Principal = { type: "user", userId: user.id, sessionId: session?.id ?? "" };
    const host = `${d.slug}.supportdesk.test`;
    const all = { pathSlug: a.slug, headerId: b.id, headerSlug: c.slug, host };
    expect((await resolve(me, all)).slug).toBe(a.slug);
    expect((await resolve(me, { ...all, pathSlug: undefined })).slug).toBe(b.slug);
    expect((await resolve(me, { headerSlug: c.slug, host })).slug).toBe(c.slug);
    expect((await resolve(me, { host })).slug).toBe(d.slug);
    expect((await resolve(me, { host: "app.supportdesk.test" })).slug).toBe(e.slug);
    expect((await resolve(me, {})).slug).toBe(e.slug);
    // The dev-only hint is ignored outside development.
    expect((await resolve(me, { dev: a.slug })).slug).toBe(e.slug);
  });

  test("a verified custom domain names its tenant; unknown, suspended and not-mine are one NOT_FOUND", async () => {
    const mine = await makeTenant({ customDomain: `help-${unique()}.example.org` });
    const suspended = await makeTenant({ status: "suspended" });
    const foreign = await makeTenant();
    const { user, session } = await makeUser();
    await join(mine.id, user.id, "admin");
    await join(suspended.id, user.id, "admin");
    const me: Principal = { type: "user", userId: user.id, sessionId: session.id };
    expect((await resolve(me, { host: mine.customDomain?.toUpperCase() })).slug).toBe(mine.slug);
    const answers = await Promise.all(
      [suspended.slug, foreign.slug, "no-such-tenant-xyz"].map((pathSlug) =>
        errorOf(resolve(me, { pathSlug })),
      ),
    );
    expect(new Set(answers)).toEqual(
      new Set(["NOT_FOUND: Tenant not found, or you are not a member of it."]),
    );
    expect(await errorOf(resolve(me, {}))).toStartWith("BAD_REQUEST: No tenant selected");
    // A made-up host is remembered as unknown for a minute (no query per request).
    const madeUp = `nobody-${unique()}.example.org`;
    expect(await errorOf(resolve(me, { host: madeUp }))).toStartWith("BAD_REQUEST");
    expect(await redis.get(`p:tenant:domain:${madeUp}`)).toBe("null");
  });
});

describe("grants", () => {
  test("a custom role grants its permissions; an edit applies once the role is forgotten", async () => {
    const tenant = await makeTenant();
    const [role] = await db.withTenant(tenant.id, (tx) =>
      tx
        .insert(customRoles)
        .values({ name: "Triage", permissions: ["ticket.read"] })
        .returning(),
    );
    const { user, session } = await makeUser();
    await join(tenant.id, user.id, "custom", role?.id ?? null);
    const me: Principal = { type: "user", userId: user.id, sessionId: session.id };
    expect(await resolve(me, { pathSlug: tenant.slug })).toMatchObject({
      role: "custom",
      permissions: ["ticket.read"],
    });
    await db.withTenant(tenant.id, (tx) =>
      tx
        .update(customRoles)
        .set({ permissions: ["ticket.read", "ticket.update", "no.such.permission"] })
        .where(eq(customRoles.id, role?.id ?? "")),
    );
    await forgetRole(deps, tenant.id, role?.id ?? "");
    expect((await resolve(me, { pathSlug: tenant.slug })).permissions).toEqual([
      "ticket.read",
      "ticket.update",
    ]);
  });

  test("a role change or removal bites on the next request once the membership is forgotten", async () => {
    const tenant = await makeTenant();
    const { user, session } = await makeUser();
    await join(tenant.id, user.id, "admin");
    const me: Principal = { type: "user", userId: user.id, sessionId: session.id };
    expect((await resolve(me, { pathSlug: tenant.slug })).role).toBe("admin");
    await db.platform
      .update(userTenantRoles)
      .set({ role: "viewer" })
      .where(eq(userTenantRoles.userId, user.id));
    await forgetMembership(deps, tenant.id, [user.id]);
    expect(await resolve(me, { pathSlug: tenant.slug })).toMatchObject({
      role: "viewer",
      permissions: ["customer.read", "kb.read", "member.read", "ticket.note.read", "ticket.read"],
    });
    await db.platform.delete(userTenantRoles).where(eq(userTenantRoles.userId, user.id));
    await forgetMembership(deps, tenant.id, [user.id]);
    expect(await errorOf(resolve(me, { pathSlug: tenant.slug }))).toStartWith("NOT_FOUND");
    await forgetTenant(deps, tenant);
  });
});
