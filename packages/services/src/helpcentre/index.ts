// The public help centre's reads (no sign-in, no permission: published content only).
export { forgetHelpCentre, type GenerationStore, generationKey } from "./cache";
export {
  articlePage,
  categoryPage,
  cleanQuery,
  countView,
  homePage,
  MAX_QUERY_LENGTH,
  type PublicArticle,
  type PublicArticleLink,
  type PublicCategory,
  publicSearch,
  sitemapEntries,
} from "./pages";
export { HEX_COLOUR, type Site, siteOf } from "./site";
