// What the help centre's forms (contact, a customer's reply) need before their service runs: a
// same-site check, a form token, a size limit, and per-IP and per-tenant rate limits.
import { generateOpaqueToken, safeEqual } from "@supportdesk/auth-utils";
import type { TrpcDeps } from "@supportdesk/trpc";
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";

/** The cookie half of the form token (double-submit): SameSite=Strict, so a cross-site post lacks it. */
export const FORM_COOKIE = "sd_hc_form";
/** The largest form body read (bytes); a contact message is at most 10,000 characters. */
export const MAX_FORM_BYTES = 64 * 1024;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The visitor's form token: the one their cookie holds, or a new one set now. The page puts it in
 * a hidden field; a post must bring both, equal.
 */
export function formToken(c: Context, base: string, secure: boolean): string {
  const existing = getCookie(c, FORM_COOKIE);
  if (existing && TOKEN.test(existing)) return existing;
  const token = generateOpaqueToken();
  setCookie(c, FORM_COOKIE, token, {
    path: base || "/",
    httpOnly: true,
    sameSite: "Strict",
    secure,
    maxAge: 60 * 60 * 24,
  });
  return token;
}

export type FormProblem = "cross-site" | "token" | "too-large" | "type";

/** A file posted with a form (the contact form's attachments). */
export type PostedFile = { name: string; bytes: Uint8Array; declaredType: string };

export type ReadForm =
  | { ok: true; fields: Record<string, string>; all: PostedLists; files: PostedFile[] }
  | { ok: false; problem: FormProblem; fields: Record<string, string>; all: PostedLists };

/** Every value posted under each name, in order (a group of checkboxes sends several). */
export type PostedLists = Record<string, string[]>;

/**
 * The posted fields (each name's first value; `all` holds every value of each name) and, for a
 * multipart form, its files, or why the post is refused: it came from another site (Sec-Fetch-Site
 * or an Origin that is not this host), its token is missing or does not match the cookie, it is
 * not a form, or it is larger than `maxBytes` (urlencoded forms: MAX_FORM_BYTES).
 */
export async function readForm(c: Context, maxBytes = MAX_FORM_BYTES): Promise<ReadForm> {
  const none: Record<string, string> = {};
  const refuse = (problem: FormProblem) => ({ ok: false, problem, fields: none, all: {} }) as const;
  const site = c.req.header("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return refuse("cross-site");
  const origin = c.req.header("origin");
  if (origin && origin !== "null") {
    let host = "";
    try {
      host = new URL(origin).host;
    } catch {}
    if (host !== c.req.header("host")) return refuse("cross-site");
  }
  const type = c.req.header("content-type") ?? "";
  const multipart = type.startsWith("multipart/form-data");
  if (!multipart && !type.startsWith("application/x-www-form-urlencoded")) return refuse("type");
  const limit = multipart ? maxBytes : MAX_FORM_BYTES;
  const length = Number(c.req.header("content-length") ?? "0");
  if (length > limit) return refuse("too-large");
  const body = await readCapped(c.req.raw, limit);
  if (body === null) return refuse("too-large");
  const fields: Record<string, string> = {};
  // A Map, so a name such as `__proto__` is only a name.
  const lists = new Map<string, string[]>();
  const keep = (key: string, value: string) => {
    if (!(key in fields)) fields[key] = value;
    const list = lists.get(key);
    if (list) list.push(value);
    else lists.set(key, [value]);
  };
  const files: PostedFile[] = [];
  if (multipart) {
    let entries: [string, string | File][];
    try {
      const form = await new Response(body, { headers: { "content-type": type } }).formData();
      entries = [...(form as unknown as Iterable<[string, string | File]>)];
    } catch {
      return refuse("type");
    }
    for (const [key, value] of entries) {
      if (typeof value === "string") keep(key, value);
      else if (value.size > 0) {
        files.push({
          name: value.name,
          bytes: new Uint8Array(await value.arrayBuffer()),
          declaredType: value.type,
        });
      }
    }
  } else {
    for (const [key, value] of new URLSearchParams(new TextDecoder().decode(body)))
      keep(key, value);
  }
  const all: PostedLists = Object.fromEntries(lists);
  const cookie = getCookie(c, FORM_COOKIE) ?? "";
  if (!TOKEN.test(cookie) || !safeEqual(cookie, fields.form_token ?? "")) {
    return { ok: false, problem: "token", fields, all };
  }
  return { ok: true, fields, all, files };
}

/**
 * The request's body, or null once it passes `max` bytes: read chunk by chunk, so a body sent
 * without a Content-Length is never held whole past the limit.
 */
async function readCapped(request: Request, max: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size > max) {
      await request.body.cancel().catch(() => {});
      return null;
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** What a refused post tells the visitor, in plain words. */
export const FORM_PROBLEMS: Record<FormProblem | "rate" | "busy", string> = {
  "cross-site": "This form can only be sent from this help centre's own page.",
  token:
    "Your form had expired, so it was not sent. Everything you typed is still here: please send it again.",
  "too-large": "Your message is too long to send. Please shorten it and send it again.",
  type: "This form could not be read. Please send it again from the page.",
  rate: "You have sent several messages in a short time. Please wait a while before sending another; what you typed is still here.",
  busy: "We are receiving a great many messages right now. Please try again in a few minutes; what you typed is still here.",
};

/**
 * Counts one submission from `ip` to `tenantId` against the hourly limits. "rate" when this IP
 * sent too many, "busy" when the tenant receives too many; counted in memory if Redis is down.
 */
export async function limitSubmission(
  deps: TrpcDeps,
  tenantId: string,
  ip: string | null,
): Promise<"ok" | "rate" | "busy"> {
  const { contactPerIpPerHour, contactPerTenantPerHour } = deps.settings.rateLimits;
  const hour = { windowSeconds: 3600, onUnavailable: "local" } as const;
  if (ip) {
    const perIp = await deps.rateLimiter.consume(`ip:${ip}:hc-post`, {
      ...hour,
      limit: contactPerIpPerHour,
    });
    if (!perIp.allowed) return "rate";
  }
  const perTenant = await deps.rateLimiter.consume(`t:${tenantId}:hc-post`, {
    ...hour,
    limit: contactPerTenantPerHour,
  });
  return perTenant.allowed ? "ok" : "busy";
}
