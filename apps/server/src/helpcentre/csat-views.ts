// The satisfaction survey's page as HTML: the tenant's question with the five answers as radio
// buttons (the one chosen checked, to change it), the comment box with the tenant's prompt, and a
// thank-you once a rating is in. Plain form posts: no script, within the strict CSP.
import { csat } from "@supportdesk/services";
import { layout, linkTo, type Place } from "./layout";
import { h } from "./markup";

export type SurveyView = {
  survey: csat.SurveyPage;
  token: string;
  formToken: string;
  /** What the customer typed, shown again after a refusal. */
  draft: string | null;
  problem: string | null;
  /** Just recorded (the one click from the email) or just saved (the form). */
  notice: "rated" | "saved" | null;
};

const NOTICES = {
  rated: "Thank you! Your rating was recorded. You can change it or add a comment below.",
  saved: "Thank you! Your answer was saved.",
} as const;

export function surveyView(place: Place, page: SurveyView): string {
  const { survey } = page;
  const path = `/csat/${page.token}`;
  const title = `${page.problem ? "Error: " : ""}Request #${survey.number}: how did we do?`;
  const comment = page.draft ?? survey.comment ?? "";
  return layout(
    place,
    {
      title,
      description: `Rate the support you received on request #${survey.number}.`,
      path,
      noindex: true,
    },
    h`<h1>${survey.question}</h1>
<p class="muted">About your request #${survey.number}: ${survey.subject}</p>
${page.notice ? h`<p class="form-sent" role="status">${NOTICES[page.notice]}</p>` : null}
${page.problem ? h`<div class="form-errors" role="alert" id="form-errors"><p>${page.problem}</p></div>` : null}
<form class="reply-form" method="post" action="${linkTo(place, path)}">
<input type="hidden" name="form_token" value="${page.formToken}">
<fieldset class="field">
<legend>${survey.rating ? "Your rating (choose another to change it)" : "Your rating"}</legend>
${csat.RATING_LABELS.map((label, i) => {
  const value = i + 1;
  return h`<div class="choice"><input type="radio" id="rating-${value}" name="rating" value="${value}"${survey.rating === value ? h` checked` : null}> <label for="rating-${value}">${label}</label></div>`;
})}
</fieldset>
<div class="field">
<label for="comment">${survey.commentPrompt}</label>
<textarea id="comment" name="comment" rows="5" maxlength="2000">${comment}</textarea>
</div>
<button type="submit">Send</button>
</form>`,
  );
}
