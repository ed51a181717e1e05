// The knowledge base: categories, articles with revisions, and search.

export {
  type ArticleStatus,
  createArticle,
  deleteArticle,
  getArticle,
  listArticles,
  listRevisions,
  previewArticle,
  restoreRevision,
  setArticleStatus,
  updateArticle,
} from "./articles";
export {
  createCategory,
  deleteCategory,
  listCategories,
  reorderCategories,
  updateCategory,
} from "./categories";
export { type SearchHit, type Snippet, search, searchArticles, toSnippet } from "./search";
export { SEARCH_CONFIGS } from "./shared";
