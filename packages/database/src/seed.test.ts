// The demo seed: believable, re-runnable (same rows every run), and usable to sign in.
import { afterAll, describe, expect, setDefaultTimeout, test } from "bun:test";
import { eq, inArray, sql } from "drizzle-orm";
import { customRoles, tenants, users, userTenantRoles } from "./schema";
import { DEMO_PASSWORD, demoUuid, KB_SEARCH_CASES, seedDemo } from "./seed";
import { DEMO_KB } from "./seed-kb-data";
import { openTestDatabases } from "./test-helpers";

// Each test seeds the three demo tenants with their ~90 days of history: seconds, not millis.
setDefaultTimeout(60_000);

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
    // Every run mints fresh customer links (the banner prints them); all else is the same.
    expect({ ...second, customerViews: [] }).toEqual({ ...first, customerViews: [] });
    expect(second.customerViews.map((v) => v.slug)).toEqual(slugs);
    expect(await countsBySlug(slugs)).toEqual(before);
    const totals = Object.values(before) as { tickets: number; messages: number }[];
    expect(totals.reduce((n, c) => n + c.tickets, 0)).toBe(first.tickets);
    expect(totals.reduce((n, c) => n + c.messages, 0)).toBe(first.messages);
  });

  test("a third of the tickets came by email, with their envelope and some with a CC", async () => {
    const { tenants: seeded } = await seedDemo(admin, { inboundDomain: "mail.seed.test" });
    const acme = seeded[0];
    if (!acme) throw new Error("no demo tenant");
    const [row] = await app.withTenant(acme.id, (tx) =>
      tx.execute<{ emailed: number; enveloped: number; ccs: number; to: string }>(sql`
        select (select count(*)::int from tickets where channel = 'email') as emailed,
               (select count(*)::int from messages where email is not null) as enveloped,
               (select count(*)::int from ticket_ccs) as ccs,
               (select email->'to'->0->>'address' from messages where email is not null limit 1) as to`),
    );
    expect(row?.emailed).toBeGreaterThanOrEqual(15);
    expect(row?.enveloped).toBe(row?.emailed);
    expect(row?.ccs).toBeGreaterThan(0);
    expect(row?.to).toBe(`${acme.slug}@mail.seed.test`);
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

  test("each demo help centre has three contact-form inquiry types, the same ids every run", async () => {
    const first = await seedDemo(admin);
    const read = async () =>
      app.platform
        .select({ slug: tenants.slug, settings: tenants.settings })
        .from(tenants)
        .where(
          inArray(
            tenants.slug,
            first.tenants.map((t) => t.slug),
          ),
        )
        .orderBy(tenants.slug);
    const before = await read();
    for (const { settings } of before) {
      expect(settings.helpCentre?.inquiryTypes?.length).toBe(3);
      expect(settings.helpCentre?.enabled).toBe(true);
    }
    await seedDemo(admin);
    expect(await read()).toEqual(before);
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

/**
 * The seeded knowledge base of each demo tenant, read as the app role: only rows with the seed's
 * ids, so articles other tests write into a demo tenant don't count.
 */
async function kbBySlug(tenantIds: { slug: string; id: string }[]) {
  const out: Record<string, KbSnapshot> = {};
  for (const spec of DEMO_KB) {
    const tenantId = tenantIds.find((t) => t.slug === spec.tenant)?.id ?? "";
    const articleIds = spec.articles.map((a) => demoUuid(`${spec.tenant}:kb-article:${a.slug}`));
    const categoryIds = spec.categories.map((c) =>
      demoUuid(`${spec.tenant}:kb-category:${c.slug}`),
    );
    const [row] = await app.withTenant(tenantId, (tx) =>
      tx.execute<KbSnapshot>(sql`
        select (select count(*)::int from kb_categories where id = any(${pgArray(categoryIds)}::uuid[])) as categories,
               count(*)::int as articles,
               (count(*) filter (where a.status = 'published'))::int as published,
               (count(*) filter (where a.status = 'draft'))::int as drafts,
               count(distinct a.slug)::int as slugs,
               (count(*) filter (where a.status = 'published' and c.id is null))::int as uncategorised,
               md5(string_agg(a.title, '|' order by a.id)) as titles,
               md5(string_agg(concat_ws('|', a.id, a.slug, a.category_id, a.status, a.body,
                 a.published_at, a.created_at, a.updated_at, a.view_count, a.helpful_count,
                 a.not_helpful_count, a.author_id, a.search_vector), '#' order by a.id)) as rows
        from kb_articles a left join kb_categories c on c.id = a.category_id
        where a.id = any(${pgArray(articleIds)}::uuid[])`),
    );
    if (row) out[spec.tenant] = row;
  }
  return out;
}

/** A uuid[] literal: drizzle's `sql` would expand a JavaScript array into a row. */
const pgArray = (ids: string[]) => `{${ids.join(",")}}`;

type KbSnapshot = {
  categories: number;
  articles: number;
  published: number;
  drafts: number;
  slugs: number;
  uncategorised: number;
  titles: string;
  rows: string;
};

describe("seedDemo knowledge base", () => {
  test("each demo tenant gets 4 categories, at least 20 published articles and 1 draft", async () => {
    const result = await seedDemo(admin);
    const kb = await kbBySlug(result.tenants);
    expect(Object.keys(kb).sort()).toEqual(["acme", "globex", "initech"]);
    for (const snapshot of Object.values(kb)) {
      expect(snapshot.categories).toBe(4);
      expect(snapshot.published).toBeGreaterThanOrEqual(20);
      expect(snapshot.drafts).toBe(1);
      expect(snapshot.slugs).toBe(snapshot.articles);
      expect(snapshot.uncategorised).toBe(0);
    }
    const total = Object.values(kb).reduce((n, s) => n + s.articles, 0);
    expect(result.articles).toBe(total);
  });

  test("a re-run leaves the same articles: counts, titles, dates and counters", async () => {
    const first = await seedDemo(admin);
    const before = await kbBySlug(first.tenants);
    await seedDemo(admin);
    expect(await kbBySlug(first.tenants)).toEqual(before);
  });

  test("articles are written to be read: slugs, lengths, headings and https links", () => {
    for (const spec of DEMO_KB) {
      const slugs = spec.articles.map((a) => a.slug);
      expect(new Set(slugs).size).toBe(slugs.length);
      for (const article of spec.articles) {
        const where = `${spec.tenant}/${article.slug}`;
        expect(article.slug, where).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        const words = article.body.split(/\s+/).filter((w) => /\w/.test(w)).length;
        expect(words, where).toBeGreaterThanOrEqual(80);
        expect(words, where).toBeLessThanOrEqual(300);
        expect(article.body, where).toMatch(/^## /m);
        const links = [...article.body.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
        for (const link of links) expect(link, where).toStartWith("https://");
      }
    }
  });

  test("every search-relevance case expects a published article of its own tenant", () => {
    expect(KB_SEARCH_CASES.filter((c) => c.tenant === "acme").length).toBeGreaterThanOrEqual(15);
    for (const c of KB_SEARCH_CASES) {
      const article = DEMO_KB.find((k) => k.tenant === c.tenant)?.articles.find(
        (a) => a.slug === c.expect,
      );
      expect(article?.status, `${c.tenant}: ${c.query}`).toBe("published");
    }
  });
});

describe("the agents' workflow in the demo", () => {
  test("each tenant has two teams with members, shared and personal canned replies, two fields, two shared views and tickets under teams", async () => {
    const { tenants: seeded } = await seedDemo(admin);
    for (const tenant of seeded) {
      const [row] = await app.withTenant(tenant.id, (tx) =>
        tx.execute<Record<string, number>>(sql`
          select (select count(*)::int from teams) as teams,
                 (select count(distinct team_id)::int from team_members) as staffed,
                 (select count(*)::int from macros where owner_user_id is null) as shared_macros,
                 (select count(*)::int from macros where owner_user_id is not null) as personal_macros,
                 (select count(*)::int from ticket_fields) as fields,
                 (select count(*)::int from saved_views where owner_user_id is null) as views,
                 (select count(*)::int from tickets where team_id is not null) as filed,
                 (select count(*)::int from tickets where custom_fields <> '{}') as with_fields`),
      );
      expect(row, tenant.slug).toMatchObject({
        teams: 2,
        staffed: 2,
        shared_macros: 3,
        fields: 2,
        views: 2,
      });
      expect(row?.personal_macros, tenant.slug).toBeGreaterThanOrEqual(1);
      expect(row?.filed, tenant.slug).toBeGreaterThan(0);
      expect(row?.with_fields, tenant.slug).toBeGreaterThan(0);
    }
  });
});
