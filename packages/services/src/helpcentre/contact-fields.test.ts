// The contact form's custom fields: each answer checked against its field with a problem per wrong
// one (required ones included), answers for fields not asked ignored, and a submission filed with
// its values, or refused, filing nothing, when a field changed after the form was checked.
import { afterAll, describe, expect, test } from "bun:test";
import { eq, tickets } from "@supportdesk/database";
import { createField, updateField } from "../fields/definitions";
import { failure, openDesks } from "../macros/test-desk";
import {
  type ContactFormField,
  type ContactFormSpec,
  checkAnswers,
  checkContact,
  contactForm,
  submitContact,
} from "./contact";

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const field = (n: number, extra: Partial<ContactFormField>): ContactFormField => ({
  id: id(n),
  label: `Field ${n}`,
  description: "",
  type: "text",
  options: [],
  required: false,
  ...extra,
});

const seats = field(1, { label: "Seats", type: "number", required: true });
const plan = field(2, { label: "Plan", type: "select", options: ["Free", "Pro"] });
const products = field(3, {
  label: "Products",
  type: "multiselect",
  options: ["Mail", "Chat", "Phone"],
});
const renewal = field(4, { label: "Renewal", type: "date" });
const terms = field(5, { label: "Terms", type: "checkbox", required: true });
const order = field(6, { label: "Order number", type: "text" });
const asked = [seats, plan, products, renewal, terms, order];

const base = {
  name: "Dana Scully",
  email: "dana@example.test",
  subject: "Charged twice",
  message: "For March.",
};

describe("checking the answers", () => {
  test("good answers become the ticket's values: parsed, in the field's order, empty ones left out", () => {
    const result = checkAnswers(asked, {
      [seats.id]: " 12 ",
      [plan.id]: "Pro",
      [products.id]: ["Phone", "Mail"],
      [renewal.id]: "2025-03-01",
      [terms.id]: "on",
      [order.id]: "  ",
    });
    expect(result).toEqual({
      problems: {},
      values: {
        [seats.id]: 12,
        [plan.id]: "Pro",
        [products.id]: ["Mail", "Phone"],
        [renewal.id]: "2025-03-01",
        [terms.id]: true,
      },
    });
  });

  test("every wrong answer is named at once, each under its own field", () => {
    const { problems, values } = checkAnswers(asked, {
      [seats.id]: "abc",
      [plan.id]: "Gold",
      [products.id]: ["Mail", "Fax"],
      [renewal.id]: "2025-02-30",
      [order.id]: "A-17",
    });
    expect(problems).toEqual({
      [`fields.${seats.id}`]: '"Seats" must be a number.',
      [`fields.${plan.id}`]: '"Plan" must be one of: Free, Pro.',
      [`fields.${products.id}`]: '"Products" must only hold choices from: Mail, Chat, Phone.',
      [`fields.${renewal.id}`]: '"Renewal" must be a date written YYYY-MM-DD.',
      [`fields.${terms.id}`]: '"Terms" must be ticked.',
    });
    expect(values).toEqual({ [order.id]: "A-17" });
  });

  test("a required field left empty is a problem; control characters in text are refused", () => {
    expect(checkAnswers([seats], { [seats.id]: "" }).problems).toEqual({
      [`fields.${seats.id}`]: '"Seats" is required.',
    });
    expect(checkAnswers([order], { [order.id]: "A\u0000B" }).problems).toEqual({
      [`fields.${order.id}`]: '"Order number" holds characters that cannot be sent.',
    });
  });

  test("checkContact joins the custom fields' problems to the form's, and ignores fields not asked", () => {
    const form: ContactFormSpec = { inquiryTypes: [], fields: [seats, order] };
    const refused = checkContact({ ...base, email: "" }, form, { [seats.id]: "x" });
    expect(refused).toEqual({
      ok: false,
      problems: {
        email: "Enter an email address such as name@example.com.",
        [`fields.${seats.id}`]: '"Seats" must be a number.',
      },
    });
    const accepted = checkContact(base, form, {
      [seats.id]: "3",
      [id(9)]: "not asked here",
    });
    expect(accepted).toEqual({ ok: true, value: { ...base, customFields: { [seats.id]: 3 } } });
  });
});

describe("filing", () => {
  const { db, desk } = openDesks();
  afterAll(() => db.close());
  const actor = { userId: null, apiKeyId: null, ip: null, userAgent: null };

  test("the values land on the ticket; a field taken off the form since the check refuses and files nothing", async () => {
    const { owner, tenant } = await desk("Contact Fields Desk");
    const tier = await owner.run((s) =>
      createField(s, { label: "Tier", type: "select", options: ["A", "B"], onContactForm: true }),
    );
    await owner.run((s) => createField(s, { label: "Internal", type: "text" }));
    const form = await db.withTenant(tenant.id, (tx) => contactForm(tx, tenant.id));
    expect(form.fields.map((f) => f.label)).toEqual(["Tier"]);

    const file = (subject: string, customFields: Record<string, string>) =>
      db.withTenant(tenant.id, (tx) =>
        submitContact(
          { tx, tenantId: tenant.id, actor },
          { ...base, email: "sam@example.test", subject, customFields },
        ),
      );
    const filed = await file("With a tier", { [tier.id]: "B" });
    const [row] = await db.withTenant(tenant.id, (tx) =>
      tx
        .select({ customFields: tickets.customFields })
        .from(tickets)
        .where(eq(tickets.id, filed.ticketId)),
    );
    expect(row?.customFields).toEqual({ [tier.id]: "B" });

    await owner.run((s) => updateField(s, { id: tier.id, onContactForm: false }));
    expect(await failure(file("Too late", { [tier.id]: "A" }))).toMatchObject({
      code: "BAD_REQUEST",
      field: `fields.${tier.id}`,
    });
    const late = await db.withTenant(tenant.id, (tx) =>
      tx.select({ id: tickets.id }).from(tickets).where(eq(tickets.subject, "Too late")),
    );
    expect(late).toEqual([]);
  });
});
