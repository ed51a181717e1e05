// The service levels' customer emails: the satisfaction survey and an automation rule's message.
import { CSAT_LABELS } from "@supportdesk/domain";
import { type Block, type Brand, checkUrl, type Layout, oneLine } from "./layout";
import type { TemplateData } from "./templates";

type Levels = "csat-survey" | "automation-message";

export const serviceLevelTemplates: {
  [K in Levels]: (data: TemplateData[K], brand: Brand) => Layout;
} = {
  "csat-survey": ({ customerName, number, subject, question, ratingUrls }, brand) => ({
    subject: oneLine(`How did we do? [#${number}] ${subject}`),
    preheader: question,
    heading: question,
    blocks: [
      { kind: "paragraph", text: `Hi ${customerName},` },
      {
        kind: "paragraph",
        text: `Your request #${number} "${subject}" was resolved. One click tells us how it went:`,
      },
      ...ratingUrls.map(
        (url, i): Block => ({
          kind: "button",
          label: CSAT_LABELS[i] ?? String(i + 1),
          url: checkUrl(url, "csat-survey url"),
        }),
      ),
    ],
    footer: `You received this email because ${brand.name} support resolved your request.`,
  }),

  "automation-message": ({ customerName, number, subject, title, body, url }, brand) => ({
    // The rule's subject, with the ticket's number unless it already names it.
    subject: oneLine(
      title
        ? title.includes(`#${number}`)
          ? title
          : `${title} [#${number}]`
        : `Re: [#${number}] ${subject}`,
    ),
    preheader: oneLine(body).slice(0, 140),
    heading: `About your request #${number}`,
    blocks: [
      { kind: "paragraph", text: `Hi ${customerName},` },
      { kind: "paragraph", text: body },
      ...(url
        ? ([
            { kind: "button", label: "View your request", url: checkUrl(url, "automation url") },
          ] satisfies Block[])
        : []),
    ],
    footer: `You received this email because you have a request with ${brand.name} support.`,
  }),
};
