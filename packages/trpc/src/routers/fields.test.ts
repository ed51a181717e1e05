// Custom ticket fields: defining them (labels, choices, a type that never changes), archiving and
// restoring, who may, and another tenant's fields never applying. Values: fields-values.test.ts.
import { afterAll, describe, expect, test } from "bun:test";
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

describe("defining fields", () => {
  test("an admin defines fields of every type; agents see them in order", async () => {
    const { owner, join } = await createTeam(deps, "Fields Co");
    const plan = await owner.here.fields.create({
      label: " Plan ",
      type: "select",
      options: [" Free", "Pro "],
      required: true,
      onContactForm: true,
    });
    expect(plan).toMatchObject({
      label: "Plan",
      type: "select",
      options: ["Free", "Pro"],
      required: true,
      onContactForm: true,
      archivedAt: null,
    });
    const seats = await owner.here.fields.create({
      label: "Seats",
      type: "number",
      description: "How many agents they pay for",
    });
    const member = await join("member");
    const list = await member.here.fields.list();
    expect(list.map((f) => [f.label, f.position])).toEqual([
      ["Plan", 0],
      ["Seats", 1],
    ]);
    expect(list[1]).toMatchObject({ id: seats.id, description: "How many agents they pay for" });
    expect(await codeOf(member.here.fields.create({ label: "Mine", type: "text" }))).toBe(
      "FORBIDDEN",
    );
  });

  test("labels are unique per tenant whatever their case: CONFLICT naming label", async () => {
    const { owner } = await createTeam(deps, "Labels Co");
    await owner.here.fields.create({ label: "Plan", type: "text" });
    expect(await errorOf(owner.here.fields.create({ label: "PLAN", type: "date" }))).toMatchObject({
      code: "CONFLICT",
      field: "label",
    });
    const other = await owner.here.fields.create({ label: "Region", type: "text" });
    expect(await errorOf(owner.here.fields.update({ id: other.id, label: "plan" }))).toMatchObject({
      code: "CONFLICT",
      field: "label",
    });
    // Renaming a field to its own label in another case is fine; another tenant may use it too.
    expect(await owner.here.fields.update({ id: other.id, label: "REGION" })).toMatchObject({
      label: "REGION",
    });
    const elsewhere = await createTeam(deps, "Other Labels Co");
    await elsewhere.owner.here.fields.create({ label: "Plan", type: "text" });
  });

  test("choices: 1–100 distinct and non-empty for select types, none for the others", async () => {
    const { owner } = await createTeam(deps, "Options Co");
    const refusals = await Promise.all([
      errorOf(owner.here.fields.create({ label: "A", type: "select", options: [] })),
      errorOf(owner.here.fields.create({ label: "B", type: "select" })),
      errorOf(owner.here.fields.create({ label: "C", type: "multiselect", options: ["x", " x"] })),
      errorOf(owner.here.fields.create({ label: "D", type: "select", options: ["x", "  "] })),
      errorOf(owner.here.fields.create({ label: "E", type: "select", options: ["y".repeat(101)] })),
      errorOf(
        owner.here.fields.create({
          label: "F",
          type: "select",
          options: Array.from({ length: 101 }, (_, i) => `o${i}`),
        }),
      ),
      errorOf(owner.here.fields.create({ label: "G", type: "text", options: ["x"] })),
    ]);
    for (const refusal of refusals) {
      expect(refusal).toMatchObject({ code: "BAD_REQUEST", field: "options" });
    }
    expect(refusals[2]?.message).toBe(`options list "x" twice.`);
    expect(await owner.here.fields.list()).toEqual([]);
  });

  test("the type never changes; choices may be added and removed, and stored values stay", async () => {
    const { owner } = await createTeam(deps, "Types Co");
    const plan = await owner.here.fields.create({
      label: "Plan",
      type: "select",
      options: ["Free", "Pro"],
    });
    expect(await errorOf(owner.here.fields.update({ id: plan.id, type: "text" }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "type",
    });
    // Sending the same type along with other changes is fine.
    await owner.here.fields.update({ id: plan.id, type: "select", description: "Their plan" });
    const ticket = await owner.here.tickets.create({ subject: "Billing", body: "x" });
    await owner.here.fields.setValues({ ticketId: ticket.id, values: { [plan.id]: "Free" } });
    const edited = await owner.here.fields.update({
      id: plan.id,
      options: ["Pro", "Enterprise"],
      required: true,
    });
    expect(edited).toMatchObject({ options: ["Pro", "Enterprise"], required: true });
    expect((await owner.here.tickets.get({ id: ticket.id })).customFields).toEqual({
      [plan.id]: "Free",
    });
    expect(
      await errorOf(
        owner.here.fields.setValues({ ticketId: ticket.id, values: { [plan.id]: "Free" } }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", message: `"Plan" must be one of: Pro, Enterprise.` });
    expect(
      await errorOf(owner.here.fields.update({ id: plan.id, options: ["Pro", "pro", "Pro"] })),
    ).toMatchObject({ field: "options" });
    expect(await codeOf(owner.here.fields.update({ id: crypto.randomUUID(), label: "X" }))).toBe(
      "NOT_FOUND",
    );
  });

  test("an archived field is hidden, takes no values, keeps those it had, and can be restored", async () => {
    const { owner } = await createTeam(deps, "Archive Co");
    const region = await owner.here.fields.create({ label: "Region", type: "text" });
    const ticket = await owner.here.tickets.create({ subject: "Where", body: "x" });
    await owner.here.fields.setValues({ ticketId: ticket.id, values: { [region.id]: "EMEA" } });
    const archived = await owner.here.fields.archive({ id: region.id });
    expect(archived.archivedAt).not.toBeNull();
    expect(await owner.here.fields.list()).toEqual([]);
    expect((await owner.here.fields.list({ includeArchived: true })).map((f) => f.id)).toEqual([
      region.id,
    ]);
    expect(
      await errorOf(
        owner.here.fields.setValues({ ticketId: ticket.id, values: { [region.id]: "APAC" } }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", field: `fields.${region.id}` });
    expect((await owner.here.tickets.get({ id: ticket.id })).customFields).toEqual({
      [region.id]: "EMEA",
    });
    // Its label stays taken while archived.
    expect(
      await errorOf(owner.here.fields.create({ label: "region", type: "text" })),
    ).toMatchObject({ code: "CONFLICT", field: "label" });
    expect((await owner.here.fields.restore({ id: region.id })).archivedAt).toBeNull();
    expect((await owner.here.fields.list()).map((f) => f.id)).toEqual([region.id]);
    const trail = (await owner.here.audit.list()).data.map((a) => a.action);
    expect(trail).toContain("field.archive");
    expect(trail).toContain("field.restore");
  });
});

describe("tenants", () => {
  test("another tenant's field is not a field here; another tenant's ticket is not found", async () => {
    const a = await createTeam(deps, "Fields A Co");
    const b = await createTeam(deps, "Fields B Co");
    const aPlan = await a.owner.here.fields.create({
      label: "Plan",
      type: "select",
      options: ["Free", "Pro"],
    });
    const bTicket = await b.owner.here.tickets.create({ subject: "B's", body: "x" });
    const aTicket = await a.owner.here.tickets.create({ subject: "A's", body: "x" });
    const foreign = await errorOf(
      b.owner.here.fields.setValues({ ticketId: bTicket.id, values: { [aPlan.id]: "Pro" } }),
    );
    expect(foreign).toMatchObject({ code: "BAD_REQUEST", field: `fields.${aPlan.id}` });
    expect((await b.owner.here.tickets.get({ id: bTicket.id })).customFields).toEqual({});
    expect(
      await codeOf(
        b.owner.here.fields.setValues({ ticketId: aTicket.id, values: { [aPlan.id]: "Pro" } }),
      ),
    ).toBe("NOT_FOUND");
    for (const call of [
      () => b.owner.here.fields.update({ id: aPlan.id, label: "Stolen" }),
      () => b.owner.here.fields.archive({ id: aPlan.id }),
      () => b.owner.here.fields.restore({ id: aPlan.id }),
    ]) {
      expect(await codeOf(call())).toBe("NOT_FOUND");
    }
    expect(await b.owner.here.fields.list({ includeArchived: true })).toEqual([]);
    expect(await a.owner.here.fields.list()).toMatchObject([{ label: "Plan", archivedAt: null }]);
    expect((await a.owner.here.tickets.get({ id: aTicket.id })).customFields).toEqual({});
  });
});
