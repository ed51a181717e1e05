// The satisfaction survey's pages (`/csat/<token>`): a GET with `?rating=N` records the rating in
// one click from the email and thanks the customer; without it, the form. A POST (same-site, form
// token, rate-limited like every public form) saves a changed rating and the comment. The token
// is the only key; a dead or foreign one answers the neutral 404 (null).
import { AppError, csat } from "@supportdesk/services";
import type { Context } from "hono";
import { type SurveyView, surveyView } from "./csat-views";
import { FORM_PROBLEMS, formToken, limitSubmission, readForm } from "./forms";
import type { Place } from "./layout";
import { type FormRequest, page, STATUS, seeOther } from "./respond";

type Fill = Partial<Pick<SurveyView, "draft" | "problem" | "notice">>;

async function surveyPage(
  req: FormRequest,
  c: Context,
  place: Place,
  token: string,
  fill: Fill & { survey?: csat.SurveyPage },
  status = 200,
): Promise<Response | null> {
  const survey =
    fill.survey ??
    (await req.deps.db.withTenant(req.tenant.id, (tx) => csat.surveyByToken(tx, token)));
  if (!survey) return null;
  const body = surveyView(place, {
    survey,
    token,
    formToken: formToken(c, req.base, req.secure),
    draft: fill.draft ?? null,
    problem: fill.problem ?? null,
    notice: fill.notice ?? null,
  });
  return page(body, status);
}

/** `?rating=N` as a rating, undefined when absent, null when it is not one. */
function ratingOf(value: string | undefined): csat.SurveyPage["rating"] | undefined {
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  return csat.isRating(n) ? n : null;
}

/**
 * GET: with a valid `rating`, records it (HEAD records nothing: link checkers and prefetchers
 * only look) and thanks; with none, or an invalid one, shows the form.
 */
export async function showSurvey(
  req: FormRequest,
  c: Context,
  place: Place,
  token: string,
): Promise<Response | null> {
  const rating = ratingOf(c.req.query("rating"));
  if (rating && c.req.method === "GET") {
    const survey = await req.deps.db.withTenant(req.tenant.id, (tx) =>
      csat.rateByToken(tx, token, rating),
    );
    if (!survey) return null;
    return surveyPage(req, c, place, token, { survey, notice: "rated" });
  }
  const notice = c.req.query("saved") === "1" ? "saved" : null;
  return surveyPage(req, c, place, token, {
    notice,
    ...(rating === null ? { problem: "Choose one of the five answers." } : {}),
  });
}

/** POST: the form's rating (if chosen) and comment, then back to the page (303). */
export async function answerSurvey(
  req: FormRequest,
  c: Context,
  place: Place,
  token: string,
): Promise<Response | null> {
  const form = await readForm(c);
  const draft = form.fields.comment ?? "";
  if (!form.ok) {
    const problem = FORM_PROBLEMS[form.problem];
    return surveyPage(req, c, place, token, { draft, problem }, STATUS[form.problem]);
  }
  const rating = ratingOf(form.fields.rating);
  const checked = csat.checkComment(draft);
  const problem =
    rating === null ? "Choose one of the five answers." : checked.ok ? null : checked.problem;
  if (problem) return surveyPage(req, c, place, token, { draft, problem }, 400);
  const limit = await limitSubmission(req.deps, req.tenant.id, req.ip);
  if (limit !== "ok") {
    c.header("retry-after", "600");
    return surveyPage(req, c, place, token, { draft, problem: FORM_PROBLEMS[limit] }, 429);
  }
  try {
    const saved = await req.deps.db.withTenant(req.tenant.id, async (tx) => {
      if (rating && !(await csat.rateByToken(tx, token, rating))) return undefined;
      return csat.commentByToken(tx, token, draft);
    });
    if (!saved) return null;
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "BAD_REQUEST") throw error;
    return surveyPage(req, c, place, token, { draft, problem: error.message }, 400);
  }
  return seeOther(`${req.base}/csat/${token}?saved=1`);
}
