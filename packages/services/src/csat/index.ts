// csat: satisfaction surveys — opened on resolve (./hooks.ts), settings, what agents read, and
// the customer's side reached by a token link (./public.ts).
export { csatAfterTicketEvent } from "./hooks";
export {
  checkComment,
  commentByToken,
  isRating,
  rateByToken,
  type SurveyPage,
  surveyByToken,
} from "./public";
export {
  type CsatSettingsUpdate,
  type CsatSettingsView,
  getSettings,
  updateSettings,
} from "./settings";
export {
  CSAT_LIMITS,
  type CsatSettings,
  DEFAULT_SETTINGS,
  RATING_LABELS,
  ratingLabel,
  SURVEY_TOKEN,
  settingsOf as surveySettings,
} from "./shared";
export { type CsatSummary, listSurveys, type SurveyFilters, summary } from "./surveys";
