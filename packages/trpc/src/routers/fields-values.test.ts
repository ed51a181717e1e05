// Custom field values on tickets: checked against their fields, merged, cleared, audited and
// announced; tickets found by them; what the help centre's contact form asks and accepts.
import { afterAll, describe, expect, test } from "bun:test";
import { and, desc, eq, outbox, sql } from "@supportdesk/database";
import { fields } from "@supportdesk/services";
import { codeOf, createTeam, createTestDeps } from "../testing";

const deps = await createTestDeps();
afterAll(() => deps.close());

type Refusal = { code?: string; message?: string; field?: string };
const errorOf = (promise: Promise<unknown>): Promise<Refusal> =>
  promise.then(
    () => {
      throw new Error("expected an error");
    },
    (error: Refusal) => ({ code: error.code, message: error.message, field: error.field }),
  );

/** The newest ticket event queued for a ticket, as the notification worker will read it. */
async function lastTicketEvent(ticketId: string) {
  const [row] = await deps.db.platform
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(
      and(eq(outbox.jobName, "ticket.event"), eq(sql`${outbox.payload}->>'ticketId'`, ticketId)),
    )
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(1);
  return row?.payload as Record<string, unknown> | undefined;
}

describe("values on a ticket", () => {
  test("set, merged, cleared with null; audited, announced, and the ticket's updated time moves", async () => {
    const { owner, join } = await createTeam(deps, "Values Co");
    const plan = await owner.here.fields.create({
      label: "Plan",
      type: "select",
      options: ["Free", "Pro"],
    });
    const seats = await owner.here.fields.create({ label: "Seats", type: "number" });
    const tools = await owner.here.fields.create({
      label: "Tools",
      type: "multiselect",
      options: ["Mail", "Chat"],
    });
    const member = await join("member");
    const ticket = await owner.here.tickets.create({ subject: "Upgrade", body: "x" });
    const first = await member.here.fields.setValues({
      ticketId: ticket.id,
      values: { [plan.id]: "Pro", [seats.id]: 12 },
    });
    expect(first.customFields).toEqual({ [plan.id]: "Pro", [seats.id]: 12 });
    expect(first.updatedAt.getTime()).toBeGreaterThan(new Date(ticket.updatedAt).getTime());
    const second = await member.here.fields.setValues({
      ticketId: ticket.id,
      values: { [seats.id]: null, [tools.id]: ["Chat", "Mail"] },
    });
    expect(second.customFields).toEqual({ [plan.id]: "Pro", [tools.id]: ["Mail", "Chat"] });
    expect((await member.here.tickets.get({ id: ticket.id })).customFields).toEqual(
      second.customFields,
    );
    expect(await lastTicketEvent(ticket.id)).toMatchObject({
      kind: "updated",
      actorUserId: member.userId,
      changes: { customFields: { [seats.id]: null, [tools.id]: ["Mail", "Chat"] } },
    });
    const [row] = (await owner.here.audit.list()).data;
    expect(row).toMatchObject({
      action: "ticket.update",
      actorUserId: member.userId,
      targetId: ticket.id,
      metadata: { changes: { customFields: { [seats.id]: null } } },
    });
    // Nothing changes: no new audit row or event.
    const rows = (await owner.here.audit.list()).data.length;
    await member.here.fields.setValues({ ticketId: ticket.id, values: { [plan.id]: "Pro" } });
    expect((await owner.here.audit.list()).data.length).toBe(rows);
  });

  test("bad values are refused naming the field's label, and nothing is applied", async () => {
    const { owner } = await createTeam(deps, "Bad Values Co");
    const plan = await owner.here.fields.create({
      label: "Plan",
      type: "select",
      options: ["Free", "Pro"],
      required: true,
    });
    const renewal = await owner.here.fields.create({ label: "Renewal", type: "date" });
    const ticket = await owner.here.tickets.create({ subject: "Renew", body: "x" });
    await owner.here.fields.setValues({ ticketId: ticket.id, values: { [plan.id]: "Free" } });
    expect(
      await errorOf(
        owner.here.fields.setValues({
          ticketId: ticket.id,
          values: { [plan.id]: "Pro", [renewal.id]: "2023-02-30" },
        }),
      ),
    ).toEqual({
      code: "BAD_REQUEST",
      message: `"Renewal" must be a date written YYYY-MM-DD.`,
      field: `fields.${renewal.id}`,
    });
    expect(
      await errorOf(
        owner.here.fields.setValues({ ticketId: ticket.id, values: { [plan.id]: null } }),
      ),
    ).toEqual({ code: "BAD_REQUEST", message: `"Plan" is required.`, field: `fields.${plan.id}` });
    expect(
      await errorOf(owner.here.fields.setValues({ ticketId: ticket.id, values: { [plan.id]: 1 } })),
    ).toMatchObject({ message: `"Plan" must be one of: Free, Pro.` });
    expect((await owner.here.tickets.get({ id: ticket.id })).customFields).toEqual({
      [plan.id]: "Free",
    });
  });

  test("a viewer cannot set values; an unknown ticket is NOT_FOUND", async () => {
    const { owner, join } = await createTeam(deps, "Viewer Values Co");
    const plan = await owner.here.fields.create({ label: "Plan", type: "text" });
    const ticket = await owner.here.tickets.create({ subject: "Look only", body: "x" });
    const viewer = await join("viewer");
    const refused = await errorOf(
      viewer.here.fields.setValues({ ticketId: ticket.id, values: { [plan.id]: "Pro" } }),
    );
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toContain("ticket.update");
    expect((await viewer.here.fields.list()).map((f) => f.label)).toEqual(["Plan"]);
    expect(
      await codeOf(
        owner.here.fields.setValues({
          ticketId: crypto.randomUUID(),
          values: { [plan.id]: "Pro" },
        }),
      ),
    ).toBe("NOT_FOUND");
  });
});

describe("finding tickets by their fields", () => {
  test("the inbox filters by a field's value, and words in a text field find the ticket", async () => {
    const { owner } = await createTeam(deps, "Find Co");
    const plan = await owner.here.fields.create({
      label: "Plan",
      type: "select",
      options: ["Free", "Pro"],
    });
    const note = await owner.here.fields.create({ label: "Account note", type: "text" });
    const tools = await owner.here.fields.create({
      label: "Tools",
      type: "multiselect",
      options: ["Mail", "Chat", "Phone"],
    });
    const pro = await owner.here.tickets.create({ subject: "Invoice question", body: "x" });
    const free = await owner.here.tickets.create({ subject: "Invoice question", body: "y" });
    await owner.here.fields.setValues({
      ticketId: pro.id,
      values: {
        [plan.id]: "Pro",
        [note.id]: "Migrating from Zendoodle next quarter",
        [tools.id]: ["Mail", "Phone"],
      },
    });
    await owner.here.fields.setValues({ ticketId: free.id, values: { [plan.id]: "Free" } });
    const ids = async (filters: Parameters<typeof owner.here.tickets.list>[0]) =>
      (await owner.here.tickets.list(filters)).data.map((t) => t.id);
    expect(await ids({ perPage: 25, fields: { [plan.id]: "Pro" } })).toEqual([pro.id]);
    expect(await ids({ perPage: 25, fields: { [plan.id]: "Free" } })).toEqual([free.id]);
    expect(await ids({ perPage: 25, fields: { [tools.id]: ["Phone"] } })).toEqual([pro.id]);
    expect(await ids({ perPage: 25, q: "zendoodle" })).toEqual([pro.id]);
    expect(await ids({ perPage: 25, q: "invoice zendood" })).toEqual([pro.id]);
    // Cleared, the ticket is no longer found by it.
    await owner.here.fields.setValues({ ticketId: pro.id, values: { [note.id]: null } });
    expect(await ids({ perPage: 25, q: "zendoodle" })).toEqual([]);
  });
});

describe("the help centre's contact form", () => {
  test("asks the active fields marked for it, in order, and requires the required ones", async () => {
    const { owner, tenant } = await createTeam(deps, "Contact Fields Co");
    const plan = await owner.here.fields.create({
      label: "Plan",
      type: "select",
      options: ["Free", "Pro"],
      required: true,
      onContactForm: true,
    });
    const order = await owner.here.fields.create({
      label: "Order number",
      type: "text",
      onContactForm: true,
    });
    const internal = await owner.here.fields.create({ label: "Churn risk", type: "checkbox" });
    const gone = await owner.here.fields.create({
      label: "Old",
      type: "text",
      onContactForm: true,
    });
    await owner.here.fields.archive({ id: gone.id });
    const asked = await deps.db.withTenant(tenant.id, (tx) => fields.contactFormFields(tx));
    expect(asked.map((f) => f.label)).toEqual(["Plan", "Order number"]);
    const check = (values: Record<string, unknown>) =>
      deps.db.withTenant(tenant.id, (tx) => fields.checkContactFormValues(tx, values));
    expect(await check({ [plan.id]: "Pro", [order.id]: "  " })).toEqual({ [plan.id]: "Pro" });
    expect(await errorOf(check({ [order.id]: "A-1" }))).toMatchObject({
      code: "BAD_REQUEST",
      message: `"Plan" is required.`,
      field: `fields.${plan.id}`,
    });
    // A field agents keep to themselves cannot be set from outside.
    expect(await errorOf(check({ [plan.id]: "Pro", [internal.id]: true }))).toMatchObject({
      code: "BAD_REQUEST",
      field: `fields.${internal.id}`,
    });
  });
});
