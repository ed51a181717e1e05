// Tenant creation: the first owner in the same write, taken and non-DNS slugs refused by name.
// (The full slug rules, reserved names included, are the domain's: packages/domain/src/slugs.test.ts.)
import { afterAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { DatabaseInputError } from "./errors";
import { userTenantRoles } from "./schema";
import { createTenant, isSlugAvailable } from "./tenants";
import { makeUser, openTestDatabases, uniqueSlug } from "./test-helpers";

const { app, admin } = openTestDatabases(2);
afterAll(async () => {
  await app.close();
  await admin.close();
});

describe("createTenant", () => {
  test("creates the tenant and its first owner in one go", async () => {
    const owner = await makeUser(app);
    const slug = uniqueSlug();
    const tenant = await createTenant(app.platform, {
      slug,
      name: "  Acme Corp ",
      ownerUserId: owner.id,
    });
    expect(tenant).toMatchObject({
      slug,
      name: "Acme Corp",
      status: "active",
      plan: "free",
      isolationTier: "pool",
    });
    const roles = await app.platform
      .select()
      .from(userTenantRoles)
      .where(eq(userTenantRoles.tenantId, tenant.id));
    expect(roles.map((r) => [r.userId, r.role])).toEqual([[owner.id, "owner"]]);
    expect(await isSlugAvailable(app.platform, slug)).toBe(false);
  });

  test("a taken slug is refused with SLUG_TAKEN on field slug, and nothing is written", async () => {
    const slug = uniqueSlug();
    await createTenant(app.platform, { slug, name: "First" });
    const owner = await makeUser(app);
    const error = await createTenant(app.platform, {
      slug,
      name: "Second",
      ownerUserId: owner.id,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(DatabaseInputError);
    expect(error).toMatchObject({ code: "SLUG_TAKEN", field: "slug" });
    const roles = await app.platform
      .select()
      .from(userTenantRoles)
      .where(eq(userTenantRoles.userId, owner.id));
    expect(roles).toEqual([]);
  });

  test("concurrent creations of one slug: exactly one wins", async () => {
    const slug = uniqueSlug();
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((i) => createTenant(app.platform, { slug, name: `Racer ${i}` })),
    );
    expect(results.filter((r) => r.status === "fulfilled").length).toBe(1);
    for (const r of results) {
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "SLUG_TAKEN" });
    }
  });

  test("a slug that is no DNS label and a blank name are refused naming the field", async () => {
    for (const slug of ["Bad_Slug", "a", "acme-", "xn--acme", `a${"b".repeat(63)}`]) {
      await expect(createTenant(app.platform, { slug, name: "B" })).rejects.toMatchObject({
        code: "SLUG_INVALID",
        field: "slug",
      });
    }
    await expect(
      createTenant(app.platform, { slug: uniqueSlug(), name: "   " }),
    ).rejects.toMatchObject({
      code: "NAME_INVALID",
      field: "name",
    });
  });
});
