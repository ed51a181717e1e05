// Knowledge-base articles: list, get, write (every save keeps the body it replaced), and status.

import { excerptOf, renderMarkdown } from "@supportdesk/content";
import {
  and,
  desc,
  eq,
  inArray,
  kbArticleRevisions,
  kbArticles,
  kbCategories,
  sql,
  type TenantDb,
} from "@supportdesk/database";
import { audit } from "../audit";
import { authorize, type TenantScope } from "../context";
import { AppError, notFound } from "../errors";
import { decodeCursor, toPage } from "../pagination";
import { articleSummaryColumns, searchConfigOf, slugFor, slugTaken } from "./shared";

export type ArticleStatus = (typeof kbArticles.status.enumValues)[number];

/** A page of articles, newest first, by status and category. */
export async function listArticles(
  scope: TenantScope,
  input: {
    cursor?: string | undefined;
    perPage: number;
    status?: ArticleStatus[] | undefined;
    categoryId?: string | undefined;
  },
) {
  authorize(scope, "kb.read");
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const rows = await scope.tx
    .select(articleSummaryColumns)
    .from(kbArticles)
    .where(
      and(
        after
          ? sql`(${kbArticles.createdAt}, ${kbArticles.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`
          : undefined,
        input.status?.length ? inArray(kbArticles.status, input.status) : undefined,
        input.categoryId ? eq(kbArticles.categoryId, input.categoryId) : undefined,
      ),
    )
    .orderBy(desc(kbArticles.createdAt), desc(kbArticles.id))
    .limit(input.perPage + 1);
  return toPage(rows, input.perPage, scope.tenantId, input.cursor);
}

async function findArticle(tx: TenantDb, id: string) {
  const [row] = await tx
    .select({ ...articleSummaryColumns, body: kbArticles.body })
    .from(kbArticles)
    .where(eq(kbArticles.id, id));
  if (!row) throw notFound("Article");
  return row;
}

/** An article with its Markdown and the HTML it renders to (sanitised: what the public sees). */
export async function getArticle(scope: TenantScope, input: { id: string }) {
  authorize(scope, "kb.read");
  return presentArticle(scope.tx, input.id);
}

/** The article as the procedures answer it (after a write, whoever may write may see it). */
async function presentArticle(tx: TenantDb, id: string) {
  const article = await findArticle(tx, id);
  const { html, headings } = renderMarkdown(article.body);
  return { ...article, html, headings };
}

/** The editor's preview: the same rendering the help centre serves. */
export function previewArticle(scope: TenantScope, input: { body: string }) {
  authorize(scope, "kb.write");
  const { html, headings } = renderMarkdown(input.body);
  return { html, headings, excerpt: excerptOf(input.body) };
}

async function assertCategory(tx: TenantDb, categoryId: string | null | undefined) {
  if (!categoryId) return;
  const [row] = await tx
    .select({ id: kbCategories.id })
    .from(kbCategories)
    .where(eq(kbCategories.id, categoryId));
  if (!row) {
    throw new AppError("BAD_REQUEST", "categoryId is not a category of this knowledge base.", {
      field: "categoryId",
    });
  }
}

export type ArticleInput = {
  title: string;
  body: string;
  slug?: string | undefined;
  excerpt?: string | undefined;
  categoryId?: string | null | undefined;
};

/** A new draft (publishing is its own step, and its own permission). */
export async function createArticle(scope: TenantScope, input: ArticleInput) {
  authorize(scope, "kb.write");
  await assertCategory(scope.tx, input.categoryId);
  const [row] = await scope.tx
    .insert(kbArticles)
    .values({
      title: input.title.trim(),
      slug: slugFor(input.slug, input.title),
      body: input.body,
      excerpt: input.excerpt?.trim() || excerptOf(input.body),
      categoryId: input.categoryId ?? null,
      authorId: scope.actor.userId,
      searchConfig: await searchConfigOf(scope.tx, scope.tenantId),
    })
    .returning({ id: kbArticles.id })
    .catch(slugTaken("article"));
  if (!row) throw new Error("article insert returned nothing");
  await audit(scope, "kb.article.create", { type: "kb_article", id: row.id });
  return presentArticle(scope.tx, row.id);
}

/**
 * Saves changes; the title, body and excerpt it replaces become a revision. Changing what the
 * public sees — a published article — needs `kb.publish` too.
 */
export async function updateArticle(
  scope: TenantScope,
  input: Partial<ArticleInput> & { id: string },
) {
  authorize(scope, "kb.write");
  const before = await findArticle(scope.tx, input.id);
  if (before.status === "published") authorize(scope, "kb.publish");
  if (input.categoryId !== undefined) await assertCategory(scope.tx, input.categoryId);
  const content = {
    title: input.title?.trim() ?? before.title,
    body: input.body ?? before.body,
    excerpt:
      input.excerpt !== undefined
        ? input.excerpt.trim() || excerptOf(input.body ?? before.body)
        : input.body !== undefined && before.excerpt === excerptOf(before.body)
          ? excerptOf(input.body)
          : before.excerpt,
  };
  const changed = (["title", "body", "excerpt"] as const).some((k) => content[k] !== before[k]);
  if (changed) await keepRevision(scope, before);
  await scope.tx
    .update(kbArticles)
    .set({
      ...content,
      ...(input.slug !== undefined ? { slug: slugFor(input.slug, content.title) } : {}),
      ...(input.categoryId !== undefined ? { categoryId: input.categoryId } : {}),
      searchConfig: await searchConfigOf(scope.tx, scope.tenantId),
      updatedAt: new Date(),
    })
    .where(eq(kbArticles.id, input.id))
    .catch(slugTaken("article"));
  await audit(
    scope,
    "kb.article.update",
    { type: "kb_article", id: input.id },
    {
      fields: Object.keys(input).filter((k) => k !== "id"),
    },
  );
  return presentArticle(scope.tx, input.id);
}

async function keepRevision(
  scope: TenantScope,
  article: { id: string; title: string; body: string; excerpt: string },
) {
  await scope.tx.insert(kbArticleRevisions).values({
    articleId: article.id,
    title: article.title,
    body: article.body,
    excerpt: article.excerpt,
    authorId: scope.actor.userId,
  });
}

/** Moves an article to `status` (publish, unpublish = back to draft, archive). */
export async function setArticleStatus(
  scope: TenantScope,
  input: { id: string },
  status: ArticleStatus,
) {
  authorize(scope, "kb.publish");
  const before = await findArticle(scope.tx, input.id);
  if (status === "published" && !before.categoryId) {
    throw new AppError("PRECONDITION_FAILED", "Choose a category before publishing.", {
      field: "categoryId",
    });
  }
  await scope.tx
    .update(kbArticles)
    .set({
      status,
      ...(status === "published" && !before.publishedAt ? { publishedAt: new Date() } : {}),
      updatedAt: new Date(),
    })
    .where(eq(kbArticles.id, input.id));
  const verb = { published: "publish", draft: "unpublish", archived: "archive" }[status];
  await audit(
    scope,
    `kb.article.${verb}`,
    { type: "kb_article", id: input.id },
    {
      from: before.status,
    },
  );
  return presentArticle(scope.tx, input.id);
}

/** Deletes an article and its revisions (it leaves the public help centre at once). */
export async function deleteArticle(scope: TenantScope, input: { id: string }) {
  authorize(scope, "kb.publish");
  const rows = await scope.tx
    .delete(kbArticles)
    .where(eq(kbArticles.id, input.id))
    .returning({ slug: kbArticles.slug });
  if (rows.length === 0) throw notFound("Article");
  await audit(
    scope,
    "kb.article.delete",
    { type: "kb_article", id: input.id },
    {
      slug: rows[0]?.slug,
    },
  );
}

/** The article's earlier versions, newest first. */
export async function listRevisions(scope: TenantScope, input: { id: string }) {
  authorize(scope, "kb.read");
  await findArticle(scope.tx, input.id);
  return scope.tx
    .select({
      id: kbArticleRevisions.id,
      title: kbArticleRevisions.title,
      body: kbArticleRevisions.body,
      excerpt: kbArticleRevisions.excerpt,
      authorId: kbArticleRevisions.authorId,
      createdAt: kbArticleRevisions.createdAt,
    })
    .from(kbArticleRevisions)
    .where(eq(kbArticleRevisions.articleId, input.id))
    .orderBy(desc(kbArticleRevisions.createdAt), desc(kbArticleRevisions.id));
}

/** Brings back an earlier version (the current one becomes a revision in turn). */
export async function restoreRevision(
  scope: TenantScope,
  input: { id: string; revisionId: string },
) {
  authorize(scope, "kb.write");
  const [revision] = await scope.tx
    .select()
    .from(kbArticleRevisions)
    .where(
      and(eq(kbArticleRevisions.id, input.revisionId), eq(kbArticleRevisions.articleId, input.id)),
    );
  if (!revision) throw notFound("Revision");
  return updateArticle(scope, {
    id: input.id,
    title: revision.title,
    body: revision.body,
    excerpt: revision.excerpt,
  });
}
