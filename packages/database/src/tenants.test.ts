// Tenant creation: slugs are DNS labels, reserved names are refused, errors name the rule.
import { afterAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { DatabaseInputError } from "./errors";
import { userTenantRoles } from "./schema";
import { checkSlug, createTenant, isSlugAvailable } from "./tenants";
import { makeUser, openTestDatabases, uniqueSlug } from "./test-helpers";

const { app, admin } = openTestDatabases(2);
afterAll(async () => {
  await app.close();
  await admin.close();
});

describe("checkSlug", () => {
  test.each(["acme", "ab", "acme-support", "a1", `a${"b".repeat(62)}`])("accepts %p", (slug) => {
    expect(checkSlug(slug)).toEqual({ ok: true });
  });

  test.each([
    ["a", "must be 2 to 63 characters long"],
    [`a${"b".repeat(63)}`, "must be 2 to 63 characters long"],
    ["Acme", "must start with a lowercase letter"],
    ["1acme", "must start with a lowercase letter"],
    ["-acme", "must start with a lowercase letter"],
    ["acme_support", "only lowercase letters, digits and hyphens"],
    ["acme.support", "only lowercase letters, digits and hyphens"],
    ["acmé", "only lowercase letters, digits and hyphens"],
    ["acme-", "must not end with a hyphen"],
    ["xn--acme", "hyphens in the 3rd and 4th places"],
  ])("refuses %p: %s", (slug, rule) => {
    const result = checkSlug(slug);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe("SLUG_INVALID");
      expect(result.message).toContain(rule);
    }
  });

  test.each(["www", "api", "app", "admin", "mail", "static", "assets", "help", "status"])(
    "refuses the reserved name %p",
    (slug) => {
      expect(checkSlug(slug)).toMatchObject({ ok: false, code: "SLUG_RESERVED" });
    },
  );
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

  test("bad slugs and names are refused naming the field and the rule", async () => {
    await expect(createTenant(app.platform, { slug: "www", name: "W" })).rejects.toMatchObject({
      code: "SLUG_RESERVED",
      field: "slug",
    });
    await expect(createTenant(app.platform, { slug: "Bad_Slug", name: "B" })).rejects.toMatchObject(
      {
        code: "SLUG_INVALID",
        field: "slug",
        message: "slug must start with a lowercase letter (a-z)",
      },
    );
    await expect(
      createTenant(app.platform, { slug: uniqueSlug(), name: "   " }),
    ).rejects.toMatchObject({
      code: "NAME_INVALID",
      field: "name",
    });
  });
});
