// What the survey's parts share: the tenant's settings with their defaults, the token's shape,
// and the limits the settings and comments are checked against.
import { csatSettings, type TenantDb } from "@supportdesk/database";
import { CSAT_LABELS } from "@supportdesk/domain";

/** A survey token's shape: what `generateOpaqueToken` makes (43 base64url characters). */
export const SURVEY_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The five answers in words, worst first (the domain's, shared with the email's links). */
export const RATING_LABELS = CSAT_LABELS;

/** A rating in words ("4 – Happy"), or null for none. */
export const ratingLabel = (rating: number | null): string | null =>
  rating === null ? null : (RATING_LABELS[rating - 1] ?? String(rating));

export const CSAT_LIMITS = {
  /** The longest delay after a resolve: a week, in minutes. */
  delayMinutes: 7 * 24 * 60,
  question: 300,
  commentPrompt: 300,
  comment: 2000,
} as const;

export type CsatSettings = {
  enabled: boolean;
  delayMinutes: number;
  question: string;
  commentPrompt: string;
  disabledInquiryTypeIds: string[];
};

/** What a tenant without a settings row has: surveys off, the schema's defaults otherwise. */
export const DEFAULT_SETTINGS: CsatSettings = {
  enabled: false,
  delayMinutes: 60,
  question: "How would you rate the support you received?",
  commentPrompt: "Anything you would like to tell us? (optional)",
  disabledInquiryTypeIds: [],
};

/** The settings of the transaction's tenant (its row, or the defaults when it has none). */
export async function settingsOf(tx: TenantDb): Promise<CsatSettings> {
  const [row] = await tx
    .select({
      enabled: csatSettings.enabled,
      delayMinutes: csatSettings.delayMinutes,
      question: csatSettings.question,
      commentPrompt: csatSettings.commentPrompt,
      disabledInquiryTypeIds: csatSettings.disabledInquiryTypeIds,
    })
    .from(csatSettings);
  return row ?? DEFAULT_SETTINGS;
}
