// One visitor's side of bench:helpcentre's contact-form part, as a browser does it: GET the form
// (its token, cookie and inquiry types), make a varied submission, POST it and read the answer.
import type { HcTenant } from "./helpcentre-data";
import { BODY_WORDS, TITLE_TOPICS } from "./helpcentre-words";

const BROWSER_UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
const FORM_COOKIE = "sd_hc_form";

export type Visit = { tenant: HcTenant; path: string; token: string; typeIds: string[] };

/** GET the form as a browser does: its hidden token, the matching cookie, the inquiry types. */
export async function openForm(url: string, tenant: HcTenant): Promise<Visit> {
  const path = `/hc/${tenant.slug}/contact`;
  const res = await fetch(`${url}${path}`, {
    headers: { "user-agent": BROWSER_UA },
    signal: AbortSignal.timeout(30_000),
  });
  const html = await res.text();
  if (res.status !== 200)
    throw new Error(`GET ${path} answered ${res.status}: ${html.slice(0, 200)}`);
  const token = /name="form_token" value="([^"]+)"/.exec(html)?.[1];
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.startsWith(`${FORM_COOKIE}=`));
  if (!token || cookie !== `${FORM_COOKIE}=${token}`) {
    throw new Error(`GET ${path} gave no form token with a matching ${FORM_COOKIE} cookie.`);
  }
  const select = /<select id="inquiryTypeId"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? "";
  const typeIds = [...select.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1] as string);
  return { tenant, path, token, typeIds };
}

/** What visitor `client`'s `n`th submission says: unique email, varied subject and message. */
export function fields(visit: Visit, runId: string, client: number, n: number): URLSearchParams {
  const topic = TITLE_TOPICS[(client * 7 + n) % TITLE_TOPICS.length] as string;
  const words = Array.from(
    { length: 40 + (n % 40) },
    (_, i) => BODY_WORDS[(client * 31 + n * 17 + i * i) % BODY_WORDS.length] as string,
  );
  const typeId = visit.typeIds.length ? visit.typeIds[n % visit.typeIds.length] : undefined;
  return new URLSearchParams({
    form_token: visit.token,
    suggested: "",
    name: `Bench Visitor ${client}-${n}`,
    email: `contact-${runId}-${client}-${n}@bench.invalid`,
    ...(typeId ? { inquiryTypeId: typeId } : {}),
    subject: `A question about ${topic}`,
    message: `Hello, ${words.join(" ")}.\n\nThank you.`,
    website: "",
  });
}

export type Outcome = { ok: true; ms: number } | { ok: false; status: string; detail: string };

export async function post(url: string, visit: Visit, body: URLSearchParams): Promise<Outcome> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${url}${visit.path}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: `${FORM_COOKIE}=${visit.token}`,
        origin: url,
        "sec-fetch-site": "same-origin",
        "user-agent": BROWSER_UA,
      },
      body,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    const took = performance.now() - t0;
    const location = res.headers.get("location") ?? "";
    if (res.status === 303 && location.endsWith(`/hc/${visit.tenant.slug}/contact/sent`)) {
      return { ok: true, ms: took };
    }
    const notice = /<div class="form-errors"[\s\S]*?<\/div>/.exec(text)?.[0] ?? text.slice(0, 200);
    return { ok: false, status: String(res.status), detail: `${res.status} ${location} ${notice}` };
  } catch (error) {
    return {
      ok: false,
      status: "error",
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}
