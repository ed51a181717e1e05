// The public help centre's reads (no sign-in, no permission: published content only), and its
// settings as admins manage them.

export { forgetHelpCentre, type GenerationStore, generationKey } from "./cache";
export {
  CONTACT_LIMITS,
  type ContactField,
  type ContactInput,
  type ContactProblems,
  checkContact,
  contactForm,
  contactSuggestions,
  MAX_CONTACT_FILES,
  type PublicInquiryType,
  type StoredFile,
  submitContact,
} from "./contact";
export {
  type CustomerMessage,
  type CustomerTicket,
  checkReply,
  customerReply,
  customerTicket,
} from "./customer-view";
export {
  countDeflection,
  DEFLECTION_DAYS,
  type DeflectionEvent,
  deflectionTotals,
} from "./deflection";
export {
  articlePage,
  categoryPage,
  cleanQuery,
  countView,
  countViews,
  homePage,
  isPublished,
  MAX_QUERY_LENGTH,
  type PublicArticle,
  type PublicArticleLink,
  type PublicCategory,
  publicSearch,
  sitemapEntries,
} from "./pages";
export {
  getHelpCentreSettings,
  HELP_CENTRE_LANGUAGES,
  type HelpCentreSettings,
  type HelpCentreSettingsView,
  type HelpCentreUpdate,
  type InquiryType,
  type InquiryTypeInput,
  MAX_INQUIRY_TYPES,
  MAX_NOTICE_LENGTH,
  normaliseSettings,
  updateHelpCentreSettings,
} from "./settings";
export { HEX_COLOUR, helpCentreUrl, type Site, siteOf } from "./site";
