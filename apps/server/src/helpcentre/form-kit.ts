// What the contact-form and customer-view tests share: a browser's round trip over real HTTP (GET a
// page, keep its form token and cookie, POST them back), a server with small contact limits, and
// the email jobs a ticket queued, read from the outbox as the worker opens them.
import { and, asc, eq, outbox, sql, tickets } from "@supportdesk/database";
import { jobsByName, openPayload } from "@supportdesk/queue";
import type { TrpcDeps } from "@supportdesk/trpc";
import { createTestDeps } from "@supportdesk/trpc/testing";
import { createApp } from "../app";
import type { Fixture } from "./test-kit";

/** A page as a visitor got it, with the form token and the cookie a browser would keep. */
export type FormPage = {
  status: number;
  headers: Headers;
  body: string;
  /** The hidden form_token field's value ("" when the page has none). */
  token: string;
  /** The sd_hc_form cookie the response set ("" when it set none). */
  cookie: string;
  setCookie: string;
};

export type Reply = { status: number; headers: Headers; body: string };

type Init = {
  host?: string | undefined;
  /** The client's address (X-Forwarded-For; seen only by a server that trusts its proxy). */
  ip?: string | undefined;
  headers?: Record<string, string> | undefined;
};

/** A random address for one test, so hourly per-IP counts in the shared Redis never collide. */
export const freshIp = () => {
  const [a = 0, b = 0, c = 0] = crypto.getRandomValues(new Uint8Array(3));
  return `10.${a}.${b}.${c}`;
};

const headersOf = (init: Init) => ({
  ...init.headers,
  ...(init.host ? { host: init.host } : {}),
  ...(init.ip ? { "x-forwarded-for": init.ip } : {}),
});

/** The value of `<input name="…" value="…">` in a page, as a browser would read it back. */
export function inputValue(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*\\sname="${name}"[^>]*>`).exec(html)?.[0];
  const value = tag && /\svalue="([^"]*)"/.exec(tag)?.[1];
  return value ? unescapeHtml(value) : value === "" ? "" : undefined;
}

/** The text inside `<textarea id="…">…</textarea>`, unescaped. */
export function textareaValue(html: string, id: string): string | undefined {
  const inner = new RegExp(`<textarea id="${id}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html)?.[1];
  return inner === undefined ? undefined : unescapeHtml(inner);
}

function unescapeHtml(text: string): string {
  return text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");
}

/** GETs and POSTs against one server's address, as a browser without JavaScript does. */
export function formClient(address: string) {
  const read = async (res: Response): Promise<Reply> => ({
    status: res.status,
    headers: res.headers,
    body: await res.text(),
  });
  const get = async (path: string, init: Init = {}): Promise<Reply> =>
    read(await fetch(`${address}${path}`, { headers: headersOf(init), redirect: "manual" }));
  return {
    get,
    /** GET a page with a form: its body, and the token and cookie to post it back with. */
    async open(path: string, init: Init = {}): Promise<FormPage> {
      const page = await get(path, init);
      const setCookie = page.headers.get("set-cookie") ?? "";
      return {
        ...page,
        token: inputValue(page.body, "form_token") ?? "",
        cookie: /sd_hc_form=([^;]*)/.exec(setCookie)?.[1] ?? "",
        setCookie,
      };
    },
    /**
     * POSTs `fields` urlencoded; with `form`, its token goes in form_token (unless `fields` names
     * one) and its cookie in the Cookie header. Redirects are returned, not followed.
     */
    async post(
      path: string,
      fields: Record<string, string>,
      init: Init & { form?: Pick<FormPage, "token" | "cookie"> | undefined } = {},
    ): Promise<Reply> {
      const { form } = init;
      const body = new URLSearchParams({ ...(form ? { form_token: form.token } : {}), ...fields });
      const res = await fetch(`${address}${path}`, {
        method: "POST",
        body: body.toString(),
        redirect: "manual",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          ...(form?.cookie ? { cookie: `sd_hc_form=${form.cookie}` } : {}),
          ...headersOf(init),
        },
      });
      return read(res);
    },
    /** The same post sent in chunks, with no Content-Length for the server to trust. */
    async postChunked(
      path: string,
      fields: Record<string, string>,
      form: FormPage,
    ): Promise<Reply> {
      const body = new URLSearchParams({ form_token: form.token, ...fields }).toString();
      const bytes = new TextEncoder().encode(body);
      const stream = new ReadableStream({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 16_384) {
            controller.enqueue(bytes.slice(at, at + 16_384));
          }
          controller.close();
        },
      });
      const res = await fetch(`${address}${path}`, {
        method: "POST",
        body: stream,
        duplex: "half",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          cookie: `sd_hc_form=${form.cookie}`,
        },
      });
      return read(res);
    },
  };
}

/**
 * A server of its own with the given contact limits, taking the client's address from
 * X-Forwarded-For (as behind the one trusted proxy).
 */
export async function startLimited(limits: { perIp: number; perTenant: number }) {
  const many = 100_000;
  const deps = await createTestDeps({
    rateLimits: {
      free: many,
      pro: many,
      enterprise: many,
      auth: many,
      loginFailuresPerMinute: many,
      loginFailuresPerEmailPerHour: many,
      public: many,
      contactPerIpPerHour: limits.perIp,
      contactPerTenantPerHour: limits.perTenant,
    },
  });
  const server = Bun.serve({
    port: 0,
    fetch: createApp({ deps, corsOrigins: [], trustProxy: true }).fetch,
  });
  const address = `http://127.0.0.1:${server.port}`;
  return {
    deps,
    address,
    ...formClient(address),
    async stop() {
      server.stop(true);
      await deps.close();
    },
  };
}

/**
 * Gives the tenant two inquiry types through the owner's API: "Billing" (high priority, tagged
 * billing and vip, to a member who joins now) and "Something else" (no routing).
 */
export async function withInquiryTypes(fixture: Fixture) {
  const agentId = (await fixture.join("member")).userId;
  const saved = await fixture.owner.here.helpCentre.settings.update({
    inquiryTypes: [
      {
        name: "Billing",
        description: "Invoices and refunds",
        priority: "high",
        tags: ["billing", "vip"],
        assigneeId: agentId,
      },
      { name: "Something else" },
    ],
  });
  const billing = saved.inquiryTypes[0];
  if (!billing) throw new Error("the inquiry types were not saved");
  return { agentId, billing };
}

/** The contact form's suggestions for `q` (JSON, never cached); `first` as the script sends it. */
export async function suggestions(
  client: ReturnType<typeof formClient>,
  contactPath: string,
  q: string,
  first = false,
) {
  const res = await client.get(
    `${contactPath}/suggest?q=${encodeURIComponent(q)}${first ? "&first=1" : ""}`,
  );
  if (res.headers.get("content-type") !== "application/json") throw new Error("not JSON");
  if (res.headers.get("cache-control") !== "no-store") throw new Error("suggestions cached");
  return (JSON.parse(res.body) as { articles: { title: string; url: string }[] }).articles;
}

/** The tenant's ticket with this subject (subjects are unique per test), as an agent sees it. */
export async function ticketWithSubject(fixture: Fixture, subject: string) {
  const page = await fixture.owner.here.tickets.list({ q: subject, perPage: 25 });
  const hit = page.data.filter((t) => t.subject === subject);
  if (hit.length > 1) throw new Error(`more than one ticket is called ${subject}`);
  return hit[0] ? fixture.owner.here.tickets.get({ id: hit[0].id }) : undefined;
}

/** The inquiry type a ticket was filed under, as stored (agents' API does not show it). */
export async function inquiryTypeOf(deps: TrpcDeps, tenantId: string, ticketId: string) {
  const [row] = await deps.db.withTenant(tenantId, (tx) =>
    tx.select({ id: tickets.inquiryTypeId }).from(tickets).where(eq(tickets.id, ticketId)),
  );
  return row?.id;
}

/** Every `jobName` outbox job about `ticketId`, oldest first, sealed fields opened as the worker does. */
export async function jobsFor(deps: TrpcDeps, jobName: string, ticketId: string) {
  const rows = await deps.db.platform
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.jobName, jobName), eq(sql`${outbox.payload}->>'ticketId'`, ticketId)))
    .orderBy(asc(outbox.createdAt), asc(outbox.id));
  const job = jobsByName[jobName];
  if (!job) throw new Error(`no job definition named ${jobName}`);
  return rows.map((row) => ({
    raw: row.payload as Record<string, unknown>,
    opened: openPayload(job, row.payload as Record<string, unknown>) as Record<string, string>,
  }));
}

/** The link token the customer's newest email about the ticket carries. */
export async function latestLink(deps: TrpcDeps, ticketId: string): Promise<string> {
  const emails = [
    ...(await jobsFor(deps, "email.ticket-created", ticketId)),
    ...(await jobsFor(deps, "email.ticket-reply", ticketId)),
  ];
  // Created comes first; replies are in order after it.
  const token = emails.at(-1)?.opened.linkToken;
  if (!token) throw new Error(`no email with a link for ticket ${ticketId}`);
  return token;
}
