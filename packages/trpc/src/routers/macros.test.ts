// Canned replies end to end through the router: personal and shared ones and who sees them,
// inserting one into a reply (rendered for the ticket) and applying its actions once it is sent,
// names and input checks that name the field, other agents, API keys and other tenants.
import { afterAll, describe, expect, test } from "bun:test";
import { callerFor, codeOf, createTeam, createTestDeps } from "../testing";

const deps = await createTestDeps();
afterAll(() => deps.close());

type Refusal = { code?: string; message?: string; field?: string; path?: string };
const errorOf = (promise: Promise<unknown>): Promise<Refusal> =>
  promise.then(
    () => {
      throw new Error("expected an error");
    },
    (error: Refusal & { cause?: { issues?: { path: PropertyKey[] }[] } }) => ({
      code: error.code,
      message: error.message,
      field: error.field,
      // zod's refusals name the field by the issue's path.
      path: error.cause?.issues?.[0]?.path.join("."),
    }),
  );

describe("personal and shared canned replies", () => {
  test("an agent keeps their own, admins share; each sees the shared ones and their own", async () => {
    const { owner, join } = await createTeam(deps, "Macros Co");
    const agent = await join("member");
    const other = await join("member");
    const own = await agent.here.macros.create({ name: "My sign-off", body: "Cheers" });
    expect(own).toMatchObject({ shared: false, actions: {} });
    const shared = await owner.here.macros.create({
      name: "Welcome",
      body: "Hi {{customer.name}}",
      shared: true,
      actions: { addTags: ["Greeted"] },
    });
    expect(shared).toMatchObject({ shared: true, actions: { addTags: ["greeted"] } });
    const refused = await errorOf(
      agent.here.macros.create({ name: "Team one", body: "x", shared: true }),
    );
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toContain("macro.manage");

    expect((await agent.here.macros.list()).map((m) => [m.name, m.shared])).toEqual([
      ["My sign-off", false],
      ["Welcome", true],
    ]);
    expect((await other.here.macros.list()).map((m) => m.name)).toEqual(["Welcome"]);
    for (const attempt of [
      () => other.here.macros.update({ id: own.id, body: "mine now" }),
      () => other.here.macros.delete({ id: own.id }),
      () => owner.here.macros.delete({ id: own.id }),
    ]) {
      expect(await codeOf(attempt())).toBe("NOT_FOUND");
    }
    expect(await codeOf(agent.here.macros.update({ id: shared.id, body: "x" }))).toBe("FORBIDDEN");
    expect(await agent.here.macros.delete({ id: own.id })).toEqual({ ok: true });
  });

  test("an API key uses the shared ones only and cannot keep its own", async () => {
    const { owner } = await createTeam(deps, "Key Macros Co");
    await owner.here.macros.create({ name: "Owner's own", body: "x" });
    await owner.here.macros.create({ name: "Shared", body: "y", shared: true });
    const key = await owner.here.apiKeys.create({ name: "Bot", role: "admin" });
    const asKey = callerFor(deps, { authorization: `Bearer ${key.key}` });
    expect((await asKey.macros.list()).map((m) => m.name)).toEqual(["Shared"]);
    expect(await errorOf(asKey.macros.create({ name: "Bot's", body: "z" }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "shared",
    });
    expect(await asKey.macros.create({ name: "Bot's", body: "z", shared: true })).toMatchObject({
      shared: true,
    });
  });
});

describe("using one in a reply", () => {
  test("it renders for the ticket, changes nothing until sent, then applies its actions", async () => {
    const { owner, join, tenant } = await createTeam(deps, "Reply Co");
    const agent = await join("member");
    const customer = await owner.here.customers.create({
      email: `grace-${crypto.randomUUID().slice(0, 8)}@example.com`,
      name: "Grace Hopper",
    });
    const ticket = await owner.here.tickets.create({
      subject: "Bug",
      body: "A moth",
      customerId: customer.id,
    });
    const macro = await owner.here.macros.create({
      name: "Fixed",
      shared: true,
      body: "Hi {{ customer.firstName }}, #{{ticket.number}} is fixed. — {{agent.name}}, {{tenant.name}} {{nope}}",
      actions: { status: "resolved", addTags: ["bug"], assignee: "me" },
    });
    const preview = await agent.here.macros.applyToTicket({
      macroId: macro.id,
      ticketId: ticket.id,
    });
    expect(preview).toMatchObject({
      applied: false,
      name: "Fixed",
      body: `Hi Grace, #${ticket.number} is fixed. — Test User, ${tenant.name} {{nope}}`,
      actions: { status: "resolved", addTags: ["bug"], assignee: "me" },
    });
    expect(await owner.here.tickets.get({ id: ticket.id })).toMatchObject({
      status: "open",
      tags: [],
      assigneeId: null,
    });
    // The web sends the reply, then applies the actions.
    await agent.here.tickets.addMessage({ ticketId: ticket.id, body: preview.body });
    const applied = await agent.here.macros.applyToTicket({
      macroId: macro.id,
      ticketId: ticket.id,
      applyActions: true,
    });
    expect(applied.ticket).toMatchObject({
      status: "resolved",
      tags: ["bug"],
      assigneeId: agent.userId,
    });
    const [first] = await agent.here.macros.list();
    expect(first).toMatchObject({ id: macro.id, usageCount: 1 });
    const audit = await owner.here.audit.list({ limit: 20 });
    expect(audit.data.map((row) => row.action)).toContain("macro.apply");
  });

  test("another tenant's canned reply or ticket is not found", async () => {
    const a = await createTeam(deps, "Apply A Co");
    const b = await createTeam(deps, "Apply B Co");
    const macroA = await a.owner.here.macros.create({ name: "A's", body: "a", shared: true });
    const ticketB = await b.owner.here.tickets.create({ subject: "B", body: "b" });
    const macroB = await b.owner.here.macros.create({ name: "B's", body: "b", shared: true });
    const ticketA = await a.owner.here.tickets.create({ subject: "A", body: "a" });
    expect(
      await codeOf(b.owner.here.macros.applyToTicket({ macroId: macroA.id, ticketId: ticketB.id })),
    ).toBe("NOT_FOUND");
    expect(
      await codeOf(b.owner.here.macros.applyToTicket({ macroId: macroB.id, ticketId: ticketA.id })),
    ).toBe("NOT_FOUND");
    expect(await codeOf(b.owner.here.macros.update({ id: macroA.id, name: "Stolen" }))).toBe(
      "NOT_FOUND",
    );
  });
});

describe("names and input", () => {
  test("a duplicate name (any case) is a CONFLICT on name; bad input names its field", async () => {
    const { owner } = await createTeam(deps, "Names Macros Co");
    await owner.here.macros.create({ name: "Refund", body: "a" });
    expect(await errorOf(owner.here.macros.create({ name: "REFUND", body: "b" }))).toMatchObject({
      code: "CONFLICT",
      field: "name",
    });
    const cases: [() => Promise<unknown>, string][] = [
      [() => owner.here.macros.create({ name: " ", body: "" }), "name"],
      [() => owner.here.macros.create({ name: "x".repeat(101), body: "" }), "name"],
      [() => owner.here.macros.create({ name: "Long", body: "x".repeat(20_001) }), "body"],
      [
        () => owner.here.macros.create({ name: "Who", body: "", actions: { assignee: "someone" } }),
        "actions.assignee",
      ],
      [
        () =>
          owner.here.macros.create({
            name: "Nobody",
            body: "",
            actions: { assignee: crypto.randomUUID() },
          }),
        "actions.assignee",
      ],
    ];
    for (const [attempt, field] of cases) {
      const refusal = await errorOf(attempt());
      expect({ field, code: refusal.code, named: refusal.field ?? refusal.path }).toEqual({
        field,
        code: "BAD_REQUEST",
        named: field,
      });
    }
  });
});
