// The help centre's contact form over real HTTP on the test PostgreSQL and Redis: the page, a
// submission filed as a routed ticket with its emails queued, refusals that keep what was typed,
// what a bot or another site gets, rate limits, escaping, and the article suggestions' counts.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { testEmail } from "@supportdesk/trpc/testing";
import { contactScript } from "./assets";
import {
  formClient,
  freshIp,
  inputValue,
  inquiryTypeOf,
  jobsFor,
  startLimited,
  suggestions,
  textareaValue,
  ticketWithSubject,
  withInquiryTypes,
} from "./form-kit";
import { type Fixture, startHelpCentre } from "./test-kit";

const kit = await startHelpCentre();
const web = formClient(kit.address);
const limited = await startLimited({ perIp: 2, perTenant: 4 });

let acme: Fixture;
let billing: { id: string };
let agentId: string;

beforeAll(async () => {
  acme = await kit.setUp("Acme");
  ({ agentId, billing } = await withInquiryTypes(acme));
});
afterAll(async () => {
  await limited.stop();
  await kit.stop();
});

const contact = () => `/hc/${acme.slug}/contact`;
const unique = (words: string) => `${words} ${crypto.randomUUID().slice(0, 8)}`;
const valid = (fields: Record<string, string> = {}) => ({
  name: "Dana Scully",
  email: testEmail("dana"),
  inquiryTypeId: billing.id,
  subject: unique("Charged twice"),
  message: "I was charged twice\nfor March.",
  ...fields,
});
const OK = { status: 303 };

describe("the contact page", () => {
  test("renders labelled fields, the inquiry types, a form token and a private cookie", async () => {
    const page = await web.open(contact());
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.headers.get("x-robots-tag")).toBe("noindex");
    const labels = {
      name: "Your name",
      email: "Your email address",
      inquiryTypeId: "What is it about?",
      subject: "Subject",
      message: "How can we help?",
    };
    for (const [field, label] of Object.entries(labels)) {
      expect(page.body).toContain(`<label for="${field}">${label}</label>`);
    }
    expect(page.body).toContain('<select id="inquiryTypeId" name="inquiryTypeId" required>');
    expect(page.body).toContain(`<option value="${billing.id}">Billing — Invoices and refunds`);
    expect(page.body).toContain(">Something else</option>");
    expect(page.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(page.cookie).toBe(page.token);
    expect(page.setCookie).toBe(
      `sd_hc_form=${page.token}; Max-Age=86400; Path=/hc/${acme.slug}; HttpOnly; SameSite=Strict`,
    );
    // The honeypot: hidden from people and screen readers, out of the tab order.
    expect(page.body).toMatch(
      /<div class="hp" aria-hidden="true">[\s\S]*<input id="website" name="website" type="text" tabindex="-1"/,
    );
    expect(page.body).toContain(`<script src="${contactScript.path}" defer></script>`);
    const script = await web.get(contactScript.path);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script.body).toContain("form.contact-form");
    // A visitor who comes back keeps their token: no new cookie.
    const again = await web.get(contact(), { headers: { cookie: `sd_hc_form=${page.cookie}` } });
    expect(again.headers.get("set-cookie")).toBeNull();
    expect(inputValue(again.body, "form_token")).toBe(page.token);
  });
});

describe("a submission", () => {
  test("files a ticket routed by its inquiry type, with the customer's emails queued", async () => {
    const form = await web.open(contact());
    const fields = valid();
    const res = await web.post(contact(), fields, { form });
    expect(res).toMatchObject(OK);
    expect(res.headers.get("location")).toBe(`${contact()}/sent`);
    expect((await web.get(`${contact()}/sent`)).body).toContain("your request was sent");

    const ticket = await ticketWithSubject(acme, fields.subject);
    expect(ticket).toMatchObject({
      channel: "helpcentre",
      status: "open",
      priority: "high",
      tags: ["billing", "vip"],
      assigneeId: agentId,
    });
    if (!ticket?.customerId) throw new Error("no customer");
    expect(ticket.messages).toHaveLength(1);
    expect(ticket.messages[0]).toMatchObject({
      authorType: "customer",
      authorName: "Dana Scully",
      isInternal: false,
      body: fields.message,
    });
    expect(await inquiryTypeOf(kit.deps, acme.tenant.id, ticket.id)).toBe(billing.id);
    const customer = await acme.owner.here.customers.get({ id: ticket.customerId });
    expect(customer).toMatchObject({ email: fields.email, name: "Dana Scully" });

    const [ack, ...more] = await jobsFor(kit.deps, "email.ticket-created", ticket.id);
    expect(more).toHaveLength(0);
    const link = ack?.opened.linkToken ?? "";
    expect(link).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // At rest the link is sealed; opened, it is the customer's way into the ticket.
    expect(String(ack?.raw.linkToken)).toStartWith("sealed.v1.");
    expect(JSON.stringify(ack?.raw)).not.toContain(link);
    expect((await web.get(`/hc/${acme.slug}/tickets/${link}`)).status).toBe(200);
    const events = await jobsFor(kit.deps, "ticket.event", ticket.id);
    expect(events.map((e) => e.opened)).toEqual([
      expect.objectContaining({ kind: "created", actorUserId: null }),
    ]);
  });

  test("an address already known in another case is that customer, not a new one", async () => {
    const known = await acme.owner.here.customers.create({
      email: `Fox.Mulder.${crypto.randomUUID().slice(0, 6)}@Example.TEST`,
      name: "Fox Mulder",
    });
    const fields = valid({ email: known.email.toLowerCase(), name: "Fox" });
    expect(await web.post(contact(), fields, { form: await web.open(contact()) })).toMatchObject(
      OK,
    );
    expect((await ticketWithSubject(acme, fields.subject))?.customerId).toBe(known.id);
    const found = await acme.owner.here.customers.list({
      q: known.email.toLowerCase(),
      perPage: 5,
    });
    expect(found.data.map((c) => c.id)).toEqual([known.id]);
  });

  test("wrong fields are each named beside the field, and everything typed stays", async () => {
    const form = await web.open(contact());
    const long = `Line one of my story\n${"x".repeat(10_000)}`;
    const typed = {
      name: "",
      email: "dana@",
      inquiryTypeId: "",
      subject: unique("Refund"),
      message: long,
    };
    const res = await web.post(contact(), typed, { form });
    expect(res.status).toBe(400);
    expect(res.body).toContain(`<title>Error: Contact us – ${acme.tenant.name}</title>`);
    expect(res.body).toContain('<div class="form-errors" role="alert"');
    for (const [field, message] of [
      ["name", "Your name is required."],
      ["email", "Enter an email address such as name@example.com."],
      ["inquiryTypeId", "Choose what your request is about."],
      ["message", "A message may be at most 10000 characters."],
    ]) {
      expect(res.body).toContain(`<p class="field-error" id="${field}-error">${message}</p>`);
      expect(res.body).toContain(`<li><a href="#${field}">${message}</a></li>`);
      expect(res.body).toMatch(
        new RegExp(`id="${field}"[^>]*aria-invalid="true" aria-describedby="${field}-error"`),
      );
    }
    expect(res.body).not.toContain('id="subject-error"');
    expect(inputValue(res.body, "email")).toBe("dana@");
    expect(inputValue(res.body, "subject")).toBe(typed.subject);
    expect(textareaValue(res.body, "message")).toBe(long);
    expect(await ticketWithSubject(acme, typed.subject)).toBeUndefined();

    // A chosen type stays chosen; one that is not the tenant's is refused.
    const chosen = await web.post(contact(), valid({ name: "" }), { form });
    expect(chosen.body).toContain(`<option value="${billing.id}" selected>`);
    const foreign = await web.post(contact(), valid({ inquiryTypeId: crypto.randomUUID() }), {
      form,
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toContain('id="inquiryTypeId-error">Choose what your request is about.');
  });

  test("control characters are refused, and a subject or name must be on one line", async () => {
    const form = await web.open(contact());
    const cases = [
      [{ name: "Dana\u0000" }, "Your name holds characters that cannot be sent."],
      [{ message: "Hello\u0007there" }, "A message holds characters that cannot be sent."],
      [{ subject: "Two\u001blines" }, "A subject holds characters that cannot be sent."],
      [{ subject: "Two\nlines" }, "The subject must be on one line."],
      [{ name: "Dana\r\nBcc: x@example.com" }, "Your name must be on one line."],
    ] as const;
    for (const [bad, message] of cases) {
      const fields = valid(bad);
      const res = await web.post(contact(), fields, { form });
      expect(res.status).toBe(400);
      expect(res.body).toContain(message);
      expect(await ticketWithSubject(acme, fields.subject)).toBeUndefined();
    }
  });

  test("markup typed into the form comes back as text, never as markup", async () => {
    const typed = {
      name: '"><script>alert(1)</script>',
      email: "not an email",
      subject: "<img src=x onerror=alert(2)>",
      message: "</textarea><script>alert(3)</script>",
    };
    const res = await web.post(contact(), valid(typed), { form: await web.open(contact()) });
    expect(res.status).toBe(400);
    expect(res.body).not.toContain("<script>alert");
    expect(res.body).not.toContain("<img src=x");
    expect(res.body.match(/<script/g)).toHaveLength(1); // contact.js only
    expect(res.body).toContain("&lt;/textarea&gt;&lt;script&gt;alert(3)&lt;/script&gt;");
    expect(inputValue(res.body, "name")).toBe(typed.name);
    expect(inputValue(res.body, "subject")).toBe(typed.subject);
    expect(textareaValue(res.body, "message")).toBe(typed.message);
  });
});

describe("refusals", () => {
  test("a missing or wrong form token: 403 with what was typed, nothing filed", async () => {
    const mine = await web.open(contact());
    const theirs = await web.open(contact());
    const fields = valid();
    for (const form of [
      { token: mine.token, cookie: "" },
      { token: theirs.token, cookie: mine.cookie },
      { token: "", cookie: mine.cookie },
    ]) {
      const res = await web.post(contact(), fields, { form });
      expect(res.status).toBe(403);
      expect(res.body).toContain("Your form had expired, so it was not sent.");
      expect(inputValue(res.body, "name")).toBe(fields.name);
      expect(inputValue(res.body, "email")).toBe(fields.email);
      expect(textareaValue(res.body, "message")).toBe(fields.message);
    }
    expect(await ticketWithSubject(acme, fields.subject)).toBeUndefined();
    // The refusal hands out a fresh token: sending the kept form again works.
    const refused = await web.post(contact(), fields);
    const cookie = /sd_hc_form=([^;]*)/.exec(refused.headers.get("set-cookie") ?? "")?.[1] ?? "";
    const token = inputValue(refused.body, "form_token") ?? "";
    expect(await web.post(contact(), fields, { form: { token, cookie } })).toMatchObject(OK);
    expect(await ticketWithSubject(acme, fields.subject)).toBeDefined();
  });

  test("a post from another site is refused and files nothing; this site's own passes", async () => {
    const form = await web.open(contact());
    const fields = valid({ message: "Sent from evil.example" });
    const foreign: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: `http://${acme.slug}.supportdesk.test` },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
    ];
    for (const headers of foreign) {
      const res = await web.post(contact(), fields, { form, headers });
      expect(res.status).toBe(403);
      expect(res.body).toContain("can only be sent from this help centre&#39;s own page.");
      // What another site put in the form is not shown on ours.
      expect(res.body).not.toContain("Sent from evil.example");
    }
    expect(await ticketWithSubject(acme, fields.subject)).toBeUndefined();
    const own = { origin: kit.address, "sec-fetch-site": "same-origin" };
    expect(await web.post(contact(), fields, { form, headers: own })).toMatchObject(OK);
  });

  test("a filled honeypot is told it was sent, and nothing is filed", async () => {
    const fields = valid({ website: "https://spam.example" });
    const res = await web.post(contact(), fields, { form: await web.open(contact()) });
    expect(res).toMatchObject(OK);
    expect(res.headers.get("location")).toBe(`${contact()}/sent`);
    expect(await ticketWithSubject(acme, fields.subject)).toBeUndefined();
  });

  test("a body over 64 KB is refused with 413, with or without a length", async () => {
    const form = await web.open(contact());
    const fields = valid({ message: "x".repeat(70_000) });
    const res = await web.post(contact(), fields, { form });
    expect(res.status).toBe(413);
    expect(res.body).toContain("Your message is too long to send.");
    const chunked = await web.postChunked(contact(), fields, form);
    expect(chunked.status).toBe(413);
    expect(await ticketWithSubject(acme, fields.subject)).toBeUndefined();
  });

  test("over the per-IP limit, then the tenant's: 429 with what was typed kept", async () => {
    const quota = await kit.setUp("Quota");
    const path = `/hc/${quota.slug}/contact`;
    const form = await limited.open(path);
    // Without inquiry types the form has no select and asks for none.
    expect(form.body).not.toContain('name="inquiryTypeId"');
    const send = (ip: string) => {
      const fields = valid({ inquiryTypeId: "" });
      return limited.post(path, fields, { form, ip }).then((res) => ({ res, fields }));
    };
    const [one, two] = [freshIp(), freshIp()];
    expect((await send(one)).res).toMatchObject(OK);
    expect((await send(one)).res).toMatchObject(OK);
    const third = await send(one);
    expect(third.res.status).toBe(429);
    expect(third.res.headers.get("retry-after")).toBe("600");
    expect(third.res.body).toContain("You have sent several messages in a short time.");
    expect(textareaValue(third.res.body, "message")).toBe(third.fields.message);
    expect(inputValue(third.res.body, "subject")).toBe(third.fields.subject);
    expect(await ticketWithSubject(quota, third.fields.subject)).toBeUndefined();
    // Another address may still write, until the tenant has had its four for the hour.
    expect((await send(two)).res).toMatchObject(OK);
    expect((await send(freshIp())).res).toMatchObject(OK);
    const busy = await send(freshIp());
    expect(busy.res.status).toBe(429);
    expect(busy.res.body).toContain("We are receiving a great many messages right now.");
    expect(textareaValue(busy.res.body, "message")).toBe(busy.fields.message);
    expect(await ticketWithSubject(quota, busy.fields.subject)).toBeUndefined();
  });
});

describe("suggested articles", () => {
  test("match published articles only, and count shown, clicked and sent anyway", async () => {
    const before = (await acme.owner.here.helpCentre.settings.get()).deflection;
    const suggest = (q: string, first = false) => suggestions(web, contact(), q, first);
    const url = `${contact()}/suggested/${acme.article.slug}`;
    expect(await suggest("change plan", true)).toContainEqual(
      expect.objectContaining({ title: "Change your Acme plan", url }),
    );
    expect(await suggest("change your plan")).toContainEqual(expect.objectContaining({ url }));
    expect(await suggest("zzqx nothing matches", true)).toEqual([]);
    expect(await suggest("pl", true)).toEqual([]);
    for (const q of ["Unreleased pricing secret", "Old retired policy"]) {
      expect(JSON.stringify(await suggest(q, true))).not.toMatch(/Unreleased|retired/);
    }
    const click = await web.get(url);
    expect(click.status).toBe(303);
    expect(click.headers.get("location")).toBe(`/hc/${acme.slug}/articles/${acme.article.slug}`);
    // A draft's or an unknown slug is the neutral 404, and counts nothing.
    for (const slug of [acme.draft.slug, "no-such-article"]) {
      expect((await web.get(`${contact()}/suggested/${slug}`)).status).toBe(404);
    }

    const form = await web.open(contact());
    // The flag survives a refusal, and the submission that follows counts once.
    const refused = await web.post(contact(), valid({ email: "", suggested: "1" }), { form });
    expect(inputValue(refused.body, "suggested")).toBe("1");
    expect(await web.post(contact(), valid({ suggested: "1" }), { form })).toMatchObject(OK);

    expect((await acme.owner.here.helpCentre.settings.get()).deflection).toEqual({
      shown: before.shown + 1,
      clicked: before.clicked + 1,
      submitted: before.submitted + 1,
      days: 30,
    });
  });
});

describe("on the tenant's own host", () => {
  test("the same form works at /contact", async () => {
    const host = acme.host;
    const form = await web.open("/contact", { host });
    expect(form.status).toBe(200);
    expect(form.setCookie).toContain("Path=/;");
    expect(form.body).toContain('action="/contact"');
    expect(form.body).toContain('data-suggest="/contact/suggest"');
    const fields = valid();
    const res = await web.post("/contact", fields, { form, host });
    expect(res).toMatchObject(OK);
    expect(res.headers.get("location")).toBe("/contact/sent");
    expect((await ticketWithSubject(acme, fields.subject))?.channel).toBe("helpcentre");
    const hits = await web.get("/contact/suggest?q=change+plan", { host });
    expect(JSON.parse(hits.body).articles[0]?.url).toBe(`/contact/suggested/${acme.article.slug}`);
  });
});
