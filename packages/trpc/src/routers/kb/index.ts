// kb: the knowledge base — categories, articles (with revisions and status), search, preview.
import { helpCentre, kb } from "@supportdesk/services";
import { z } from "zod";
import { router, tenantProcedure } from "../../trpc";
import { id } from "../schemas";
import { articleInput, body, categoryInput, listArticlesInput, searchInput } from "./schemas";

// A knowledge-base change may show in the public help centre: a successful mutation drops the
// tenant's cached help-centre pages (queries, the live preview included, leave them alone).
const changesHelpCentre = tenantProcedure.use(async ({ ctx, type, next }) => {
  const result = await next();
  if (result.ok && type === "mutation") await helpCentre.forgetHelpCentre(ctx.deps, ctx.tenant.id);
  return result;
});
const read = tenantProcedure.meta({ permissions: ["kb.read"] });
const write = changesHelpCentre.meta({ permissions: ["kb.write"] });
const publish = changesHelpCentre.meta({ permissions: ["kb.publish"] });
const byId = z.object({ id });

const categoriesRouter = router({
  list: read.query(({ ctx }) => ctx.run(kb.listCategories)),
  create: write
    .input(categoryInput)
    .mutation(({ ctx, input }) => ctx.run((scope) => kb.createCategory(scope, input))),
  update: write
    .input(categoryInput.partial().extend({ id }))
    .mutation(({ ctx, input }) => ctx.run((scope) => kb.updateCategory(scope, input))),
  delete: write.input(byId).mutation(async ({ ctx, input }) => {
    await ctx.run((scope) => kb.deleteCategory(scope, input));
    return { ok: true };
  }),
  reorder: write
    .input(z.object({ ids: z.array(id).min(1).max(500) }))
    .mutation(({ ctx, input }) => ctx.run((scope) => kb.reorderCategories(scope, input))),
});

const articlesRouter = router({
  list: read
    .input(listArticlesInput)
    .query(({ ctx, input }) => ctx.run((scope) => kb.listArticles(scope, input))),
  get: read.input(byId).query(({ ctx, input }) => ctx.run((scope) => kb.getArticle(scope, input))),
  create: write
    .input(articleInput)
    .mutation(({ ctx, input }) => ctx.run((scope) => kb.createArticle(scope, input))),
  update: write
    .input(articleInput.partial().extend({ id }))
    .mutation(({ ctx, input }) => ctx.run((scope) => kb.updateArticle(scope, input))),
  publish: publish
    .input(byId)
    .mutation(({ ctx, input }) =>
      ctx.run((scope) => kb.setArticleStatus(scope, input, "published")),
    ),
  unpublish: publish
    .input(byId)
    .mutation(({ ctx, input }) => ctx.run((scope) => kb.setArticleStatus(scope, input, "draft"))),
  archive: publish
    .input(byId)
    .mutation(({ ctx, input }) =>
      ctx.run((scope) => kb.setArticleStatus(scope, input, "archived")),
    ),
  delete: publish.input(byId).mutation(async ({ ctx, input }) => {
    await ctx.run((scope) => kb.deleteArticle(scope, input));
    return { ok: true };
  }),
  revisions: read
    .input(byId)
    .query(({ ctx, input }) => ctx.run((scope) => kb.listRevisions(scope, input))),
  restore: write
    .input(z.object({ id, revisionId: id }))
    .mutation(({ ctx, input }) => ctx.run((scope) => kb.restoreRevision(scope, input))),
  /**
   * The editor's live preview: the help centre's own rendering, sanitised on the server. A
   * mutation only so the body travels in a POST (a query's input rides in the URL); it writes
   * nothing.
   */
  preview: write
    .input(z.object({ body }))
    .mutation(({ ctx, input }) => ctx.run(async (scope) => kb.previewArticle(scope, input))),
});

export const kbRouter = router({
  categories: categoriesRouter,
  articles: articlesRouter,
  search: read
    .input(searchInput)
    .query(({ ctx, input }) => ctx.run((scope) => kb.search(scope, input))),
});
