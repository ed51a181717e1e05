// The public help centre over real HTTP against the real PostgreSQL and Redis: both addressing
// forms, published-only content, custom domains and the one neutral 404.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { forgetTenant } from "@supportdesk/access";
import { eq, tenants } from "@supportdesk/database";
import { helpCentre } from "@supportdesk/services";
import { type Fixture, startHelpCentre } from "./test-kit";

const { deps, address, get, text, setUp, stop } = await startHelpCentre();

let acme: Fixture;
let other: Fixture;

beforeAll(async () => {
  acme = await setUp("Acme");
  other = await setUp("Other");
});
afterAll(stop);

/** Both addressing forms of a tenant's help centre, as [label, path prefix, Host header]. */
const forms = () =>
  [
    ["/hc/<slug>", `/hc/${acme.slug}`, undefined],
    ["Host: <slug>.supportdesk.test", "", acme.host],
  ] as const;

describe("pages, under /hc/<slug>/ and on the tenant's host", () => {
  test("the home page lists the categories holding published articles, nothing else", async () => {
    for (const [, prefix, host] of forms()) {
      const page = await text(`${prefix}/`, host);
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(page.headers.get("cache-control")).toBe("public, max-age=60");
      expect(page.body).toContain(`<title>${acme.tenant.name}</title>`);
      expect(page.body).toContain(`href="${prefix}/categories/billing"`);
      expect(page.body).toContain(`href="${prefix}/articles/${acme.article.slug}"`);
      expect(page.body).not.toContain("Unreleased pricing secret");
      expect(page.body).not.toContain("Old retired policy");
      expect(page.body).not.toContain("Empty shelf");
      expect(page.body).toMatch(/<a class="skip-link" href="#main">/);
      expect(page.body).toContain('<main id="main"');
      expect(page.body).toContain('<html lang="en">');
    }
  });

  test("an article page has its title, description, canonical URL and Open Graph tags", async () => {
    for (const [, prefix, host] of forms()) {
      const page = await text(`${prefix}/articles/${acme.article.slug}`, host);
      expect(page.status).toBe(200);
      const origin = host ? `http://${host}` : address;
      const canonical = `${origin}${prefix}/articles/${acme.article.slug}`;
      expect(page.body).toContain(`<title>Change your Acme plan – ${acme.tenant.name}</title>`);
      expect(page.body).toContain(
        '<meta name="description" content="How to move between Acme plans.">',
      );
      expect(page.body).toContain(`<link rel="canonical" href="${canonical}">`);
      expect(page.body).toContain(`<meta property="og:url" content="${canonical}">`);
      expect(page.body).toContain('<meta property="og:type" content="article">');
      expect(page.body).toContain("<strong>Settings</strong>");
      // Links between articles stay inside this help centre.
      expect(page.body).toContain(`href="${prefix}/articles/refunds"`);
      expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    }
  });

  test("a category page lists its published articles only", async () => {
    for (const [, prefix, host] of forms()) {
      const page = await text(`${prefix}/categories/billing`, host);
      expect(page.status).toBe(200);
      expect(page.body).toContain("<h1>Billing</h1>");
      expect(page.body).toContain("Plans &amp; invoices");
      expect(page.body).toContain("Change your Acme plan");
      expect(page.body).not.toContain("Unreleased pricing secret");
    }
  });

  test("search marks the hits in escaped snippets and finds published articles only", async () => {
    for (const [, prefix, host] of forms()) {
      const page = await text(`${prefix}/search?q=${encodeURIComponent("plan <b>")}`, host);
      expect(page.status).toBe(200);
      expect(page.body).toContain("Change your Acme plan");
      expect(page.body).toMatch(/<mark>plan<\/mark>/);
      expect(page.body).toContain("Results for “plan &lt;b&gt;”");
      expect(page.body).toContain('<meta name="robots" content="noindex">');
      const secret = await text(`${prefix}/search?q=unreleased+pricing`, host);
      expect(secret.body).toContain("No articles match");
    }
  });

  test("the sitemap lists public pages only, and robots.txt points at it", async () => {
    for (const [, prefix, host] of forms()) {
      const origin = host ? `http://${host}` : address;
      const sitemap = await text(`${prefix}/sitemap.xml`, host);
      expect(sitemap.status).toBe(200);
      expect(sitemap.headers.get("content-type")).toBe("application/xml; charset=utf-8");
      expect(sitemap.body).toContain(`<loc>${origin}${prefix}/articles/${acme.article.slug}</loc>`);
      expect(sitemap.body).toContain(`<loc>${origin}${prefix}/categories/billing</loc>`);
      expect(sitemap.body).not.toContain(acme.draft.slug);
      expect(sitemap.body).not.toContain(acme.archived.slug);
      expect(sitemap.body).not.toContain("empty-shelf");
      const robots = await text(`${prefix}/robots.txt`, host);
      expect(robots.status).toBe(200);
      expect(robots.body).toContain(`Sitemap: ${origin}${prefix}/sitemap.xml`);
    }
  });

  test("the API, probes and other hosts are not the help centre", async () => {
    expect(await (await get("/health", { host: acme.host })).json()).toEqual({ status: "ok" });
    expect(
      (await get("/trpc/tenants.current", { host: acme.host })).headers.get("content-type"),
    ).toContain("application/json");
    // The server's own address (no tenant in the host) keeps its API 404 for other paths.
    const plain = await get("/articles/x");
    expect(plain.headers.get("content-type")).toContain("application/json");
  });
});

describe("a custom domain", () => {
  test("serves the help centre once verified, and the neutral 404 before", async () => {
    const domain = `help-${crypto.randomUUID().slice(0, 8)}.example.org`;
    const setDomain = async (verifiedAt: Date | null) => {
      await deps.db.platform
        .update(tenants)
        .set({ customDomain: domain, customDomainVerifiedAt: verifiedAt })
        .where(eq(tenants.id, other.tenant.id));
      await forgetTenant(deps, other.tenant);
    };
    await setDomain(null);
    const unverified = await text("/", domain);
    expect(unverified.status).toBe(404);
    expect(unverified.body).toBe((await text("/hc/no-such-tenant-here/")).body);
    await setDomain(new Date());
    const page = await text(`/articles/${other.article.slug}`, domain);
    expect(page.status).toBe(200);
    expect(page.body).toContain(
      `<link rel="canonical" href="http://${domain}/articles/${other.article.slug}">`,
    );
  });
});

describe("the neutral 404", () => {
  test("unknown, hidden and foreign things, suspended and switched-off tenants: the same answer", async () => {
    const suspended = await setUp("Paused");
    const off = await setUp("Quiet");
    expect((await get(`/hc/${off.slug}/`)).status).toBe(200);
    await deps.db.platform
      .update(tenants)
      .set({ status: "suspended" })
      .where(eq(tenants.id, suspended.tenant.id));
    await forgetTenant(deps, suspended.tenant);
    await deps.db.platform
      .update(tenants)
      .set({ settings: { helpCentre: { enabled: false } } })
      .where(eq(tenants.id, off.tenant.id));
    await helpCentre.forgetHelpCentre(deps, off.tenant.id);

    const base = `/hc/${acme.slug}`;
    const misses: [string, string | undefined][] = [
      ["/hc/no-such-tenant-here/", undefined],
      ["/", "no-such-tenant-here.supportdesk.test"],
      [`${base}/articles/${acme.draft.slug}`, undefined],
      [`${base}/articles/${acme.archived.slug}`, undefined],
      [`/articles/${acme.draft.slug}`, acme.host],
      [`${base}/articles/no-such-article`, undefined],
      [`${base}/articles/${other.article.slug}`, undefined],
      [`/articles/${other.article.slug}`, acme.host],
      [`${base}/categories/empty-shelf`, undefined],
      [`${base}/categories/nope`, undefined],
      [`${base}/articles/Not_A_Slug`, undefined],
      [`${base}/tickets/abc`, undefined],
      [`${base}/tickets/${"x".repeat(43)}`, undefined],
      [`${base}/contact/nothing-here`, undefined],
      [`/hc/${off.slug}/contact`, undefined],
      [`/hc/${suspended.slug}/contact`, undefined],
      [`/hc/${suspended.slug}/`, undefined],
      [`/hc/${suspended.slug}/articles/${suspended.article.slug}`, undefined],
      ["/", suspended.host],
      [`/hc/${off.slug}/`, undefined],
      [`/hc/${off.slug}/articles/${off.article.slug}`, undefined],
      [`/hc/${off.slug}/theme.css`, undefined],
    ];
    const answers = await Promise.all(misses.map(([path, host]) => text(path, host)));
    const first = answers[0];
    for (const [i, answer] of answers.entries()) {
      expect({ at: misses[i], status: answer.status }).toEqual({ at: misses[i], status: 404 });
      expect(answer.body).toBe(first?.body ?? "");
      expect(answer.headers.get("cache-control")).toBe("no-store");
    }
    expect(first?.body).not.toContain(acme.tenant.name);
    // The other tenant's own article is there, under its own help centre.
    expect((await get(`/hc/${other.slug}/articles/${other.article.slug}`)).status).toBe(200);
  });
});
