// The help centre's safety and caching over real HTTP: inert XSS, no inline style, the theme's
// colour check, cache invalidation on change, and views counted behind the cache.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq, kbArticles, sql, tenants } from "@supportdesk/database";
import { helpCentre } from "@supportdesk/services";
import { type Fixture, startHelpCentre } from "./test-kit";

const { deps, address, get, text, setUp, stop } = await startHelpCentre();

let acme: Fixture;

beforeAll(async () => {
  acme = await setUp("Acme");
});
afterAll(stop);

describe("safety", () => {
  test("script, event handlers and javascript: links in an article are inert", async () => {
    const page = await text(`/hc/${acme.slug}/articles/${acme.xss.slug}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Careful now.");
    expect(page.body).not.toMatch(/<script/i);
    expect(page.body).not.toMatch(/<[^>]*\son[a-z]+=/i);
    expect(page.body).not.toMatch(/href="javascript:/i);
    // What is left of them is text, escaped.
    expect(page.body).toContain("raw link");
    expect(page.headers.get("content-security-policy")).toContain("style-src 'self'");
    // No inline style or script anywhere for the CSP to refuse.
    expect(page.body).not.toMatch(/<style|style="/i);
  });

  test("theme.css carries the tenant's colour, and refuses a malformed one", async () => {
    await acme.owner.here.tenants.update({ branding: { primaryColor: "#FFEE00" } });
    const theme = await text(`/hc/${acme.slug}/theme.css`);
    expect(theme.status).toBe(200);
    expect(theme.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(theme.body).toContain("--hc-primary: #ffee00;");
    // Yellow is light: black text on it, and a darkened shade for links on white.
    expect(theme.body).toContain("--hc-on-primary: #000000;");
    expect(theme.body).not.toContain("--hc-link: #ffee00;");
    expect((await text("/theme.css", acme.host)).body).toBe(theme.body);

    // Written around the API's validation, straight into the settings.
    await deps.db.platform
      .update(tenants)
      .set({
        settings: sql`jsonb_set(${tenants.settings}, '{branding,primaryColor}', '"red;}body{display:none"')`,
      })
      .where(eq(tenants.id, acme.tenant.id));
    await helpCentre.forgetHelpCentre(deps, acme.tenant.id);
    const refused = await text(`/hc/${acme.slug}/theme.css`);
    expect(refused.body).not.toContain("display:none");
    expect(refused.body).toContain("--hc-primary: #1d4ed8;");
  });

  test("the logo shows with alt text, and the display name names the site", async () => {
    await acme.owner.here.tenants.update({
      branding: { logoUrl: "https://cdn.example.com/acme.png", displayName: "Acme Help" },
    });
    const page = await text(`/hc/${acme.slug}/`);
    expect(page.body).toContain(
      '<img src="https://cdn.example.com/acme.png" alt="Acme Help logo" width="160" height="40">',
    );
    expect(page.body).toContain("<title>Acme Help</title>");
  });
});

describe("caching", () => {
  test("a made-up Host header under /hc/ neither names the canonical URL nor gets a cache entry of its own", async () => {
    const path = `/hc/${acme.slug}/`;
    const own = await text(path);
    const forged = await text(path, "evil.example");
    expect(forged.status).toBe(200);
    expect(forged.body).not.toContain("evil.example");
    expect(forged.body).toContain(`href="http://supportdesk.test/hc/${acme.slug}/"`);
    expect(own.body).toContain(`href="${address}/hc/${acme.slug}/"`);
    const pages = async () =>
      (await deps.redis.keys(`t:${acme.tenant.id.toLowerCase()}:hc:*`)).length;
    const before = await pages();
    for (const host of ["a.example", "b.example", "c.example"]) await text(path, host);
    expect(await pages()).toBe(before);
  });

  test("pages are served from the cache, and a change through the API shows on the next request", async () => {
    const path = `/hc/${acme.slug}/articles/${acme.article.slug}`;
    expect((await text(path)).body).toContain("pick a new plan");
    // Changed behind the API's back: the cached page is still served.
    await deps.db.withTenant(acme.tenant.id, (tx) =>
      tx.update(kbArticles).set({ body: "Sneaky edit." }).where(eq(kbArticles.id, acme.article.id)),
    );
    expect((await text(path)).body).toContain("pick a new plan");
    // Changed through the API: the next request shows it.
    await acme.kb.articles.update({ id: acme.article.id, body: "Now in **three** clicks." });
    const fresh = await text(path);
    expect(fresh.body).toContain("<strong>three</strong>");
    expect(fresh.body).not.toContain("pick a new plan");
    // Unpublishing hides it at once.
    await acme.kb.articles.unpublish({ id: acme.article.id });
    expect((await get(path)).status).toBe(404);
    await acme.kb.articles.publish({ id: acme.article.id });
    expect((await get(path)).status).toBe(200);
  });

  test("an article view is counted, even when served from the cache, but not a bot's", async () => {
    // Its own article, so no earlier test's views can still be landing.
    const counted = await acme.kb.articles.create({
      title: "Counted",
      body: "Read me.",
      categoryId: acme.article.categoryId,
    });
    await acme.kb.articles.publish({ id: counted.id });
    const path = `/hc/${acme.slug}/articles/${counted.slug}`;
    const views = async () => {
      const [row] = await deps.db.withTenant(acme.tenant.id, (tx) =>
        tx
          .select({ n: kbArticles.viewCount })
          .from(kbArticles)
          .where(eq(kbArticles.id, counted.id)),
      );
      return row?.n ?? -1;
    };
    const before = await views();
    expect(before).toBe(0);
    await get(path);
    await get(path);
    await fetch(`${address}${path}`, { headers: { "user-agent": "Googlebot/2.1" } });
    await fetch(`${address}${path}`, { method: "HEAD" });
    for (let i = 0; i < 50 && (await views()) < before + 2; i++) await Bun.sleep(20);
    await Bun.sleep(100);
    expect(await views()).toBe(before + 2);
  });
});
