// The public help centre: `/hc/<slug>/…` on the server's own address, and `/…` on a tenant's host
// (`<slug>.<PLATFORM_DOMAIN>` or its verified custom domain). No sign-in: cached public pages
// (render.ts), and the contact form and a customer's ticket view (public-forms.ts), never cached.
import { findTenant, type TenantSummary, tenantForHost } from "@supportdesk/access";
import type { TrpcDeps } from "@supportdesk/trpc";
import type { Context, Env, Hono } from "hono";
import { type Asset, contactScript, stylesheet } from "./assets";
import { serveForm } from "./public-forms";
import { renderPage } from "./render";
import { NOT_FOUND_HTML } from "./views";

export type HelpCentreOptions = {
  deps: TrpcDeps;
  /** Whether the client's connection is HTTPS (as app.ts decides it, proxy included). */
  isSecure: (req: Request) => boolean;
  /** The client's address (as app.ts decides it, proxy included), for rate limits. */
  clientIp: (req: Request) => string | null;
};

/** Paths a tenant's host still serves as the platform does: the API, realtime and probes. */
const PLATFORM_PATHS =
  /^\/(?:trpc|ws|health|ready|files|uploads|inbound|\.well-known|t\/[^/]+\/trpc)(?:\/|$)/;

/** The neutral 404: the same bytes for every unknown, hidden or foreign thing. */
export const notFound = (): Response =>
  new Response(NOT_FOUND_HTML, {
    status: 404,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });

const CACHE_CONTROL = "public, max-age=60";

type Where = { tenant: TenantSummary | undefined; base: string; path: string; viaDomain: boolean };

/**
 * The origin canonical links use, which is also part of the page cache's key. On a tenant's host
 * the host has named the tenant; under /hc/ any Host header reaches here, so only the platform's
 * own names are taken as they come (another host gets the platform domain's), or made-up hosts
 * could fill the cache with copies of every page.
 */
function originOf(options: HelpCentreOptions, c: Context, where: Where): string {
  const url = new URL(c.req.url);
  const scheme = options.isSecure(c.req.raw) ? "https" : "http";
  const platform = options.deps.settings.platformDomain;
  const own =
    where.base === "" ||
    url.hostname === platform.replace(/:\d+$/, "") ||
    url.hostname === "localhost" ||
    url.hostname === "127.0.0.1" ||
    url.hostname === "[::1]";
  return `${scheme}://${own ? url.host : platform}`;
}

async function serve(options: HelpCentreOptions, c: Context, where: Where): Promise<Response> {
  const { tenant } = where;
  if (!tenant || tenant.status === "suspended") return notFound();
  const url = new URL(c.req.url);
  const origin = originOf(options, c, where);
  const host = where.viaDomain ? url.hostname.toLowerCase() : null;
  const form = await serveForm(
    {
      deps: options.deps,
      tenant,
      origin,
      base: where.base,
      host,
      ip: options.clientIp(c.req.raw),
      secure: options.isSecure(c.req.raw),
    },
    c,
    where.path,
  );
  if (form !== undefined) return form ?? notFound();
  const page = await renderPage(options.deps, {
    tenant,
    origin,
    base: where.base,
    path: where.path,
    query: url.searchParams.get("q") ?? "",
    host,
    userAgent: c.req.header("user-agent") ?? "",
    counts: c.req.method === "GET",
  });
  if (!page) return notFound();
  return new Response(page.body, {
    headers: { "content-type": page.type, "cache-control": CACHE_CONTROL },
  });
}

function serveAsset(asset: Asset): Response {
  return new Response(asset.body, {
    headers: {
      "content-type": asset.type,
      "cache-control": "public, max-age=31536000, immutable",
    },
  });
}

/**
 * Mounts the help centre on `app`; call it before the API's routes, since on a tenant's host it
 * answers every path but the platform's own (PLATFORM_PATHS).
 */
export function mountHelpCentre<E extends Env>(app: Hono<E>, options: HelpCentreOptions): void {
  const { deps } = options;
  const platformDomain = deps.settings.platformDomain.replace(/:\d+$/, "");

  app.get(stylesheet.path, () => serveAsset(stylesheet));
  app.get(contactScript.path, () => serveAsset(contactScript));

  // On a tenant's host: every path but the platform's is the help centre (unknown ones 404).
  app.use("*", async (c, next) => {
    if (PLATFORM_PATHS.test(c.req.path) || c.req.path.startsWith("/hc-assets/")) return next();
    const host = c.req.header("host");
    const tenant = await tenantForHost(deps, host);
    if (tenant === "none") return next();
    if (!["GET", "HEAD", "POST"].includes(c.req.method)) return notFound();
    const hostname = new URL(c.req.url).hostname.toLowerCase();
    return serve(options, c, {
      tenant,
      base: "",
      path: c.req.path,
      viaDomain: !hostname.endsWith(`.${platformDomain}`),
    });
  });

  // On the server's own address: /hc/<slug>/… (and /hc/<slug> itself, as the home page).
  app.on(["GET", "POST"], "/hc/:slug{[a-z0-9-]{1,63}}/*", async (c) => {
    const slug = c.req.param("slug");
    const base = `/hc/${slug}`;
    const path = c.req.path.slice(base.length) || "/";
    return serve(options, c, {
      tenant: await findTenant(deps, { slug }),
      base,
      path,
      viaDomain: false,
    });
  });
  app.get("/hc/:slug{[a-z0-9-]{1,63}}", (c) => c.redirect(`${c.req.path}/`, 301));
  app.get("/hc/*", () => notFound());
}
