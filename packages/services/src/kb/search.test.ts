// Search relevance over the demo knowledge base: every case of the fixed list (synonyms, plurals,
// typos, questions) must put its article in the top 3, searching as the app role under RLS.
import { afterAll, describe, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import { createDatabase } from "@supportdesk/database";
import { KB_SEARCH_CASES, seedDemo } from "@supportdesk/database/seed";
import { searchArticles, toSnippet } from "./search";

const config = env();
if (!config.DATABASE_ADMIN_URL) throw new Error("DATABASE_ADMIN_URL is not set for tests");
const admin = createDatabase({ url: config.DATABASE_ADMIN_URL, max: 2 });
const app = createDatabase({ url: config.DATABASE_URL, max: 2 });
afterAll(async () => {
  await admin.close();
  await app.close();
});

const { tenants } = await seedDemo(admin);
const tenantIds = new Map(tenants.map((t) => [t.slug, t.id]));

describe("relevance on the demo articles", () => {
  test(`all ${KB_SEARCH_CASES.length} queries find their article in the top 3`, async () => {
    const misses: string[] = [];
    for (const { tenant, query, expect: slug } of KB_SEARCH_CASES) {
      const tenantId = tenantIds.get(tenant) ?? "";
      const hits = await app.withTenant(tenantId, (tx) =>
        searchArticles(tx, tenantId, { q: query, limit: 3, statuses: ["published"] }),
      );
      if (!hits.some((hit) => hit.slug === slug)) {
        misses.push(`${tenant} "${query}" → ${hits.map((h) => h.slug).join(", ") || "nothing"}`);
      }
    }
    expect(misses).toEqual([]);
    expect(KB_SEARCH_CASES.filter((c) => c.tenant === "acme").length).toBeGreaterThanOrEqual(15);
  });

  test("a tenant's search never returns another tenant's articles, nor drafts when asked for published", async () => {
    const acme = tenantIds.get("acme") ?? "";
    const globexCase = KB_SEARCH_CASES.find((c) => c.tenant === "globex");
    const hits = await app.withTenant(acme, (tx) =>
      searchArticles(tx, acme, { q: globexCase?.query ?? "", limit: 10, statuses: ["published"] }),
    );
    expect(hits.map((h) => h.slug)).not.toContain(globexCase?.expect);
    expect(hits.every((h) => h.status === "published")).toBe(true);
  });
});

describe("toSnippet", () => {
  test("splits the marked hits into segments and drops Markdown noise", () => {
    expect(
      toSnippet("## Pack it and \u0002send\u0003 it **back** to [us](https://x.example)"),
    ).toEqual([
      { text: " Pack it and ", hit: false },
      { text: "send", hit: true },
      { text: " it back to us", hit: false },
    ]);
  });
});
