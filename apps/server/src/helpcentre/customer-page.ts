// A customer's view of their ticket (`/tickets/<token>`): the public conversation and a reply box;
// the link's token is the only key, checked by the services.
import { AppError, helpCentre } from "@supportdesk/services";
import type { Context } from "hono";
import { ticketView } from "./contact-views";
import { FORM_PROBLEMS, formToken, limitSubmission, readForm } from "./forms";
import type { Place } from "./layout";
import { actorOf, type FormRequest, page, STATUS, seeOther } from "./respond";

async function ticketPage(
  req: FormRequest,
  c: Context,
  place: Place,
  token: string,
  fill: { draft?: string; problem?: string | null; sent?: boolean },
  status = 200,
): Promise<Response | null> {
  const ticket = await req.deps.db.withTenant(req.tenant.id, (tx) =>
    helpCentre.customerTicket(tx, token),
  );
  if (!ticket) return null;
  const body = ticketView(place, {
    ticket,
    token,
    formToken: formToken(c, req.base, req.secure),
    draft: fill.draft ?? "",
    problem: fill.problem ?? null,
    sent: fill.sent ?? false,
  });
  return page(body, status);
}

export function showTicket(
  req: FormRequest,
  c: Context,
  place: Place,
  token: string,
): Promise<Response | null> {
  return ticketPage(req, c, place, token, { sent: c.req.query("sent") === "1" });
}

export async function replyToTicket(
  req: FormRequest,
  c: Context,
  place: Place,
  token: string,
): Promise<Response | null> {
  const form = await readForm(c);
  const draft = form.fields.body ?? "";
  if (!form.ok) {
    const problem = FORM_PROBLEMS[form.problem];
    return ticketPage(req, c, place, token, { draft, problem }, STATUS[form.problem]);
  }
  const checked = helpCentre.checkReply(draft);
  if (!checked.ok)
    return ticketPage(req, c, place, token, { draft, problem: checked.problem }, 400);
  const limit = await limitSubmission(req.deps, req.tenant.id, req.ip);
  if (limit !== "ok") {
    c.header("retry-after", "600");
    return ticketPage(req, c, place, token, { draft, problem: FORM_PROBLEMS[limit] }, 429);
  }
  try {
    const sent = await req.deps.db.withTenant(req.tenant.id, (tx) =>
      helpCentre.customerReply(
        { tx, tenantId: req.tenant.id, actor: actorOf(req, c) },
        { token, body: checked.body },
      ),
    );
    if (!sent) return null;
    return seeOther(`${req.base}/tickets/${token}?sent=1#m-${sent.messageId}`);
  } catch (error) {
    if (error instanceof AppError && error.code === "CONFLICT") {
      return ticketPage(req, c, place, token, { draft, problem: error.message }, 409);
    }
    throw error;
  }
}
