// Tenant-owned: the knowledge base — categories, articles (with full-text search) and revisions.
import { type SQL, sql } from "drizzle-orm";
import {
  customType,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, newId, tsvector, updatedAt } from "./_columns";
import { tenantIdColumn, tenantIsolationPolicy } from "./_tenant";
import { users } from "./users";

export const articleStatus = pgEnum("kb_article_status", ["draft", "published", "archived"]);

/** A text-search configuration name (`english`, `german`, …), checked by PostgreSQL. */
const regconfig = customType<{ data: string }>({ dataType: () => "regconfig" });

export const kbCategories = pgTable(
  "kb_categories",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    description: text("description").notNull().default(""),
    /** Order on the help centre's home page, lowest first. */
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("kb_categories_tenant_slug_key").on(t.tenantId, t.slug),
    index("kb_categories_tenant_position_idx").on(t.tenantId, t.position),
    tenantIsolationPolicy(),
  ],
);

export const kbArticles = pgTable(
  "kb_articles",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    categoryId: uuid("category_id"),
    title: text("title").notNull(),
    slug: text("slug").notNull(),
    /** Markdown, as the author wrote it; rendered and sanitised on the way out. */
    body: text("body").notNull().default(""),
    excerpt: text("excerpt").notNull().default(""),
    status: articleStatus("status").notNull().default("draft"),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true, precision: 3 }),
    viewCount: integer("view_count").notNull().default(0),
    helpfulCount: integer("helpful_count").notNull().default(0),
    notHelpfulCount: integer("not_helpful_count").notNull().default(0),
    /** The help centre's language when the article was last saved (it picks stemming). */
    searchConfig: regconfig("search_config").notNull().default(sql`'english'::regconfig`),
    /** Title (weight A), excerpt (B) and body (C), kept by PostgreSQL on every write. */
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector(search_config, title), 'A') || setweight(to_tsvector(search_config, excerpt), 'B') || setweight(to_tsvector(search_config, body), 'C')`,
    ),
    /**
     * The title alone, so "any word in the title" is an index lookup (a weight-A match on
     * `search_vector` has to recheck every article holding the word anywhere).
     */
    titleVector: tsvector("title_vector").generatedAlwaysAs(
      (): SQL => sql`to_tsvector(search_config, title)`,
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("kb_articles_tenant_slug_key").on(t.tenantId, t.slug),
    index("kb_articles_tenant_category_idx").on(t.tenantId, t.categoryId, t.status),
    index("kb_articles_tenant_updated_idx").on(t.tenantId, t.updatedAt.desc().nullsFirst()),
    // btree_gin keeps tenant_id in the index path of the full-text and trigram indexes.
    index("kb_articles_tenant_search_idx").using("gin", t.tenantId, t.searchVector),
    index("kb_articles_tenant_title_search_idx").using("gin", t.tenantId, t.titleVector),
    // On the bare column: pg_trgm folds case itself, and an expression such as lower() is not
    // LEAKPROOF, which would keep the index from serving searches under row-level security.
    index("kb_articles_tenant_title_trgm_idx").using(
      "gin",
      t.tenantId,
      sql`${t.title} gin_trgm_ops`,
    ),
    foreignKey({
      name: "kb_articles_category_fk",
      columns: [t.tenantId, t.categoryId],
      foreignColumns: [kbCategories.tenantId, kbCategories.id],
    }),
    tenantIsolationPolicy(),
  ],
);

/** Every save keeps the body it replaced, so an author can see and restore any earlier one. */
export const kbArticleRevisions = pgTable(
  "kb_article_revisions",
  {
    tenantId: tenantIdColumn(),
    id: uuid("id").notNull().$defaultFn(newId),
    articleId: uuid("article_id").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    excerpt: text("excerpt").notNull(),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("kb_article_revisions_tenant_article_idx").on(
      t.tenantId,
      t.articleId,
      t.createdAt.desc().nullsFirst(),
    ),
    foreignKey({
      name: "kb_article_revisions_article_fk",
      columns: [t.tenantId, t.articleId],
      foreignColumns: [kbArticles.tenantId, kbArticles.id],
    }).onDelete("cascade"),
    tenantIsolationPolicy(),
  ],
);
