// The contact form's custom fields over real HTTP: the fields a tenant marks for the form shown
// (labelled, hinted, in order; archived and agents-only ones not), wrong answers named beside their
// fields with everything entered kept and nothing filed, good answers stored on the ticket, another
// tenant's field ids ignored, and labels, hints, choices and answers escaped.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { testEmail } from "@supportdesk/trpc/testing";
import { type FormPage, formClient, inputValue, ticketWithSubject } from "./form-kit";
import { type Fixture, startHelpCentre } from "./test-kit";

const kit = await startHelpCentre();
const web = formClient(kit.address);

type Field = Awaited<ReturnType<Fixture["owner"]["here"]["fields"]["create"]>>;
let acme: Fixture;
let other: Fixture;
/** Acme's fields on the form, in their order. */
let f: Record<"order" | "seats" | "renewal" | "terms" | "plan" | "products", Field>;
let agentsOnly: Field;
let archived: Field;
let othersField: Field;

beforeAll(async () => {
  acme = await kit.setUp("Fieldful");
  other = await kit.setUp("Elsewhere");
  const create = acme.owner.here.fields.create;
  f = {
    order: await create({
      label: "Order number",
      description: "Printed at the top of your receipt.",
      type: "text",
      onContactForm: true,
    }),
    seats: await create({ label: "Seats", type: "number", required: true, onContactForm: true }),
    renewal: await create({ label: "Renewal date", type: "date", onContactForm: true }),
    terms: await create({
      label: "I agree to be contacted",
      type: "checkbox",
      required: true,
      onContactForm: true,
    }),
    plan: await create({
      label: "Plan",
      type: "select",
      options: ["Free", "Pro"],
      onContactForm: true,
    }),
    products: await create({
      label: "Products",
      description: "Tick all you use.",
      type: "multiselect",
      options: ["Mail", "Chat", "Phone"],
      onContactForm: true,
    }),
  };
  agentsOnly = await create({ label: "Churn risk", type: "checkbox" });
  archived = await create({ label: "Retired question", type: "text", onContactForm: true });
  await acme.owner.here.fields.archive({ id: archived.id });
  othersField = await other.owner.here.fields.create({
    label: "Elsewhere secret",
    type: "text",
    onContactForm: true,
  });
});
afterAll(() => kit.stop());

const contact = (fixture: Fixture = acme) => `/hc/${fixture.slug}/contact`;
const unique = (words: string) => `${words} ${crypto.randomUUID().slice(0, 8)}`;
const name = (field: Field) => `field.${field.id}`;
const base = () => ({
  name: "Dana Scully",
  email: testEmail("dana"),
  subject: unique("Seats"),
  message: "We need more seats.",
});
/** Answers every required field well. */
const good = () => ({ [name(f.seats)]: "12", [name(f.terms)]: "on" });

/** POSTs entries (a name may repeat, as a group of checkboxes sends it), urlencoded. */
async function send(
  entries: [string, string][],
  form: Pick<FormPage, "token" | "cookie">,
  path = contact(),
) {
  const res = await fetch(`${kit.address}${path}`, {
    method: "POST",
    body: new URLSearchParams([["form_token", form.token], ...entries]).toString(),
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(form.cookie ? { cookie: `sd_hc_form=${form.cookie}` } : {}),
    },
  });
  return { status: res.status, body: await res.text() };
}
const entriesOf = (fields: Record<string, string>): [string, string][] => Object.entries(fields);

/** The opening tag of the element with this id. */
const tag = (html: string, id: string) =>
  new RegExp(`<(?:input|select|fieldset)[^>]*\\sid="${id}"[^>]*>`).exec(html)?.[0] ?? "";
const ticked = (html: string, id: string) => / checked[ >]/.test(tag(html, id));

describe("the contact page", () => {
  test("shows the fields marked for it, labelled and hinted, in order; no others", async () => {
    const page = await web.open(contact());
    expect(page.status).toBe(200);
    const body = page.body;
    const order = `cf-${f.order.id}`;
    expect(body).toContain(
      `<label for="${order}">Order number <span class="muted">(optional)</span></label>`,
    );
    expect(body).toContain(
      `<p class="muted field-hint" id="${order}-hint">Printed at the top of your receipt.</p>`,
    );
    expect(tag(body, order)).toBe(
      `<input id="${order}" name="${name(f.order)}" type="text" maxlength="2000" value="" aria-describedby="${order}-hint">`,
    );
    // Required: no "(optional)", and the control says so.
    const seats = `cf-${f.seats.id}`;
    expect(body).toContain(`<label for="${seats}">Seats</label>`);
    expect(tag(body, seats)).toBe(
      `<input id="${seats}" name="${name(f.seats)}" type="text" inputmode="decimal" value="" required>`,
    );
    expect(tag(body, `cf-${f.renewal.id}`)).toContain('type="date"');
    expect(tag(body, `cf-${f.terms.id}`)).toContain('type="checkbox" value="on" required');
    expect(body).toContain(`<label for="cf-${f.terms.id}">I agree to be contacted</label>`);
    expect(body).toMatch(
      new RegExp(
        `<select id="cf-${f.plan.id}" name="${name(f.plan)}">\\s*<option value="">Choose one…</option>\\s*<option value="Free">Free</option>\\s*<option value="Pro">Pro</option>`,
      ),
    );
    const products = `cf-${f.products.id}`;
    expect(body).toContain(
      `<fieldset class="field choices" aria-describedby="${products}-hint">\n<legend>Products <span class="muted">(optional)</span></legend>`,
    );
    for (const [i, option] of ["Mail", "Chat", "Phone"].entries()) {
      const id = i === 0 ? products : `${products}-${i}`;
      expect(body).toContain(
        `<input id="${id}" name="${name(f.products)}" type="checkbox" value="${option}"> <label for="${id}">${option}</label>`,
      );
    }
    const positions = Object.values(f).map((field) => body.indexOf(`id="cf-${field.id}"`));
    expect(positions.every((at) => at > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const hidden of ["Churn risk", "Retired question", "Elsewhere secret"]) {
      expect(body).not.toContain(hidden);
    }
    expect(body).not.toContain(agentsOnly.id);
    expect(body).not.toContain(archived.id);
    // Strict CSP: still no inline style or script.
    expect(body).not.toMatch(/\sstyle=|\son[a-z]+=/);
    expect(body.match(/<script/g)).toHaveLength(1);
    // Another tenant's form asks its own fields only.
    const theirs = (await web.open(contact(other))).body;
    expect(theirs).toContain("Elsewhere secret");
    expect(theirs).not.toContain("Order number");
  });
});

describe("a submission", () => {
  test("wrong answers are each named beside their field, everything entered stays, nothing is filed", async () => {
    const form = await web.open(contact());
    const typed = base();
    const res = await send(
      [
        ...entriesOf(typed),
        [name(f.order), "A-17"],
        [name(f.seats), "abc"],
        [name(f.renewal), "2025-02-30"],
        [name(f.plan), "Gold"],
        [name(f.products), "Chat"],
        [name(f.products), "Fax"],
      ],
      form,
    );
    expect(res.status).toBe(400);
    expect(res.body).toContain(`<title>Error: Contact us – ${acme.tenant.name}</title>`);
    const problems: [Field, string][] = [
      [f.seats, '"Seats" must be a number.'],
      [f.renewal, '"Renewal date" must be a date written YYYY-MM-DD.'],
      [f.terms, '"I agree to be contacted" must be ticked.'],
      [f.plan, '"Plan" must be one of: Free, Pro.'],
      [f.products, '"Products" must only hold choices from: Mail, Chat, Phone.'],
    ];
    for (const [field, message] of problems) {
      const id = `cf-${field.id}`;
      const shown = message.replaceAll('"', "&quot;");
      expect(res.body).toContain(`<p class="field-error" id="${id}-error">${shown}</p>`);
      expect(res.body).toContain(`<li><a href="#${id}">${shown}</a></li>`);
      expect(tag(res.body, id)).toContain('aria-invalid="true"');
      if (field !== f.products) {
        expect(tag(res.body, id)).toMatch(new RegExp(`aria-describedby="${id}-error[" ]`));
      }
    }
    // The group of boxes is described by its problem and hint.
    expect(res.body).toContain(
      `<fieldset class="field has-error choices" aria-describedby="cf-${f.products.id}-error cf-${f.products.id}-hint">`,
    );
    expect(res.body).not.toContain(`id="cf-${f.order.id}-error"`);
    expect(tag(res.body, `cf-${f.order.id}`)).toBe(
      `<input id="cf-${f.order.id}" name="${name(f.order)}" type="text" maxlength="2000" value="A-17" aria-describedby="cf-${f.order.id}-hint">`,
    );
    expect(inputValue(res.body, name(f.seats))).toBe("abc");
    expect(inputValue(res.body, name(f.renewal))).toBe("2025-02-30");
    expect(ticked(res.body, `cf-${f.products.id}-1`)).toBe(true);
    expect(ticked(res.body, `cf-${f.products.id}`)).toBe(false);
    expect(inputValue(res.body, "subject")).toBe(typed.subject);
    expect(await ticketWithSubject(acme, typed.subject)).toBeUndefined();

    // A required field left empty is a problem too; a choice made stays chosen.
    const empty = await send(
      [...entriesOf(base()), [name(f.seats), ""], [name(f.terms), "on"], [name(f.plan), "Pro"]],
      form,
    );
    expect(empty.status).toBe(400);
    expect(empty.body).toContain(
      `<p class="field-error" id="cf-${f.seats.id}-error">&quot;Seats&quot; is required.</p>`,
    );
    expect(ticked(empty.body, `cf-${f.terms.id}`)).toBe(true);
    expect(empty.body).toContain('<option value="Pro" selected>Pro</option>');
  });

  test("good answers land on the ticket's custom fields; empty optional ones are left out", async () => {
    const fields = base();
    const res = await send(
      [
        ...entriesOf(fields),
        ...entriesOf(good()),
        [name(f.order), "  A-17  "],
        [name(f.renewal), "2025-03-01"],
        [name(f.plan), ""],
        [name(f.products), "Phone"],
        [name(f.products), "Mail"],
      ],
      await web.open(contact()),
    );
    expect(res.status).toBe(303);
    const ticket = await ticketWithSubject(acme, fields.subject);
    expect(ticket?.customFields).toEqual({
      [f.order.id]: "A-17",
      [f.seats.id]: 12,
      [f.renewal.id]: "2025-03-01",
      [f.terms.id]: true,
      [f.products.id]: ["Mail", "Phone"],
    });
  });

  test("another tenant's, an archived and an agents-only field's ids are ignored, revealing nothing", async () => {
    const fields = base();
    const res = await send(
      [
        ...entriesOf(fields),
        ...entriesOf(good()),
        [name(othersField), "planted"],
        [name(archived), "planted"],
        [name(agentsOnly), "on"],
        ["field.not-an-id", "planted"],
        ["field.__proto__", "planted"],
      ],
      await web.open(contact()),
    );
    expect(res.status).toBe(303);
    const ticket = await ticketWithSubject(acme, fields.subject);
    expect(ticket?.customFields).toEqual({ [f.seats.id]: 12, [f.terms.id]: true });
    // Refused for another reason, the page names none of them.
    const refused = await send(
      [...entriesOf({ ...base(), email: "" }), [name(othersField), "planted"]],
      await web.open(contact()),
    );
    expect(refused.status).toBe(400);
    expect(refused.body).not.toContain(othersField.id);
    expect(refused.body).not.toContain("planted");
  });

  test("an expired form keeps the answers too", async () => {
    const mine = await web.open(contact());
    const res = await send(
      [...entriesOf(base()), [name(f.order), "Kept-1"], [name(f.products), "Chat"]],
      { token: mine.token, cookie: "" },
    );
    expect(res.status).toBe(403);
    expect(inputValue(res.body, name(f.order))).toBe("Kept-1");
    expect(ticked(res.body, `cf-${f.products.id}-1`)).toBe(true);
  });
});

describe("escaping", () => {
  test("labels, hints, choices and answers are text, never markup", async () => {
    const hostile = await kit.setUp("Hostile");
    const create = hostile.owner.here.fields.create;
    const label = `<script>alert("label")</script>`;
    const text = await create({
      label,
      description: `<img src=x onerror=alert(1)>`,
      type: "text",
      required: true,
      onContactForm: true,
    });
    const pick = await create({
      label: "Pick",
      type: "select",
      options: [`"><script>alert(2)</script>`],
      onContactForm: true,
    });
    const page = await web.open(contact(hostile));
    expect(page.body).not.toContain("<script>alert");
    expect(page.body).not.toContain("<img src=x");
    expect(page.body).toContain("&lt;script&gt;alert(&quot;label&quot;)&lt;/script&gt;");
    const typed = `"><script>alert(3)</script>`;
    const res = await send(
      [...entriesOf({ ...base(), email: "nope" }), [name(text), typed], [name(pick), "x"]],
      page,
      contact(hostile),
    );
    expect(res.status).toBe(400);
    expect(res.body).not.toContain("<script>alert");
    expect(res.body.match(/<script/g)).toHaveLength(1);
    expect(inputValue(res.body, name(text))).toBe(typed);
  });
});
