// The help centre's pages that are never cached: the contact form (and its suggestions), and a
// customer's view of their ticket. Each is rendered per visitor (a form token in a cookie) and
// answers `cache-control: no-store`; services do the work, this file speaks HTTP.
import type { TenantSummary } from "@supportdesk/access";
import { AppError, helpCentre } from "@supportdesk/services";
import type { TrpcDeps } from "@supportdesk/trpc";
import type { Context } from "hono";
import { contactScript, stylesheet } from "./assets";
import { type ContactPage, contactView, sentView, ticketView } from "./contact-views";
import { FORM_PROBLEMS, formToken, limitSubmission, readForm } from "./forms";
import type { Place } from "./layout";

export type FormRequest = {
  deps: TrpcDeps;
  tenant: TenantSummary;
  origin: string;
  base: string;
  /** The custom domain the request came on, else null (as for cached pages). */
  host: string | null;
  ip: string | null;
  secure: boolean;
};

const PRIVATE = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-store",
  "x-robots-tag": "noindex",
};

const page = (body: string, status = 200) => new Response(body, { status, headers: PRIVATE });
const seeOther = (location: string) =>
  new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });

/** Where the page is, or undefined when the help centre is off or the host is not its own. */
async function placeOf(req: FormRequest): Promise<Place | undefined> {
  const site = await req.deps.db.withTenant(req.tenant.id, (tx) =>
    helpCentre.siteOf(tx, req.tenant.id),
  );
  if (!site?.enabled) return undefined;
  if (req.host !== null && site.verifiedDomain !== req.host) return undefined;
  return { site, origin: req.origin, base: req.base, stylesheet: stylesheet.path };
}

const actorOf = (req: FormRequest, c: Context) => ({
  userId: null,
  apiKeyId: null,
  ip: req.ip,
  userAgent: c.req.header("user-agent")?.slice(0, 500) ?? null,
});

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
  const suggested = /^\/contact\/suggested\/([a-z0-9-]{1,120})$/.exec(path)?.[1];
  const known =
    path === "/contact" ||
    ticket !== undefined ||
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
  return null;
}

async function contactPage(
  req: FormRequest,
  c: Context,
  place: Place,
  fill: Partial<Omit<ContactPage, "inquiryTypes" | "formToken" | "script">>,
  status = 200,
): Promise<Response> {
  const inquiryTypes = await req.deps.db.withTenant(req.tenant.id, (tx) =>
    helpCentre.contactForm(tx, req.tenant.id),
  );
  const body = contactView(place, {
    inquiryTypes,
    values: {},
    problems: {},
    notice: null,
    suggested: false,
    ...fill,
    formToken: formToken(c, req.base, req.secure),
    script: contactScript.path,
  });
  return page(body, status);
}

function showContact(req: FormRequest, c: Context, place: Place): Promise<Response> {
  return contactPage(req, c, place, {});
}

const STATUS = { "cross-site": 403, token: 403, "too-large": 413, type: 415 } as const;

async function submitContact(req: FormRequest, c: Context, place: Place): Promise<Response> {
  const form = await readForm(c);
  const values = form.fields;
  const suggested = values.suggested === "1";
  if (!form.ok) {
    return contactPage(
      req,
      c,
      place,
      { values, suggested, notice: FORM_PROBLEMS[form.problem] },
      STATUS[form.problem],
    );
  }
  // A filled honeypot is a bot: it is told it succeeded, and nothing is filed.
  if (values.website) {
    req.deps.log.info({ tenantId: req.tenant.id, ip: req.ip }, "contact form honeypot filled");
    return seeOther(`${req.base}/contact/sent`);
  }
  const inquiryTypes = await req.deps.db.withTenant(req.tenant.id, (tx) =>
    helpCentre.contactForm(tx, req.tenant.id),
  );
  const checked = helpCentre.checkContact(values, inquiryTypes);
  if (!checked.ok) {
    return contactPage(req, c, place, { values, suggested, problems: checked.problems }, 400);
  }
  const limit = await limitSubmission(req.deps, req.tenant.id, req.ip);
  if (limit !== "ok") {
    c.header("retry-after", "600");
    return contactPage(req, c, place, { values, suggested, notice: FORM_PROBLEMS[limit] }, 429);
  }
  await req.deps.db.withTenant(req.tenant.id, (tx) =>
    helpCentre.submitContact(
      { tx, tenantId: req.tenant.id, actor: actorOf(req, c) },
      { ...checked.value, suggested },
    ),
  );
  return seeOther(`${req.base}/contact/sent`);
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

function showTicket(
  req: FormRequest,
  c: Context,
  place: Place,
  token: string,
): Promise<Response | null> {
  return ticketPage(req, c, place, token, { sent: c.req.query("sent") === "1" });
}

async function replyToTicket(
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
