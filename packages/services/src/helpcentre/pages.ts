// What the public help centre shows: published articles only, and categories that hold some.
import { renderMarkdown } from "@supportdesk/content";
import { and, asc, eq, kbArticles, kbCategories, sql, type TenantDb } from "@supportdesk/database";
import { type SearchHit, searchArticles } from "../kb/search";

const published = eq(kbArticles.status, "published");

export type PublicCategory = { name: string; slug: string; description: string };
export type PublicArticleLink = { title: string; slug: string; excerpt: string };

const categoryFields = {
  id: kbCategories.id,
  name: kbCategories.name,
  slug: kbCategories.slug,
  description: kbCategories.description,
};
const articleLinkFields = {
  categoryId: kbArticles.categoryId,
  title: kbArticles.title,
  slug: kbArticles.slug,
  excerpt: kbArticles.excerpt,
};

/** The home page: every category holding a published article, in order, with those articles. */
export async function homePage(
  tx: TenantDb,
): Promise<{ categories: (PublicCategory & { articles: PublicArticleLink[] })[] }> {
  const categories = await tx
    .select(categoryFields)
    .from(kbCategories)
    .orderBy(asc(kbCategories.position), asc(kbCategories.name));
  const articles = await tx
    .select(articleLinkFields)
    .from(kbArticles)
    .where(published)
    .orderBy(asc(kbArticles.title));
  return {
    categories: categories.flatMap(({ id, ...category }) => {
      const own = articles
        .filter((a) => a.categoryId === id)
        .map(({ categoryId: _, ...link }) => link);
      return own.length > 0 ? [{ ...category, articles: own }] : [];
    }),
  };
}

/** A category and its published articles; undefined when unknown or holding none. */
export async function categoryPage(
  tx: TenantDb,
  slug: string,
): Promise<{ category: PublicCategory; articles: PublicArticleLink[] } | undefined> {
  const [row] = await tx
    .select(categoryFields)
    .from(kbCategories)
    .where(eq(kbCategories.slug, slug));
  if (!row) return undefined;
  const articles = await tx
    .select({ title: kbArticles.title, slug: kbArticles.slug, excerpt: kbArticles.excerpt })
    .from(kbArticles)
    .where(and(published, eq(kbArticles.categoryId, row.id)))
    .orderBy(asc(kbArticles.title));
  if (articles.length === 0) return undefined;
  const { id: _, ...category } = row;
  return { category, articles };
}

export type PublicArticle = {
  title: string;
  slug: string;
  excerpt: string;
  /** Sanitised by @supportdesk/content: safe to embed as it is. */
  html: string;
  headings: { level: number; text: string; id: string }[];
  updatedAt: Date;
  category: PublicCategory | null;
};

/** A published article, rendered; undefined when unknown, a draft or archived. */
export async function articlePage(tx: TenantDb, slug: string): Promise<PublicArticle | undefined> {
  const [row] = await tx
    .select({ ...articleLinkFields, body: kbArticles.body, updatedAt: kbArticles.updatedAt })
    .from(kbArticles)
    .where(and(published, eq(kbArticles.slug, slug)));
  if (!row) return undefined;
  const [category] = row.categoryId
    ? await tx
        .select({
          name: kbCategories.name,
          slug: kbCategories.slug,
          description: kbCategories.description,
        })
        .from(kbCategories)
        .where(eq(kbCategories.id, row.categoryId))
    : [];
  const { html, headings } = renderMarkdown(row.body);
  return {
    title: row.title,
    slug: row.slug,
    excerpt: row.excerpt,
    html,
    headings,
    updatedAt: row.updatedAt,
    category: category ?? null,
  };
}

/** Whether a published article has this slug (a draft, an archived or unknown one: no). */
export async function isPublished(tx: TenantDb, slug: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: kbArticles.id })
    .from(kbArticles)
    .where(and(published, eq(kbArticles.slug, slug)));
  return row !== undefined;
}

/** The longest query the public search takes (longer ones are cut, not refused). */
export const MAX_QUERY_LENGTH = 200;

/** A visitor's query made safe to search: control characters become spaces, length is capped. */
export function cleanQuery(q: string | undefined): string {
  const spaced = Array.from(q ?? "", (c) => {
    const code = c.charCodeAt(0);
    return code < 32 || code === 127 ? " " : c;
  });
  return spaced.join("").trim().slice(0, MAX_QUERY_LENGTH);
}

/** Published articles matching `q`, best first, with highlighted snippets. */
export async function publicSearch(
  tx: TenantDb,
  tenantId: string,
  q: string,
): Promise<Omit<SearchHit, "status" | "rank" | "id" | "categoryId">[]> {
  const query = cleanQuery(q);
  if (!query) return [];
  const hits = await searchArticles(tx, tenantId, { q: query, limit: 20, statuses: ["published"] });
  return hits.map(({ title, slug, excerpt, snippet }) => ({ title, slug, excerpt, snippet }));
}

/** What the sitemap lists: published articles and the categories holding them, with dates. */
export async function sitemapEntries(
  tx: TenantDb,
): Promise<{ kind: "article" | "category"; slug: string; updatedAt: Date }[]> {
  const articles = await tx
    .select({ slug: kbArticles.slug, updatedAt: kbArticles.updatedAt })
    .from(kbArticles)
    .where(published)
    .orderBy(asc(kbArticles.slug));
  const categories = await tx
    .select({ slug: kbCategories.slug, updatedAt: sql<string>`max(${kbArticles.updatedAt})` })
    .from(kbCategories)
    .innerJoin(kbArticles, and(eq(kbArticles.categoryId, kbCategories.id), published))
    .groupBy(kbCategories.slug)
    .orderBy(asc(kbCategories.slug));
  return [
    ...categories.map((c) => ({
      kind: "category" as const,
      slug: c.slug,
      updatedAt: new Date(c.updatedAt ?? 0),
    })),
    ...articles.map((a) => ({ kind: "article" as const, ...a })),
  ];
}

/**
 * Counts one view of a published article: one cheap update, and nothing when it is not public.
 * Raw SQL on purpose: Drizzle's update would also move `updated_at` (its `$onUpdate`), and a view
 * is not an edit.
 */
export async function countView(tx: TenantDb, slug: string): Promise<void> {
  await countViews(tx, new Map([[slug, 1]]));
}

/** Counts many views of the tenant's published articles (slug → views) in one statement. */
export async function countViews(tx: TenantDb, views: ReadonlyMap<string, number>): Promise<void> {
  if (views.size === 0) return;
  const rows = sql.join(
    [...views].map(([slug, n]) => sql`(${slug}::text, ${n}::int)`),
    sql`, `,
  );
  await tx.execute(
    sql`update ${kbArticles} a set view_count = a.view_count + v.n from (values ${rows}) as v(slug, n) where a.status = 'published' and a.slug = v.slug`,
  );
}
