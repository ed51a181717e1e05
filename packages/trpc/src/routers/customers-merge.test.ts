// customers.merge through createCaller: an admin merges, a member may not, and another tenant's
// customer is NOT_FOUND.
import { afterAll, describe, expect, test } from "bun:test";
import { codeOf, createTeam, createTestDeps } from "../testing";

const deps = await createTestDeps();
afterAll(() => deps.close());

describe("customers.merge", () => {
  test("an admin merges a duplicate customer: its tickets move, and only the target remains", async () => {
    const { owner, join } = await createTeam(deps, "Customer Merge Co");
    const admin = (await join("admin")).here;
    const kept = await owner.here.customers.create({ email: "pat@example.net", name: "Pat" });
    const dup = await owner.here.customers.create({ email: "pat@work.example", name: "Patricia" });
    const ticket = await owner.here.tickets.create({
      subject: "From work",
      body: "x",
      customerId: dup.id,
    });
    const result = await admin.customers.merge({ sourceId: dup.id, targetId: kept.id });
    expect(result).toMatchObject({ id: kept.id, name: "Pat", moved: { tickets: 1, messages: 0 } });
    expect((await admin.customers.get({ id: kept.id })).tickets.map((t) => t.id)).toEqual([
      ticket.id,
    ]);
    expect(await codeOf(admin.customers.get({ id: dup.id }))).toBe("NOT_FOUND");
    const [row] = (await owner.here.audit.list({ limit: 5 })).data;
    expect(row).toMatchObject({
      action: "customer.merge",
      targetId: kept.id,
      metadata: { sourceEmail: "pat@work.example" },
    });
  });

  test("a member is FORBIDDEN naming customer.merge; itself is BAD_REQUEST; another tenant's is NOT_FOUND", async () => {
    const { owner, join } = await createTeam(deps, "Customer Refusals Co");
    const member = (await join("member")).here;
    const a = await owner.here.customers.create({ email: "a@example.net", name: "A" });
    const b = await owner.here.customers.create({ email: "b@example.net", name: "B" });
    await expect(member.customers.merge({ sourceId: a.id, targetId: b.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("customer.merge"),
    });
    await expect(
      owner.here.customers.merge({ sourceId: a.id, targetId: a.id }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("targetId") });
    const theirs = await createTeam(deps, "Other Co");
    const foreign = await theirs.owner.here.customers.create({ email: "f@example.net", name: "F" });
    for (const input of [
      { sourceId: a.id, targetId: foreign.id },
      { sourceId: foreign.id, targetId: a.id },
    ]) {
      expect(await codeOf(owner.here.customers.merge(input))).toBe("NOT_FOUND");
    }
    expect(await theirs.owner.here.customers.get({ id: foreign.id })).toMatchObject({ name: "F" });
    expect(await owner.here.customers.get({ id: a.id })).toMatchObject({ name: "A" });
  });
});
