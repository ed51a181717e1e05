// The emails SupportDesk sends: one small function per template, rendered through one layout.
import { CSAT_LABELS } from "@supportdesk/domain";
import {
  type Block,
  type Brand,
  checkUrl,
  type Layout,
  oneLine,
  renderHtml,
  renderText,
} from "./layout";
import { serviceLevelTemplates } from "./templates-levels";

/** The data each template needs, keyed by template name. */
export interface TemplateData {
  /** To a new user: confirm the address they signed up with (the link also signs them in). */
  "verify-email": { name: string; url: string };
  /**
   * To the owner of an address someone tried to sign up with again: sign in (`url`) or choose a
   * new password (`resetUrl`). Registration answers the same either way; this email is the
   * difference, and only the address's owner sees it.
   */
  "account-exists": { name: string; url: string; resetUrl: string };
  /** To someone invited into a tenant; `email` is the address the invitation is for. */
  invitation: { inviterName: string; role: string; url: string; email: string };
  /** To a user who asked to reset their password. */
  "password-reset": { name: string; url: string };
  /** To the customer: their request was received as ticket `number`; `url` is its customer view. */
  "ticket-created": { customerName: string; number: number; subject: string; url?: string };
  /** To the customer: an agent replied; `body` is the reply as plain text. */
  "ticket-reply": {
    customerName: string;
    number: number;
    subject: string;
    agentName: string;
    body: string;
    /** The customer's view of the ticket, where they read it all and answer. */
    url?: string;
  };
  /** To an agent: something needs their attention (assignment, mention, new ticket…). */
  "agent-notification": { agentName: string; title: string; body: string; url: string };
  /**
   * To the customer of a resolved ticket: the tenant's question and one link per rating (1–5,
   * `ratingUrls[0]` is 1); a click records the rating and opens the page for a comment.
   */
  "csat-survey": {
    customerName: string;
    number: number;
    subject: string;
    question: string;
    ratingUrls: string[];
  };
  /**
   * To the customer: an automation rule's message (`body` plain text, from the rule's template);
   * `subject` is the ticket's, `title` the rule's rendered subject line (the email's subject when
   * given).
   */
  "automation-message": {
    customerName: string;
    number: number;
    subject: string;
    title?: string;
    body: string;
    url?: string;
  };
}

export type TemplateName = keyof TemplateData;

/** Every template name, e.g. for a `z.enum(templateNames)` in a job payload schema. */
export const templateNames = [
  "verify-email",
  "account-exists",
  "invitation",
  "password-reset",
  "ticket-created",
  "ticket-reply",
  "agent-notification",
  "csat-survey",
  "automation-message",
] as const satisfies readonly TemplateName[];

/** A template name with its matching data, e.g. the payload of an email job. */
export type EmailTemplate = {
  [K in TemplateName]: { template: K; data: TemplateData[K] };
}[TemplateName];

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export type { Brand } from "./layout";

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? "an" : "a";
}

const templates: { [K in TemplateName]: (data: TemplateData[K], brand: Brand) => Layout } = {
  "verify-email": ({ name, url }, brand) => ({
    subject: `Verify your email address for ${brand.name}`,
    preheader: "Confirm your email address to finish setting up your account.",
    heading: "Confirm your email address",
    blocks: [
      { kind: "paragraph", text: `Hi ${name},` },
      {
        kind: "paragraph",
        text: `Please confirm that this is your email address to finish setting up your ${brand.name} account. The link signs you in; it works once, within 48 hours.`,
      },
      { kind: "button", label: "Verify email address", url: checkUrl(url, "verify-email url") },
    ],
    footer: `You received this email because someone signed up for ${brand.name} with this address. If it was not you, you can ignore it.`,
  }),

  "account-exists": ({ name, url, resetUrl }, brand) => ({
    subject: `You already have ${article(brand.name)} ${brand.name} account`,
    preheader: "Someone tried to create an account with your email address.",
    heading: "You already have an account",
    blocks: [
      { kind: "paragraph", text: `Hi ${name},` },
      {
        kind: "paragraph",
        text: `Someone — probably you — tried to create a new ${brand.name} account with this email address. You already have one, so no new account was made. Sign in instead:`,
      },
      { kind: "button", label: "Sign in", url: checkUrl(url, "account-exists url") },
      { kind: "paragraph", text: "Forgot your password? Choose a new one:" },
      {
        kind: "button",
        label: "Reset your password",
        url: checkUrl(resetUrl, "account-exists resetUrl"),
      },
      {
        kind: "paragraph",
        text: "If it was not you, ignore this email: nothing about your account has changed.",
      },
    ],
    footer: `You received this email because someone tried to sign up for ${brand.name} with this address.`,
  }),

  invitation: ({ inviterName, role, url, email }, brand) => ({
    subject: `${inviterName} invited you to join ${brand.name}`,
    preheader: `Join ${brand.name} as ${article(role)} ${role}.`,
    heading: `Join ${brand.name}`,
    blocks: [
      {
        kind: "paragraph",
        text: `${inviterName} invited you (${email}) to join ${brand.name} as ${article(role)} ${role}.`,
      },
      { kind: "button", label: "Accept invitation", url: checkUrl(url, "invitation url") },
    ],
    footer: `This invitation was sent to ${email}. If you were not expecting it, you can ignore this email.`,
  }),

  "password-reset": ({ name, url }, brand) => ({
    subject: `Reset your ${brand.name} password`,
    preheader: "Someone asked to reset your password.",
    heading: "Reset your password",
    blocks: [
      { kind: "paragraph", text: `Hi ${name},` },
      {
        kind: "paragraph",
        text: `Someone asked to reset the password of your ${brand.name} account. If it was you, choose a new password:`,
      },
      { kind: "button", label: "Choose a new password", url: checkUrl(url, "password-reset url") },
      {
        kind: "paragraph",
        text: "If you did not ask for this, ignore this email: your password stays as it is.",
      },
    ],
    footer: `You received this email because a password reset was requested for your ${brand.name} account.`,
  }),

  "ticket-created": ({ customerName, number, subject, url }, brand) => {
    const blocks: Block[] = [
      { kind: "paragraph", text: `Hi ${customerName},` },
      {
        kind: "paragraph",
        text: `Thanks for contacting ${brand.name}. Your request "${subject}" has been received as #${number}, and our team will get back to you as soon as possible.`,
      },
    ];
    if (url) {
      blocks.push(
        { kind: "paragraph", text: "Follow your request, and add to it, on its page:" },
        { kind: "button", label: "View your request", url: checkUrl(url, "ticket-created url") },
      );
    } else {
      blocks.push({
        kind: "paragraph",
        text: "To add anything to your request, reply to this email.",
      });
    }
    return {
      subject: oneLine(`We received your request #${number}: ${subject}`),
      preheader: `Your request has been received as #${number}.`,
      heading: `We received your request #${number}`,
      blocks,
      footer: `You received this email because you contacted ${brand.name} support.`,
    };
  },

  "ticket-reply": ({ customerName, number, subject, agentName, body, url }, brand) => ({
    subject: oneLine(`Re: [#${number}] ${subject}`),
    preheader: `${agentName} replied to your request #${number}.`,
    heading: `New reply to your request #${number}`,
    blocks: [
      { kind: "paragraph", text: `Hi ${customerName},` },
      { kind: "paragraph", text: `${agentName} replied to your request "${subject}":` },
      { kind: "quote", text: body, by: agentName },
      ...(url
        ? ([
            { kind: "paragraph", text: "Read the whole conversation and answer on its page:" },
            { kind: "button", label: "View and reply", url: checkUrl(url, "ticket-reply url") },
          ] satisfies Block[])
        : ([{ kind: "paragraph", text: "To answer, reply to this email." }] satisfies Block[])),
    ],
    footer: `You received this email because you have an open request with ${brand.name} support.`,
  }),

  "agent-notification": ({ agentName, title, body, url }, brand) => ({
    subject: oneLine(`[${brand.name}] ${title}`),
    preheader: oneLine(body).slice(0, 140),
    heading: title,
    blocks: [
      { kind: "paragraph", text: `Hi ${agentName},` },
      { kind: "paragraph", text: body },
      {
        kind: "button",
        label: "Open in SupportDesk",
        url: checkUrl(url, "agent-notification url"),
      },
    ],
    footer: `You received this notification as an agent of ${brand.name}.`,
  }),
  ...serviceLevelTemplates,
};

/** The survey's five answers, worst first (the email's buttons, the page's choices). */
export { CSAT_LABELS };

/**
 * Renders one template for one brand: a subject, a plain-text part readable on its own and an
 * inline-styled HTML part in which every interpolated value is escaped. Send it with
 * `fromName: brand.name` so the tenant shows as the sender.
 *
 * @example
 * const email = renderEmail(
 *   "ticket-created",
 *   { customerName: "Ada", number: 42, subject: "Printer on fire" },
 *   { name: "Acme Support", primaryColor: "#e11d48" },
 * );
 * email.subject; // "We received your request #42: Printer on fire"
 *
 * @throws TypeError when a link is not an absolute http(s) URL
 */
export function renderEmail<T extends TemplateName>(
  template: T,
  data: TemplateData[T],
  brand: Brand,
): RenderedEmail {
  if (!Object.hasOwn(templates, template)) {
    throw new TypeError(`unknown email template "${template}"`);
  }
  const render = templates[template] as (data: TemplateData[T], brand: Brand) => Layout;
  const safeBrand = { ...brand, name: oneLine(brand.name) || "SupportDesk" };
  const layout = render(data, safeBrand);
  const subject = oneLine(layout.subject);
  return {
    subject,
    text: renderText({ ...layout, subject }, safeBrand),
    html: renderHtml({ ...layout, subject }, safeBrand),
  };
}
