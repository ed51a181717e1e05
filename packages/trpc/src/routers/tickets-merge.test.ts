// tickets.merge through createCaller: who may, what a merged ticket looks like to the web, bad
// input, and another tenant's ticket.
import { afterAll, describe, expect, test } from "bun:test";
import { codeOf, createTeam, createTestDeps } from "../testing";

const deps = await createTestDeps();
afterAll(() => deps.close());

describe("tickets.merge", () => {
  test("a member merges a duplicate; tickets.get of the source still answers, closed and pointing at the target", async () => {
    const { owner, join } = await createTeam(deps, "Merge Co");
    const member = (await join("member")).here;
    const customer = await owner.here.customers.create({ email: "pat@example.net", name: "Pat" });
    const target = await owner.here.tickets.create({
      subject: "Printer jams",
      body: "It jams",
      customerId: customer.id,
    });
    const source = await owner.here.tickets.create({
      subject: "Printer jams again",
      body: "Still jams",
      customerId: customer.id,
    });
    const result = await member.tickets.merge({ sourceId: source.id, targetId: target.id });
    expect(result.source).toMatchObject({ status: "closed", mergedIntoId: target.id, number: 2 });
    const merged = await member.tickets.get({ id: source.id });
    expect(merged).toMatchObject({ mergedIntoId: target.id, number: 2, status: "closed" });
    const thread = await member.tickets.get({ id: target.id });
    expect(thread.messages.map((m) => m.body)).toEqual([
      "It jams",
      "Still jams",
      "Merged #2 into this ticket.",
    ]);
    const audit = await owner.here.audit.list({ limit: 10 });
    expect(audit.data.filter((r) => r.action === "ticket.merge").map((r) => r.targetId)).toEqual([
      target.id,
      source.id,
    ]);
    expect((await owner.here.tickets.create({ subject: "Next", body: "x" })).number).toBe(3);
  });

  test("a viewer is FORBIDDEN naming ticket.merge; bad ids are BAD_REQUEST; itself names targetId", async () => {
    const { owner, join } = await createTeam(deps, "Merge Refusals Co");
    const viewer = (await join("viewer")).here;
    const a = await owner.here.tickets.create({ subject: "A", body: "a" });
    const b = await owner.here.tickets.create({ subject: "B", body: "b" });
    await expect(viewer.tickets.merge({ sourceId: a.id, targetId: b.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("ticket.merge"),
    });
    expect(await codeOf(owner.here.tickets.merge({ sourceId: "42", targetId: b.id }))).toBe(
      "BAD_REQUEST",
    );
    await expect(
      owner.here.tickets.merge({ sourceId: a.id, targetId: a.id }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("targetId"),
    });
    expect((await owner.here.tickets.get({ id: a.id })).mergedIntoId).toBeNull();
  });

  test("another tenant's ticket is NOT_FOUND, as an unknown one, either way round", async () => {
    const mine = await createTeam(deps, "Mine Co");
    const theirs = await createTeam(deps, "Theirs Co");
    const ours = await mine.owner.here.tickets.create({ subject: "Ours", body: "x" });
    const foreign = await theirs.owner.here.tickets.create({ subject: "Foreign", body: "y" });
    for (const input of [
      { sourceId: ours.id, targetId: foreign.id },
      { sourceId: foreign.id, targetId: ours.id },
      { sourceId: ours.id, targetId: crypto.randomUUID() },
    ]) {
      await expect(mine.owner.here.tickets.merge(input)).rejects.toMatchObject({
        code: "NOT_FOUND",
        message: "Ticket not found.",
      });
    }
    expect(await theirs.owner.here.tickets.get({ id: foreign.id })).toMatchObject({
      status: "open",
      mergedIntoId: null,
    });
  });
});
