// The demo seed's knowledge base: each demo tenant's categories and articles, upserted in place.
import { createHash } from "node:crypto";
import { inArray, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Database, TenantDb } from "./client";
import { kbArticles, kbCategories, users } from "./schema";
import { demoUuid } from "./seed";
import { DEMO_USERS } from "./seed-data";
import { DEMO_KB, type KbArticleSpec, type KbTenantSpec } from "./seed-kb-data";

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type CategoryRow = typeof kbCategories.$inferInsert & { id: string };
type ArticleRow = typeof kbArticles.$inferInsert & { id: string };

/**
 * Upserts every demo tenant's knowledge-base categories and articles under its tenant, with ids,
 * dates and counters derived from the slugs and `anchor`, so a re-run leaves the same rows. Rows
 * it did not create are left alone (it deletes nothing). Authors are each tenant's first owner.
 *
 * @example
 * const { articles } = await seedKnowledgeBase(db, tenantIds, startOfToday); // articles === 71
 */
export async function seedKnowledgeBase(
  db: Database,
  tenantIds: Map<string, string>,
  anchor: Date,
): Promise<{ categories: number; articles: number }> {
  const authors = await ownerIds(db);
  const counts = await Promise.all(
    DEMO_KB.map(async (spec) => {
      const tenantId = tenantIds.get(spec.tenant);
      if (tenantId === undefined) throw new Error(`kb seed: no tenant ${spec.tenant}`);
      const rows = buildRows(spec, authors.get(spec.tenant) ?? null, anchor);
      await db.withTenant(tenantId, (tx) => writeRows(tx, rows));
      return { categories: rows.categories.length, articles: rows.articles.length };
    }),
  );
  return {
    categories: counts.reduce((n, c) => n + c.categories, 0),
    articles: counts.reduce((n, c) => n + c.articles, 0),
  };
}

/** Tenant slug → the user id of its first demo owner, for those whose account exists. */
async function ownerIds(db: Database): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  for (const user of DEMO_USERS) {
    for (const r of user.roles) {
      if (r.role === "owner" && !owners.has(r.tenant))
        owners.set(r.tenant, user.email.toLowerCase());
    }
  }
  const emails = [...new Set(owners.values())];
  const rows = await db.platform
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(sql`lower(${users.email})`, emails));
  const idByEmail = new Map(rows.map((row) => [row.email.toLowerCase(), row.id]));
  const out = new Map<string, string>();
  for (const [tenant, email] of owners) {
    const id = idByEmail.get(email);
    if (id !== undefined) out.set(tenant, id);
  }
  return out;
}

function buildRows(spec: KbTenantSpec, authorId: string | null, anchor: Date) {
  // Categories predate the tenant's oldest article by a week, as if set up before writing.
  const oldest = Math.max(...spec.articles.map((a) => a.daysAgo));
  const categoryTime = new Date(anchor.getTime() - (oldest + 7) * DAY);
  const categories: CategoryRow[] = spec.categories.map((category) => ({
    id: categoryId(spec.tenant, category.slug),
    name: category.name,
    slug: category.slug,
    description: category.description,
    position: category.position,
    createdAt: categoryTime,
    updatedAt: categoryTime,
  }));
  const known = new Set(spec.categories.map((category) => category.slug));
  const articles = spec.articles.map((article): ArticleRow => {
    if (!known.has(article.categorySlug)) {
      throw new Error(`kb seed: ${spec.tenant}/${article.slug} names no category of its tenant`);
    }
    // Dates are placed on whole days before the anchor, so "today" would put them in the future.
    if (!Number.isInteger(article.daysAgo) || article.daysAgo < 1) {
      throw new Error(`kb seed: ${spec.tenant}/${article.slug} needs daysAgo of at least 1`);
    }
    return {
      id: demoUuid(`${spec.tenant}:kb-article:${article.slug}`),
      categoryId: categoryId(spec.tenant, article.categorySlug),
      title: article.title,
      slug: article.slug,
      body: article.body,
      excerpt: article.excerpt,
      status: article.status,
      authorId,
      searchConfig: "english",
      ...articleTimes(article, hashOf(`${spec.tenant}:${article.slug}`), anchor),
      ...articleCounters(article, hashOf(`${spec.tenant}:${article.slug}:counts`)),
    };
  });
  return { categories, articles };
}

const categoryId = (tenant: string, slug: string) => demoUuid(`${tenant}:kb-category:${slug}`);

/**
 * Published during working hours on its day; written a few days before; some articles edited
 * since (never after the anchor). A draft was last saved on its day and was never published.
 */
function articleTimes(article: KbArticleSpec, hash: number, anchor: Date) {
  const day = anchor.getTime() - article.daysAgo * DAY;
  const at = new Date(day + 8 * HOUR + (hash % 600) * MINUTE);
  const createdAt = new Date(at.getTime() - (1 + ((hash >>> 10) % 5)) * DAY);
  if (article.status === "draft") return { publishedAt: null, createdAt, updatedAt: at };
  const editedDaysLater = (hash >>> 13) % 3 === 0 ? (hash >>> 16) % article.daysAgo : 0;
  return { publishedAt: at, createdAt, updatedAt: new Date(at.getTime() + editedDaysLater * DAY) };
}

/** Older articles have been read more; roughly 1 reader in 15 votes, mostly "helpful". */
function articleCounters(article: KbArticleSpec, hash: number) {
  if (article.status === "draft") return { viewCount: 0, helpfulCount: 0, notHelpfulCount: 0 };
  const viewCount = Math.round((15 + (hash % 60)) * Math.sqrt(article.daysAgo));
  const votes = Math.round(viewCount * (0.04 + ((hash >>> 8) % 5) / 100));
  const notHelpfulCount = Math.round(votes * (0.05 + ((hash >>> 16) % 20) / 100));
  return { viewCount, helpfulCount: votes - notHelpfulCount, notHelpfulCount };
}

async function writeRows(
  tx: TenantDb,
  rows: { categories: CategoryRow[]; articles: ArticleRow[] },
): Promise<void> {
  await tx
    .insert(kbCategories)
    .values(rows.categories)
    .onConflictDoUpdate({
      target: [kbCategories.tenantId, kbCategories.id],
      set: {
        name: excluded(kbCategories.name),
        slug: excluded(kbCategories.slug),
        description: excluded(kbCategories.description),
        position: excluded(kbCategories.position),
        createdAt: excluded(kbCategories.createdAt),
        updatedAt: excluded(kbCategories.updatedAt),
      },
    });
  await tx
    .insert(kbArticles)
    .values(rows.articles)
    .onConflictDoUpdate({
      target: [kbArticles.tenantId, kbArticles.id],
      set: {
        categoryId: excluded(kbArticles.categoryId),
        title: excluded(kbArticles.title),
        slug: excluded(kbArticles.slug),
        body: excluded(kbArticles.body),
        excerpt: excluded(kbArticles.excerpt),
        status: excluded(kbArticles.status),
        authorId: excluded(kbArticles.authorId),
        publishedAt: excluded(kbArticles.publishedAt),
        viewCount: excluded(kbArticles.viewCount),
        helpfulCount: excluded(kbArticles.helpfulCount),
        notHelpfulCount: excluded(kbArticles.notHelpfulCount),
        searchConfig: excluded(kbArticles.searchConfig),
        createdAt: excluded(kbArticles.createdAt),
        // Set explicitly, or the column's $onUpdate would stamp every re-run with now().
        updatedAt: excluded(kbArticles.updatedAt),
      },
    });
}

function excluded(column: PgColumn): SQL {
  return sql`excluded.${sql.identifier(column.name)}`;
}

/** A stable 32-bit number per key, so counters and times look varied but never change. */
function hashOf(key: string): number {
  return createHash("sha256").update(key).digest().readUInt32BE(0);
}
