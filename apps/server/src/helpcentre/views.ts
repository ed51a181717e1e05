// The help centre's pages as HTML (and its sitemap and robots.txt as text).
import type { helpCentre } from "@supportdesk/services";
import { layout, linkTo, type Place } from "./layout";
import { h, type Markup, trusted } from "./markup";

type Home = Awaited<ReturnType<typeof helpCentre.homePage>>;
type CategoryView = NonNullable<Awaited<ReturnType<typeof helpCentre.categoryPage>>>;
type Hits = Awaited<ReturnType<typeof helpCentre.publicSearch>>;

const articleList = (place: Place, articles: helpCentre.PublicArticleLink[]): Markup =>
  h`<ul class="article-list">${articles.map(
    (a) => h`<li><a href="${linkTo(place, `/articles/${a.slug}`)}">${a.title}</a></li>`,
  )}</ul>`;

export function homeView(place: Place, home: Home): string {
  const content =
    home.categories.length === 0
      ? h`<h1>${place.site.name} help centre</h1><p>No articles have been published yet.</p>`
      : h`<h1>How can we help?</h1>
<ul class="categories">${home.categories.map(
          (c) => h`<li class="category">
<h2><a href="${linkTo(place, `/categories/${c.slug}`)}">${c.name}</a></h2>
${c.description ? h`<p class="muted">${c.description}</p>` : null}
${articleList(place, c.articles)}
</li>`,
        )}</ul>`;
  return layout(
    place,
    {
      title: place.site.name,
      description: `Answers and guides from ${place.site.name}.`,
      path: "/",
    },
    content,
  );
}

const crumbs = (place: Place, trail: { label: string; path?: string }[]): Markup =>
  h`<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>
<li><a href="${linkTo(place, "/")}">Help centre</a></li>
${trail.map((c) =>
  c.path
    ? h`<li><a href="${linkTo(place, c.path)}">${c.label}</a></li>`
    : h`<li aria-current="page">${c.label}</li>`,
)}
</ol></nav>`;

export function categoryView(place: Place, view: CategoryView): string {
  const { category, articles } = view;
  return layout(
    place,
    {
      title: category.name,
      description: category.description || `${category.name}: articles from ${place.site.name}.`,
      path: `/categories/${category.slug}`,
    },
    h`${crumbs(place, [{ label: category.name }])}
<h1>${category.name}</h1>
${category.description ? h`<p class="muted">${category.description}</p>` : null}
<ul class="results">${articles.map(
      (a) => h`<li><h2><a href="${linkTo(place, `/articles/${a.slug}`)}">${a.title}</a></h2>
${a.excerpt ? h`<p class="muted">${a.excerpt}</p>` : null}</li>`,
    )}</ul>`,
  );
}

/**
 * The rendered body, with links to other articles and categories (`/articles/x`, as authors
 * write them) pointed inside this help centre when it lives under `/hc/<slug>`. The sanitiser
 * writes every attribute as `href="…"` (and escapes `>` inside values), so the matches are exact.
 */
function articleHtml(place: Place, html: string): string {
  if (!place.base) return html;
  return html.replace(/ href="\/(articles|categories)\//g, ` href="${place.base}/$1/`);
}

export function articleView(place: Place, article: helpCentre.PublicArticle): string {
  const trail = article.category
    ? [
        { label: article.category.name, path: `/categories/${article.category.slug}` },
        { label: article.title },
      ]
    : [{ label: article.title }];
  const toc =
    article.headings.length > 1
      ? h`<nav class="toc" aria-label="On this page"><p><strong>On this page</strong></p><ul>${article.headings.map(
          (x) => h`<li><a href="#${x.id}">${x.text}</a></li>`,
        )}</ul></nav>`
      : null;
  return layout(
    place,
    {
      title: article.title,
      description: article.excerpt,
      path: `/articles/${article.slug}`,
      type: "article",
    },
    h`${crumbs(place, trail)}
<article class="article">
<h1>${article.title}</h1>
<p class="muted">Updated <time datetime="${article.updatedAt.toISOString()}">${article.updatedAt.toISOString().slice(0, 10)}</time></p>
${toc}
${trusted(articleHtml(place, article.html))}
</article>`,
  );
}

/** A snippet's segments: text escaped, hits marked. */
const snippet = (segments: Hits[number]["snippet"]): Markup =>
  h`${segments.map((s) => (s.hit ? h`<mark>${s.text}</mark>` : h`${s.text}`))}`;

export function searchView(place: Place, query: string, hits: Hits): string {
  const heading = query ? h`Results for “${query}”` : h`Search`;
  const body = !query
    ? h`<p>Type what you are looking for in the search box above.</p>`
    : hits.length === 0
      ? h`<p>No articles match your search. Try other words.</p>`
      : h`<p class="muted">${hits.length === 1 ? "1 article" : `${hits.length} articles`} found.</p>
<ol class="results">${hits.map(
          (
            hit,
          ) => h`<li><h2><a href="${linkTo(place, `/articles/${hit.slug}`)}">${hit.title}</a></h2>
<p>${hit.snippet.length > 0 ? snippet(hit.snippet) : hit.excerpt}</p></li>`,
        )}</ol>`;
  return layout(
    place,
    {
      title: query ? `Search: ${query}` : "Search",
      description: `Search the ${place.site.name} help centre.`,
      path: "/search",
      noindex: true,
      query,
    },
    h`${crumbs(place, [{ label: "Search" }])}<h1>${heading}</h1>${body}`,
  );
}

/**
 * The one 404 page: no tenant's name, colour or link in it, so it reads the same whether the
 * tenant, the article or the category is unknown, hidden or someone else's.
 */
export const NOT_FOUND_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Page not found</title>
</head>
<body>
<main>
<h1>Page not found</h1>
<p>There is no help centre page at this address.</p>
</main>
</body>
</html>
`;

const xmlEscape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function sitemapXml(
  place: Place,
  entries: Awaited<ReturnType<typeof helpCentre.sitemapEntries>>,
): string {
  const url = (path: string, lastmod?: Date) =>
    `<url><loc>${xmlEscape(`${place.origin}${linkTo(place, path)}`)}</loc>${
      lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ""
    }</url>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    url("/"),
    ...entries.map((e) =>
      url(`/${e.kind === "article" ? "articles" : "categories"}/${e.slug}`, e.updatedAt),
    ),
    "</urlset>",
    "",
  ].join("\n");
}

export function robotsTxt(place: Place): string {
  const disallow = ["/search", "/contact", "/tickets/", "/csat/"].map(
    (p) => `Disallow: ${linkTo(place, p)}\n`,
  );
  return `User-agent: *\n${disallow.join("")}Sitemap: ${place.origin}${linkTo(place, "/sitemap.xml")}\n`;
}
