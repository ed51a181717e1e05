// The help centre's forms as HTML: the contact form (with its errors beside their fields and the
// values kept; its custom fields from ./contact-field-views.ts), the page after sending, and the
// customer's view of their ticket with its reply box.
import type { helpCentre } from "@supportdesk/services";
import { type Answers, type AskedField, askedFields, targetOf } from "./contact-field-views";
import { layout, linkTo, type Place } from "./layout";
import { h, type Markup } from "./markup";

type Field = helpCentre.ContactField;

export type ContactPage = {
  inquiryTypes: helpCentre.PublicInquiryType[];
  /** The tenant's custom fields the form asks, in order. */
  fields: AskedField[];
  /** What the visitor typed, shown again after a refusal. */
  values: Partial<Record<Field, string>>;
  /** What the visitor entered in the custom fields (by field id), shown again after a refusal. */
  answers: Answers;
  problems: helpCentre.ContactProblems;
  /** A refusal of the whole form (expired token, rate limit), in words. */
  notice: string | null;
  formToken: string;
  script: string;
  /** Articles were suggested before (kept through a refusal, for the deflection count). */
  suggested: boolean;
  /** The attachment limits, in words ("5 MB"). */
  maxFiles: number;
  maxFileSize: string;
};

const LABELS: Record<Field, string> = {
  name: "Your name",
  email: "Your email address",
  inquiryTypeId: "What is it about?",
  subject: "Subject",
  message: "How can we help?",
};

/** An error summary at the top: each problem links to its field (WCAG 3.3.1). */
function summary(problems: helpCentre.ContactProblems, notice: string | null): Markup | null {
  const entries = Object.entries(problems).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  if (entries.length === 0 && !notice) return null;
  return h`<div class="form-errors" role="alert" tabindex="-1" id="form-errors">
${notice ? h`<p>${notice}</p>` : h`<p>Please check what you entered:</p>`}
${entries.length > 0 ? h`<ul>${entries.map(([field, message]) => h`<li><a href="#${targetOf(field)}">${message}</a></li>`)}</ul>` : null}
</div>`;
}

function input(
  page: ContactPage,
  field: Exclude<Field, "inquiryTypeId" | "message">,
  attrs: { type: string; autocomplete: string; max: number },
): Markup {
  const problem = page.problems[field];
  return h`<div class="field${problem ? " has-error" : ""}">
<label for="${field}">${LABELS[field]}</label>
${problem ? h`<p class="field-error" id="${field}-error">${problem}</p>` : null}
<input id="${field}" name="${field}" type="${attrs.type}" autocomplete="${attrs.autocomplete}" maxlength="${attrs.max}" required value="${page.values[field] ?? ""}"${problem ? h` aria-invalid="true" aria-describedby="${field}-error"` : null}>
</div>`;
}

function inquirySelect(page: ContactPage): Markup | null {
  if (page.inquiryTypes.length === 0) return null;
  const problem = page.problems.inquiryTypeId;
  const chosen = page.values.inquiryTypeId ?? "";
  return h`<div class="field${problem ? " has-error" : ""}">
<label for="inquiryTypeId">${LABELS.inquiryTypeId}</label>
${problem ? h`<p class="field-error" id="inquiryTypeId-error">${problem}</p>` : null}
<select id="inquiryTypeId" name="inquiryTypeId" required${problem ? h` aria-invalid="true" aria-describedby="inquiryTypeId-error"` : null}>
<option value="">Choose one…</option>
${page.inquiryTypes.map((t) => h`<option value="${t.id}"${t.id === chosen ? h` selected` : null}>${t.name}${t.description ? ` — ${t.description}` : ""}</option>`)}
</select>
</div>`;
}

export function contactView(place: Place, page: ContactPage): string {
  const problem = page.problems.message;
  return layout(
    place,
    {
      title:
        page.notice || Object.keys(page.problems).length > 0 ? "Error: Contact us" : "Contact us",
      description: `Send a request to the ${place.site.name} team.`,
      path: "/contact",
      noindex: true,
      scripts: [page.script],
    },
    h`<h1>Contact us</h1>
<p class="muted">Tell us what you need and we will get back to you by email. You will get a link to follow your request.</p>
${summary(page.problems, page.notice)}
<form class="contact-form" method="post" action="${linkTo(place, "/contact")}" enctype="multipart/form-data" novalidate data-suggest="${linkTo(place, "/contact/suggest")}">
<input type="hidden" name="form_token" value="${page.formToken}">
<input type="hidden" name="suggested" value="${page.suggested ? "1" : ""}">
${input(page, "name", { type: "text", autocomplete: "name", max: 100 })}
${input(page, "email", { type: "email", autocomplete: "email", max: 254 })}
${inquirySelect(page)}
${input(page, "subject", { type: "text", autocomplete: "off", max: 200 })}
<section class="suggestions" id="suggestions" aria-live="polite" hidden></section>
<div class="field${problem ? " has-error" : ""}">
<label for="message">${LABELS.message}</label>
${problem ? h`<p class="field-error" id="message-error">${problem}</p>` : null}
<textarea id="message" name="message" rows="8" maxlength="10000" required${problem ? h` aria-invalid="true" aria-describedby="message-error"` : null}>${page.values.message ?? ""}</textarea>
</div>
${askedFields(page.fields, page.problems, page.answers)}
<div class="field">
<label for="files">Attachments <span class="muted">(optional: up to ${page.maxFiles} files, ${page.maxFileSize} each)</span></label>
<input id="files" name="files" type="file" multiple>
</div>
<div class="hp" aria-hidden="true">
<label for="website">Leave this field empty</label>
<input id="website" name="website" type="text" tabindex="-1" autocomplete="off">
</div>
<button type="submit">Send request</button>
</form>`,
  );
}

export function sentView(place: Place): string {
  return layout(
    place,
    {
      title: "Request sent",
      description: `Your request to ${place.site.name} was sent.`,
      path: "/contact/sent",
      noindex: true,
    },
    h`<h1>Thank you — your request was sent</h1>
<p>We have emailed you a confirmation with your request's number and a link where you can follow it and add to it.</p>
<p>Nothing in your inbox? Look in your spam folder, or <a href="${linkTo(place, "/contact")}">send another request</a>.</p>
<p><a href="${linkTo(place, "/")}">Back to the help centre</a></p>`,
  );
}

export type TicketPage = {
  ticket: helpCentre.CustomerTicket;
  token: string;
  formToken: string;
  /** The reply the customer typed, kept after a refusal. */
  draft: string;
  problem: string | null;
  sent: boolean;
};

const STATUS_WORDS: Record<helpCentre.CustomerTicket["status"], string> = {
  open: "Open — waiting for our team",
  pending: "Waiting for your reply",
  resolved: "Resolved",
  closed: "Closed",
};

const when = (date: Date): Markup =>
  h`<time datetime="${date.toISOString()}">${date.toISOString().slice(0, 16).replace("T", " ")} UTC</time>`;

export function ticketView(place: Place, page: TicketPage): string {
  const { ticket } = page;
  const path = `/tickets/${page.token}`;
  const closed = ticket.status === "closed";
  return layout(
    place,
    {
      title: page.problem ? `Error: Request #${ticket.number}` : `Request #${ticket.number}`,
      description: `Your request #${ticket.number} to ${place.site.name}.`,
      path,
      noindex: true,
    },
    h`<h1>${ticket.subject} <span class="muted">#${ticket.number}</span></h1>
<p class="ticket-status">Status: <strong>${STATUS_WORDS[ticket.status]}</strong> · opened ${when(ticket.createdAt)}</p>
${page.sent ? h`<p class="form-sent" role="status">Your reply was sent. We will email you when we answer.</p>` : null}
<ol class="conversation">${ticket.messages.map(
      (m) => h`<li class="message from-${m.from}" id="m-${m.id}">
<p class="message-meta"><strong>${m.authorName}</strong> · ${when(m.createdAt)}</p>
<div class="message-body">${m.body}</div>
</li>`,
    )}</ol>
${
  closed
    ? h`<p>This request is closed. <a href="${linkTo(place, "/contact")}">Send a new request</a> if you need anything else.</p>
${page.problem ? h`<p class="field-error" role="alert">${page.problem}</p>` : null}
${page.draft ? h`<div class="field"><label for="draft">What you wrote (not sent; copy it into a new request)</label><textarea id="draft" rows="6" readonly>${page.draft}</textarea></div>` : null}`
    : h`<form class="reply-form" method="post" action="${linkTo(place, path)}">
<input type="hidden" name="form_token" value="${page.formToken}">
<div class="field${page.problem ? " has-error" : ""}">
<label for="body">Add a reply</label>
${page.problem ? h`<p class="field-error" id="body-error" role="alert">${page.problem}</p>` : null}
<textarea id="body" name="body" rows="6" maxlength="10000" required${page.problem ? h` aria-invalid="true" aria-describedby="body-error"` : null}>${page.draft}</textarea>
</div>
<button type="submit">Send reply</button>
</form>`
}`,
  );
}
