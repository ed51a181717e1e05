// The help centre's pages that are never cached: the contact form (its suggestions and files),
// the routing of a customer's view of their ticket (./customer-page.ts) and of the satisfaction
// survey's pages (`/csat/<token>`, ./csat-pages.ts). Each is rendered per
// visitor (a form token in a cookie) and answers `cache-control: no-store`; services do the work,
// these files speak HTTP.
import { sniffType } from "@supportdesk/mime";
import { AppError, attachments, helpCentre } from "@supportdesk/services";
import { tenantKey } from "@supportdesk/storage";
import type { Context } from "hono";
import { contactScript, stylesheet } from "./assets";
import { answersOf } from "./contact-field-views";
import { type ContactPage, contactView, sentView } from "./contact-views";
import { answerSurvey, showSurvey } from "./csat-pages";
import { replyToTicket, showTicket } from "./customer-page";
import {
  FORM_PROBLEMS,
  formToken,
  limitSubmission,
  MAX_FORM_BYTES,
  type PostedFile,
  readForm,
} from "./forms";
import type { Place } from "./layout";
import { actorOf, type FormRequest, page, STATUS, seeOther } from "./respond";

export type { FormRequest } from "./respond";

/** Where the page is, or undefined when the help centre is off or the host is not its own. */
async function placeOf(req: FormRequest): Promise<Place | undefined> {
  const site = await req.deps.db.withTenant(req.tenant.id, (tx) =>
    helpCentre.siteOf(tx, req.tenant.id),
  );
  if (!site?.enabled) return undefined;
  if (req.host !== null && site.verifiedDomain !== req.host) return undefined;
  return { site, origin: req.origin, base: req.base, stylesheet: stylesheet.path };
}

/**
 * Answers a form route (`/contact…`, `/tickets/<token>`) or returns undefined for any other path.
 * A null response is the neutral 404.
 */
export async function serveForm(
  req: FormRequest,
  c: Context,
  path: string,
): Promise<Response | null | undefined> {
  const post = c.req.method === "POST";
  const ticket = /^\/tickets\/([^/]+)$/.exec(path)?.[1];
  const survey = /^\/csat\/([^/]+)$/.exec(path)?.[1];
  const suggested = /^\/contact\/suggested\/([a-z0-9-]{1,120})$/.exec(path)?.[1];
  const known =
    path === "/contact" ||
    ticket !== undefined ||
    survey !== undefined ||
    (!post && (path === "/contact/sent" || path === "/contact/suggest" || suggested));
  if (!known) return post ? null : undefined;
  const place = await placeOf(req);
  if (!place) return null;
  if (path === "/contact") return post ? submitContact(req, c, place) : showContact(req, c, place);
  if (path === "/contact/sent") return page(sentView(place));
  if (path === "/contact/suggest") return suggest(req, c);
  if (suggested) {
    // Only a published article counts (and is followed): anything else is the neutral 404.
    const counted = await req.deps.db.withTenant(req.tenant.id, async (tx) => {
      if (!(await helpCentre.isPublished(tx, suggested))) return false;
      await helpCentre.countDeflection(tx, "clicked");
      return true;
    });
    return counted ? seeOther(`${req.base}/articles/${suggested}`) : null;
  }
  if (ticket)
    return post ? replyToTicket(req, c, place, ticket) : showTicket(req, c, place, ticket);
  if (survey) return post ? answerSurvey(req, c, place, survey) : showSurvey(req, c, place, survey);
  return null;
}

type ContactForm = Awaited<ReturnType<typeof helpCentre.contactForm>>;

const formOf = (req: FormRequest): Promise<ContactForm> =>
  req.deps.db.withTenant(req.tenant.id, (tx) => helpCentre.contactForm(tx, req.tenant.id));

async function contactPage(
  req: FormRequest,
  c: Context,
  place: Place,
  fill: Partial<
    Omit<
      ContactPage,
      "inquiryTypes" | "fields" | "formToken" | "script" | "maxFiles" | "maxFileSize"
    >
  >,
  status = 200,
  /** What the form asks, when the caller has read it already. */
  known?: ContactForm,
): Promise<Response> {
  const form = known ?? (await formOf(req));
  const body = contactView(place, {
    inquiryTypes: form.inquiryTypes,
    fields: form.fields,
    values: {},
    answers: {},
    problems: {},
    notice: null,
    suggested: false,
    ...fill,
    formToken: formToken(c, req.base, req.secure),
    script: contactScript.path,
    maxFiles: helpCentre.MAX_CONTACT_FILES,
    maxFileSize: megabytes(req.deps.settings.attachmentMaxBytes),
  });
  return page(body, status);
}

function showContact(req: FormRequest, c: Context, place: Place): Promise<Response> {
  return contactPage(req, c, place, {});
}

async function submitContact(req: FormRequest, c: Context, place: Place): Promise<Response> {
  const maxFile = req.deps.settings.attachmentMaxBytes;
  const form = await readForm(c, MAX_FORM_BYTES + helpCentre.MAX_CONTACT_FILES * maxFile);
  const values = form.fields;
  // The custom fields' answers, posted as `field.<id>` (a multi-select's boxes: several values).
  const answers = answersOf(form.all);
  const suggested = values.suggested === "1";
  if (!form.ok) {
    return contactPage(
      req,
      c,
      place,
      { values, answers, suggested, notice: FORM_PROBLEMS[form.problem] },
      STATUS[form.problem],
    );
  }
  // A filled honeypot is a bot: it is told it succeeded, and nothing is filed.
  if (values.website) {
    req.deps.log.info({ tenantId: req.tenant.id, ip: req.ip }, "contact form honeypot filled");
    return seeOther(`${req.base}/contact/sent`);
  }
  const asked = await formOf(req);
  // Answers for fields the form does not ask (archived, agents-only, another tenant's) are ignored.
  const checked = helpCentre.checkContact(values, asked, answers);
  const files = form.files;
  const fileProblem =
    files.length > helpCentre.MAX_CONTACT_FILES
      ? `Attach at most ${helpCentre.MAX_CONTACT_FILES} files.`
      : files.some((f) => f.bytes.byteLength > maxFile)
        ? `Each file may be at most ${megabytes(maxFile)}.`
        : null;
  if (!checked.ok || fileProblem) {
    const problems = checked.ok ? {} : checked.problems;
    const notice = fileProblem ?? (files.length > 0 ? FILES_AGAIN : null);
    return contactPage(req, c, place, { values, answers, suggested, problems, notice }, 400, asked);
  }
  const limit = await limitSubmission(req.deps, req.tenant.id, req.ip);
  if (limit !== "ok") {
    c.header("retry-after", "600");
    const notice = FORM_PROBLEMS[limit];
    return contactPage(req, c, place, { values, answers, suggested, notice }, 429, asked);
  }
  const stored = await storeFiles(req, files);
  try {
    await req.deps.db.withTenant(req.tenant.id, (tx) =>
      helpCentre.submitContact(
        { tx, tenantId: req.tenant.id, actor: actorOf(req, c) },
        { ...checked.value, suggested, attachments: stored },
      ),
    );
  } catch (error) {
    // A field archived or changed between the check and the filing: the form, asked afresh.
    if (!(error instanceof AppError) || error.code !== "BAD_REQUEST") throw error;
    return contactPage(req, c, place, { values, answers, suggested, notice: error.message }, 400);
  }
  return seeOther(`${req.base}/contact/sent`);
}

const FILES_AGAIN =
  "Please check what you entered. For your safety, files are not kept when a form is refused: attach them again.";

const megabytes = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))} MB`;

/** Stores a submission's files under the tenant's prefix, their types sniffed from the bytes. */
async function storeFiles(req: FormRequest, files: PostedFile[]): Promise<helpCentre.StoredFile[]> {
  const stored: helpCentre.StoredFile[] = [];
  for (const file of files) {
    const id = Bun.randomUUIDv7();
    const storageKey = tenantKey(req.tenant.id, "attachments", id);
    const contentType = await sniffType(file.bytes, file.declaredType);
    await req.deps.files.storage.put(storageKey, file.bytes, contentType);
    stored.push({
      id,
      storageKey,
      filename: attachments.cleanFilename(file.name),
      contentType,
      size: file.bytes.byteLength,
    });
  }
  return stored;
}

/** The articles to suggest for a subject, as JSON; counts "shown" the first time there are any. */
async function suggest(req: FormRequest, c: Context): Promise<Response> {
  const q = helpCentre.cleanQuery(c.req.query("q"));
  const json = (articles: unknown[]) =>
    new Response(JSON.stringify({ articles }), {
      headers: { "content-type": "application/json", "cache-control": "no-store" },
    });
  if (q.length < 3) return json([]);
  if (req.ip) {
    const limit = req.deps.settings.rateLimits.public;
    const result = await req.deps.rateLimiter.consume(`ip:${req.ip}:hc-suggest`, {
      limit,
      windowSeconds: 60,
      onUnavailable: "local",
    });
    if (!result.allowed) return json([]);
  }
  const articles = await req.deps.db.withTenant(req.tenant.id, async (tx) => {
    const hits = await helpCentre.contactSuggestions(tx, req.tenant.id, q);
    if (hits.length > 0 && c.req.query("first") === "1") {
      await helpCentre.countDeflection(tx, "shown");
    }
    return hits;
  });
  return json(
    articles.map((a) => ({
      title: a.title,
      excerpt: a.excerpt,
      url: `${req.base}/contact/suggested/${a.slug}`,
    })),
  );
}
