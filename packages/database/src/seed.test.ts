// The demo seed: believable, re-runnable (same rows every run), and usable to sign in.
import { afterAll, describe, expect, test } from "bun:test";
import { eq, inArray, sql } from "drizzle-orm";
import { customRoles, tenants, users, userTenantRoles } from "./schema";
import { DEMO_PASSWORD, seedDemo } from "./seed";
import { openTestDatabases } from "./test-helpers";

const { app, admin } = openTestDatabases(2);
afterAll(async () => {
  await app.close();
  await admin.close();
});

/** Row counts per demo tenant, read as the app role through withTenant. */
async function countsBySlug(slugs: string[]) {
  const rows = await app.platform.select().from(tenants).where(inArray(tenants.slug, slugs));
  const out: Record<string, unknown> = {};
  for (const tenant of rows) {
    const [row] = await app.withTenant(tenant.id, (tx) =>
      tx.execute<{ customers: number; tickets: number; messages: number; counter: number }>(sql`
        select (select count(*)::int from customers) as customers,
               (select count(*)::int from tickets) as tickets,
               (select count(*)::int from messages) as messages,
               (select value::int from tenant_counters where name = 'ticket') as counter`),
    );
    out[tenant.slug] = row;
  }
  return out;
}

describe("seedDemo", () => {
  test("a re-run leaves exactly the same data, and counts match what it reports", async () => {
    const first = await seedDemo(admin);
    const slugs = first.tenants.map((t) => t.slug);
    const before = await countsBySlug(slugs);
    const second = await seedDemo(admin);
    expect(second).toEqual(first);
    expect(await countsBySlug(slugs)).toEqual(before);
    const totals = Object.values(before) as { tickets: number; messages: number }[];
    expect(totals.reduce((n, c) => n + c.tickets, 0)).toBe(first.tickets);
    expect(totals.reduce((n, c) => n + c.messages, 0)).toBe(first.messages);
  });

  test("makes at least 3 tenants with ~50 tickets each and conversations", async () => {
    const result = await seedDemo(admin);
    expect(result.tenants.length).toBeGreaterThanOrEqual(3);
    const counts = Object.values(await countsBySlug(result.tenants.map((t) => t.slug))) as {
      tickets: number;
      messages: number;
      counter: number;
    }[];
    for (const c of counts) {
      expect(c.tickets).toBeGreaterThanOrEqual(50);
      expect(c.messages).toBeGreaterThanOrEqual(c.tickets * 2);
      expect(c.counter).toBeGreaterThanOrEqual(c.tickets);
    }
  });

  test("has one user per role, and a user with different roles in two tenants", async () => {
    const { logins } = await seedDemo(admin);
    const roles = new Set(logins.flatMap((l) => l.roles.map((r) => r.role)));
    expect([...roles].sort()).toEqual([
      "Supervisor",
      "Triage",
      "admin",
      "member",
      "owner",
      "viewer",
    ]);
    const multi = logins.find(
      (l) => l.roles.length >= 2 && new Set(l.roles.map((r) => r.role)).size >= 2,
    );
    expect(multi).toBeDefined();
    // The memberships printed are the ones stored.
    const [user] = await app.platform
      .select()
      .from(users)
      .where(eq(users.email, multi?.email ?? ""));
    const stored = await app.platform
      .select({ role: userTenantRoles.role, slug: tenants.slug })
      .from(userTenantRoles)
      .innerJoin(tenants, eq(tenants.id, userTenantRoles.tenantId))
      .where(eq(userTenantRoles.userId, user?.id ?? ""));
    expect(stored.map((s) => `${s.slug}:${s.role}`).sort()).toEqual(
      (multi?.roles ?? []).map((r) => `${r.tenant}:${r.role}`).sort(),
    );
  });

  test("custom roles are seeded under their tenant and held by their demo members", async () => {
    const { tenants: seeded } = await seedDemo(admin);
    const acme = seeded.find((t) => t.slug === "acme");
    const held = await app.withTenant(acme?.id ?? "", (tx) =>
      tx
        .select({
          name: customRoles.name,
          email: users.email,
          permissions: customRoles.permissions,
        })
        .from(userTenantRoles)
        .innerJoin(customRoles, eq(customRoles.id, userTenantRoles.customRoleId))
        .innerJoin(users, eq(users.id, userTenantRoles.userId))
        .where(eq(userTenantRoles.tenantId, acme?.id ?? "")),
    );
    expect(held.map((h) => `${h.email}:${h.name}`)).toEqual(["erin@example.com:Triage"]);
    expect(held[0]?.permissions).toContain("ticket.update");
    expect(held[0]?.permissions).not.toContain("ticket.reply");
  });

  test("demo users can sign in with the printed password (Argon2id hash)", async () => {
    const { logins } = await seedDemo(admin);
    const first = logins[0];
    expect(first?.password).toBe(DEMO_PASSWORD);
    const [user] = await app.platform
      .select()
      .from(users)
      .where(eq(users.email, first?.email ?? ""));
    expect(user?.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(await Bun.password.verify(DEMO_PASSWORD, user?.passwordHash ?? "")).toBe(true);
    expect(user?.emailVerifiedAt).not.toBeNull();
  });
});
