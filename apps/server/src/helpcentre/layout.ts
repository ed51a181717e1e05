// The page shell every help-centre page shares: head (title, description, canonical, Open Graph),
// skip link, header with the tenant's name, logo and search, main landmark (opening with the
// tenant's notice, when set) and footer. `<html lang>` is the help centre's language.
import type { helpCentre } from "@supportdesk/services";
import { h, type Markup } from "./markup";

/** What a page needs to know about where it is served. */
export type Place = {
  site: helpCentre.Site;
  /** The scheme and host the visitor used, e.g. `https://acme.example.com`. */
  origin: string;
  /** The help centre's path prefix: `/hc/acme` on the server's own address, `` on a tenant host. */
  base: string;
  /** The shared stylesheet's content-hashed URL. */
  stylesheet: string;
};

export type PageMeta = {
  /** The page's own title; the site's name is appended. */
  title: string;
  description: string;
  /** The page's path inside the help centre (`/`, `/articles/x`), for the canonical URL. */
  path: string;
  type?: "website" | "article";
  /** Search results and the like are not for indexing. */
  noindex?: boolean;
  /** The current query, to keep it in the search box. */
  query?: string;
  /** Scripts of our own (content-hashed paths) the page enhances itself with; it works without. */
  scripts?: string[];
};

/** A path inside this help centre, as a link (`/hc/acme/articles/x` or `/articles/x`). */
export const linkTo = (place: Place, path: string): string => `${place.base}${path}` || "/";

export function layout(place: Place, meta: PageMeta, content: Markup): string {
  const { site } = place;
  const title = meta.path === "/" ? site.name : `${meta.title} – ${site.name}`;
  const canonical = `${place.origin}${linkTo(place, meta.path)}`;
  const logo = site.logoUrl
    ? h`<img src="${site.logoUrl}" alt="${site.name} logo" width="160" height="40">`
    : null;
  return `<!doctype html>\n${h`<html lang="${site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${meta.description}">
${meta.noindex ? h`<meta name="robots" content="noindex">` : null}
<link rel="canonical" href="${canonical}">
<meta property="og:type" content="${meta.type ?? "website"}">
<meta property="og:site_name" content="${site.name}">
<meta property="og:title" content="${meta.title}">
<meta property="og:description" content="${meta.description}">
<meta property="og:url" content="${canonical}">
${site.logoUrl ? h`<meta property="og:image" content="${site.logoUrl}">` : null}
<link rel="stylesheet" href="${place.stylesheet}">
<link rel="stylesheet" href="${linkTo(place, "/theme.css")}">
${(meta.scripts ?? []).map((src) => h`<script src="${src}" defer></script>`)}
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<div class="wrap">
<a class="brand" href="${linkTo(place, "/")}">${logo}<span>${site.name}</span></a>
<form class="search" role="search" action="${linkTo(place, "/search")}" method="get">
<label class="visually-hidden" for="q">Search the help centre</label>
<input id="q" type="search" name="q" value="${meta.query ?? ""}" placeholder="Search for answers" maxlength="200" required>
<button type="submit">Search</button>
</form>
<a class="contact-link" href="${linkTo(place, "/contact")}">Contact us</a>
</div>
</header>
<main id="main" class="wrap" tabindex="-1">
${site.notice ? h`<p class="site-notice" role="note">${site.notice}</p>` : null}
${content}
</main>
<footer class="site-footer">
<div class="wrap"><p>${site.name} help centre · <a href="${linkTo(place, "/contact")}">Contact us</a></p></div>
</footer>
</body>
</html>
`}`;
}
