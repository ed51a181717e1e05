// The customer's side of a survey, opened by a token link from the survey email: no sign-in and no
// scope — the caller passes the transaction bound to the help centre's tenant (as the customer's
// ticket view does), so another tenant's token finds nothing, exactly like a made-up one.
import { hashToken } from "@supportdesk/auth-utils";
import { and, csatSurveys, eq, type TenantDb, tickets } from "@supportdesk/database";
import { CSAT_RATINGS, type CsatRating } from "@supportdesk/domain";
import { automationEventJob, enqueue, reportFactJob } from "@supportdesk/queue";
import { AppError } from "../errors";
import { hasControlCharacters } from "../helpcentre/contact";
import { CSAT_LIMITS, SURVEY_TOKEN, settingsOf } from "./shared";

/** What the survey page shows: the tenant's words, the ticket, and the answer so far. */
export type SurveyPage = {
  number: number;
  subject: string;
  question: string;
  commentPrompt: string;
  rating: CsatRating | null;
  comment: string | null;
};

export const isRating = (value: unknown): value is CsatRating =>
  CSAT_RATINGS.includes(value as CsatRating);

async function surveyRow(tx: TenantDb, token: string, forUpdate: boolean) {
  if (!SURVEY_TOKEN.test(token)) return undefined;
  const query = tx
    .select({
      id: csatSurveys.id,
      tenantId: csatSurveys.tenantId,
      ticketId: csatSurveys.ticketId,
      rating: csatSurveys.rating,
      comment: csatSurveys.comment,
      number: tickets.number,
      subject: tickets.subject,
    })
    .from(csatSurveys)
    .innerJoin(
      tickets,
      and(eq(tickets.tenantId, csatSurveys.tenantId), eq(tickets.id, csatSurveys.ticketId)),
    )
    .where(eq(csatSurveys.tokenHash, hashToken(token)));
  const [row] = await (forUpdate ? query.for("update", { of: csatSurveys }) : query);
  return row;
}

async function pageOf(
  tx: TenantDb,
  row: NonNullable<Awaited<ReturnType<typeof surveyRow>>>,
): Promise<SurveyPage> {
  const settings = await settingsOf(tx);
  return {
    number: row.number,
    subject: row.subject,
    question: settings.question,
    commentPrompt: settings.commentPrompt,
    rating: isRating(row.rating) ? row.rating : null,
    comment: row.comment,
  };
}

/** The survey a token opens, or undefined for a malformed, unknown or foreign token. */
export async function surveyByToken(tx: TenantDb, token: string): Promise<SurveyPage | undefined> {
  const row = await surveyRow(tx, token, false);
  return row ? pageOf(tx, row) : undefined;
}

/**
 * Records the customer's rating (one click from the email). The same rating again changes
 * nothing; a different one replaces it (a changed mind) — either way the survey counts once.
 * A recorded or changed rating queues the automation event (kind "csat": a low rating may
 * trigger a rule) and the ticket's report refresh, in this transaction. Undefined for a dead token.
 *
 * @example
 * const page = await db.withTenant(tenantId, (tx) => rateByToken(tx, token, 5));
 */
export async function rateByToken(
  tx: TenantDb,
  token: string,
  rating: number,
): Promise<(SurveyPage & { changed: boolean }) | undefined> {
  if (!isRating(rating)) {
    throw new AppError("BAD_REQUEST", "rating must be a whole number from 1 to 5.", {
      field: "rating",
    });
  }
  const row = await surveyRow(tx, token, true);
  if (!row) return undefined;
  const changed = row.rating !== rating;
  if (changed) {
    const now = new Date();
    await tx
      .update(csatSurveys)
      .set({ rating, ratedAt: now, updatedAt: now })
      .where(eq(csatSurveys.id, row.id));
    await enqueue(tx, automationEventJob, {
      tenantId: row.tenantId,
      eventId: crypto.randomUUID(),
      ticketId: row.ticketId,
      kind: "csat",
      actorUserId: null,
      surveyId: row.id,
      depth: 0,
      occurredAt: now.toISOString(),
    });
    await enqueue(tx, reportFactJob, { tenantId: row.tenantId, ticketId: row.ticketId });
  }
  return { ...(await pageOf(tx, { ...row, rating })), changed };
}

/** Why a comment is refused, in the customer's words; else the comment to keep (empty clears it). */
export function checkComment(
  value: unknown,
): { ok: true; comment: string | null } | { ok: false; problem: string } {
  if (typeof value !== "string") return { ok: false, problem: "Write a comment first." };
  const comment = value.trim();
  if (comment.length > CSAT_LIMITS.comment) {
    return { ok: false, problem: `A comment may be at most ${CSAT_LIMITS.comment} characters.` };
  }
  if (hasControlCharacters(comment)) {
    return { ok: false, problem: "The comment holds characters that cannot be sent." };
  }
  return { ok: true, comment: comment || null };
}

/** Saves (or replaces) the customer's comment; undefined for a dead token. */
export async function commentByToken(
  tx: TenantDb,
  token: string,
  comment: string,
): Promise<SurveyPage | undefined> {
  const checked = checkComment(comment);
  if (!checked.ok) throw new AppError("BAD_REQUEST", checked.problem, { field: "comment" });
  const row = await surveyRow(tx, token, true);
  if (!row) return undefined;
  await tx
    .update(csatSurveys)
    .set({ comment: checked.comment, updatedAt: new Date() })
    .where(eq(csatSurveys.id, row.id));
  return pageOf(tx, { ...row, comment: checked.comment });
}
