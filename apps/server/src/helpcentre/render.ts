// One help-centre request for a known tenant: the page from the cache, or rendered from the tenant's
// data (read through withTenant, so RLS holds), and an article's view counted afterwards.
import type { TenantSummary } from "@supportdesk/access";
import { helpCentre } from "@supportdesk/services";
import type { TrpcDeps } from "@supportdesk/trpc";
import { stylesheet } from "./assets";
import { cachedPage, type Rendered } from "./cache";
import type { Place } from "./layout";
import { themeCss } from "./theme";
import { articleView, categoryView, homeView, robotsTxt, searchView, sitemapXml } from "./views";

export type PageRequest = {
  tenant: TenantSummary;
  origin: string;
  base: string;
  /** The path inside the help centre: `/`, `/articles/x`, … */
  path: string;
  query: string;
  /** The custom domain the request came on (it must be the tenant's verified one), else null. */
  host: string | null;
  userAgent: string;
  /** Whether an article page served counts as a view (GET, not HEAD). */
  counts: boolean;
};

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const HTML = "text/html; charset=utf-8";
/** Crawlers and link previews are not readers. */
const BOT = /bot|crawl|spider|slurp|preview|facebookexternalhit|headless|curl|wget/i;

type Route =
  | { page: "home" | "search" | "sitemap" | "robots" | "theme" }
  | { page: "category" | "article"; slug: string };

function route(path: string): Route | undefined {
  const fixed = {
    "/": "home",
    "/search": "search",
    "/sitemap.xml": "sitemap",
    "/robots.txt": "robots",
    "/theme.css": "theme",
  } as const;
  if (Object.hasOwn(fixed, path)) return { page: fixed[path as keyof typeof fixed] };
  const match = /^\/(categories|articles)\/([^/]+)$/.exec(path);
  if (!match?.[2] || match[2].length > 120 || !SLUG.test(match[2])) return undefined;
  return { page: match[1] === "articles" ? "article" : "category", slug: match[2] };
}

/** The page's type and body, or null for the neutral 404. */
export async function renderPage(deps: TrpcDeps, req: PageRequest): Promise<Rendered | null> {
  const target = route(req.path);
  if (!target) return null;
  const query = target.page === "search" ? helpCentre.cleanQuery(req.query) : "";
  const key = [req.origin, req.base, req.path, query].join("\n");
  const page = await cachedPage(deps, req.tenant.id, key, () =>
    deps.db.withTenant(req.tenant.id, async (tx) => {
      const site = await helpCentre.siteOf(tx, req.tenant.id);
      if (!site?.enabled) return null;
      if (req.host !== null && site.verifiedDomain !== req.host) return null;
      const place: Place = {
        site,
        origin: req.origin,
        base: req.base,
        stylesheet: stylesheet.path,
      };
      const html = (body: string | null) => (body === null ? null : { type: HTML, body });
      switch (target.page) {
        case "home":
          return html(homeView(place, await helpCentre.homePage(tx)));
        case "category": {
          const view = await helpCentre.categoryPage(tx, target.slug);
          return html(view ? categoryView(place, view) : null);
        }
        case "article": {
          const article = await helpCentre.articlePage(tx, target.slug);
          return html(article ? articleView(place, article) : null);
        }
        case "search":
          return html(
            searchView(place, query, await helpCentre.publicSearch(tx, req.tenant.id, query)),
          );
        case "sitemap":
          return {
            type: "application/xml; charset=utf-8",
            body: sitemapXml(place, await helpCentre.sitemapEntries(tx)),
          };
        case "robots":
          return { type: "text/plain; charset=utf-8", body: robotsTxt(place) };
        case "theme":
          return { type: "text/css; charset=utf-8", body: themeCss(site.primaryColor) };
      }
    }),
  );
  if (page && target.page === "article" && req.counts && !BOT.test(req.userAgent)) {
    countView(deps, req.tenant.id, target.slug);
  }
  return page;
}

/** Views waiting to be written, per tenant and article slug, and when they will be. */
const pendingViews = new Map<string, Map<string, number>>();
let flushing: ReturnType<typeof setTimeout> | undefined;
/** How long views gather before one statement per tenant writes them. */
const VIEW_BATCH_MS = 250;

/**
 * Counts the view after the response is on its way: views gather for VIEW_BATCH_MS and are
 * written with one statement per tenant, so a busy page costs no transaction per reader. A
 * failure is logged, never the reader's; views of the last moment before a crash are lost.
 */
function countView(deps: TrpcDeps, tenantId: string, slug: string): void {
  const views = pendingViews.get(tenantId) ?? new Map<string, number>();
  views.set(slug, (views.get(slug) ?? 0) + 1);
  pendingViews.set(tenantId, views);
  if (flushing) return;
  flushing = setTimeout(() => {
    flushing = undefined;
    const batch = [...pendingViews];
    pendingViews.clear();
    for (const [tenant, counts] of batch) {
      deps.db
        .withTenant(tenant, (tx) => helpCentre.countViews(tx, counts))
        .catch((error: Error) =>
          deps.log.warn({ err: error.message, tenantId: tenant }, "help centre views not counted"),
        );
    }
  }, VIEW_BATCH_MS);
}
