// Canned replies against the real database (app role): personal and shared ones and who may see
// or change them, unique names, and checks that name the field (applying: macros/apply.test.ts).
import { afterAll, describe, expect, test } from "bun:test";
import { teams } from "@supportdesk/database";
import { builtInGrant } from "./context";
import * as macros from "./macros";
import { create, failure, list, openDesks } from "./macros/test-desk";
import * as tickets from "./tickets";

const { db, desk } = openDesks();
afterAll(() => db.close());

describe("personal and shared", () => {
  test("an agent keeps their own; shared ones need macro.manage; each sees shared + their own", async () => {
    const { owner, join } = await desk();
    const admin = await join("admin", "Ann Admin");
    const agent = await join("member", "Sam Agent");
    const other = await join("member", "Oz Other");
    const mine = await create(agent, { name: "My thanks", body: "Thanks!" });
    expect(mine).toMatchObject({ name: "My thanks", shared: false, usageCount: 0, actions: {} });
    const refused = await failure(create(agent, { name: "Team", body: "x", shared: true }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toContain("macro.manage");
    const team = await create(admin, { name: "Apology", body: "Sorry", shared: true });
    expect(team.shared).toBe(true);
    await create(owner, { name: "zebra", body: "", shared: true });

    expect((await list(agent)).map((m) => [m.name, m.shared])).toEqual([
      ["Apology", true],
      ["My thanks", false],
      ["zebra", true],
    ]);
    expect((await list(other)).map((m) => m.name)).toEqual(["Apology", "zebra"]);
  });

  test("another agent can neither see nor change my own canned reply (NOT_FOUND)", async () => {
    const { join, owner } = await desk();
    const agent = await join("member", "Sam Agent");
    const other = await join("member", "Oz Other");
    const mine = await create(agent, { name: "Mine", body: "secret" });
    const ticket = await owner.run((s) =>
      tickets.createTicket(s, { subject: "Hi", body: "Hello" }),
    );
    const attempts = [
      () => other.run((s) => macros.updateMacro(s, { id: mine.id, body: "stolen" })),
      () => other.run((s) => macros.deleteMacro(s, { id: mine.id })),
      () => other.run((s) => macros.applyMacro(s, { macroId: mine.id, ticketId: ticket.id })),
      // Not even the owner of the tenant.
      () => owner.run((s) => macros.updateMacro(s, { id: mine.id, shared: true })),
    ];
    for (const attempt of attempts) expect((await failure(attempt())).code).toBe("NOT_FOUND");
    expect((await list(agent))[0]).toMatchObject({ id: mine.id, body: "secret" });
  });

  test("editing or deleting a shared one needs macro.manage; sharing moves it to the tenant", async () => {
    const { join } = await desk();
    const admin = await join("admin", "Ann Admin");
    const agent = await join("member", "Sam Agent");
    const team = await create(admin, { name: "Team", body: "Hello", shared: true });
    const attempts = [
      () => agent.run((s) => macros.updateMacro(s, { id: team.id, body: "mine now" })),
      () => agent.run((s) => macros.deleteMacro(s, { id: team.id })),
    ];
    for (const attempt of attempts) expect((await failure(attempt())).code).toBe("FORBIDDEN");
    const mine = await create(agent, { name: "Draft", body: "x" });
    expect(
      (await failure(agent.run((s) => macros.updateMacro(s, { id: mine.id, shared: true })))).code,
    ).toBe("FORBIDDEN");
    // An admin shares their own; making a shared one personal gives it to whoever does so.
    const adminsOwn = await create(admin, { name: "Draft", body: "y" });
    expect(
      await admin.run((s) => macros.updateMacro(s, { id: adminsOwn.id, shared: true })),
    ).toMatchObject({ shared: true });
    expect((await list(agent)).map((m) => m.name)).toEqual(["Draft", "Draft", "Team"]);
    expect(
      await admin.run((s) => macros.updateMacro(s, { id: team.id, shared: false })),
    ).toMatchObject({ shared: false });
    expect((await list(agent)).map((m) => m.name)).toEqual(["Draft", "Draft"]);
    expect(await admin.run((s) => macros.deleteMacro(s, { id: adminsOwn.id }))).toEqual({
      ok: true,
    });
  });

  test("an API key uses the shared canned replies and has none of its own", async () => {
    const { owner, as } = await desk();
    await create(owner, { name: "Mine", body: "owner's own" });
    await create(owner, { name: "Shared", body: "all", shared: true });
    const key = as(builtInGrant("admin"), null);
    expect((await list(key)).map((m) => m.name)).toEqual(["Shared"]);
    expect(await failure(create(key, { name: "Key's", body: "x" }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "shared",
    });
  });
});

describe("names and checks", () => {
  test("a name is unique per owner whatever its case (CONFLICT naming name)", async () => {
    const { join } = await desk();
    const admin = await join("admin", "Ann Admin");
    const agent = await join("member", "Sam Agent");
    const first = await create(agent, { name: "Refund", body: "a" });
    expect(await failure(create(agent, { name: " refund ", body: "b" }))).toMatchObject({
      code: "CONFLICT",
      field: "name",
    });
    const second = await create(agent, { name: "Refund later", body: "b" });
    expect(
      await failure(agent.run((s) => macros.updateMacro(s, { id: second.id, name: "REFUND" }))),
    ).toMatchObject({ code: "CONFLICT", field: "name" });
    // Renaming to its own name in another case is fine; others may use the name.
    expect(
      await agent.run((s) => macros.updateMacro(s, { id: first.id, name: "REFUND" })),
    ).toMatchObject({ name: "REFUND" });
    await create(admin, { name: "refund", body: "c" });
    await create(admin, { name: "Refund", body: "d", shared: true });
    expect(await failure(create(admin, { name: "refund", body: "e", shared: true }))).toMatchObject(
      { code: "CONFLICT", field: "name" },
    );
  });

  test("bad input is refused naming the field", async () => {
    const { owner } = await desk();
    const stranger = await desk("Elsewhere Co");
    const strangerAgent = await stranger.join("member", "Far Away");
    const [foreignTeam] = await db.withTenant(stranger.tenant.id, (tx) =>
      tx.insert(teams).values({ name: "Far team" }).returning({ id: teams.id }),
    );
    const cases: [macros.MacroInput, string][] = [
      [{ name: "  " }, "name"],
      [{ name: "x".repeat(101) }, "name"],
      [{ name: "Long", body: "x".repeat(20_001) }, "body"],
      [{ name: "S", actions: { status: "gone" as "open" } }, "actions.status"],
      [{ name: "P", actions: { priority: "meh" as "low" } }, "actions.priority"],
      [{ name: "T", actions: { addTags: ["ok", "#bad"] } }, "actions.addTags"],
      [{ name: "A", actions: { assignee: strangerAgent.userId } }, "actions.assignee"],
      [{ name: "A2", actions: { assignee: "someone" } }, "actions.assignee"],
      [{ name: "Tm", actions: { teamId: foreignTeam?.id ?? "" } }, "actions.teamId"],
    ];
    for (const [input, field] of cases) {
      expect(await failure(create(owner, input))).toMatchObject({
        code: "BAD_REQUEST",
        field,
      });
    }
    expect((await list(owner)).length).toBe(0);
  });
});
