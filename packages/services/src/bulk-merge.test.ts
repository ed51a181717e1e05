// Bulk merge against the real database (app role): several tickets into one, each merge as a
// single merge would be, another tenant's tickets never touched, ticket.merge checked first.
import { afterAll, describe, expect, test } from "bun:test";
import { eq, tickets } from "@supportdesk/database";
import * as bulk from "./bulk";
import { failure, openDesks } from "./views-test-desk";

const { db, desk } = openDesks();
afterAll(() => db.close());

describe("merging selected tickets into one", () => {
  test("each source closes with a pointer and its own audit rows; foreign and unknown ids are skipped", async () => {
    const mine = await desk("Mine Co");
    const theirs = await desk("Theirs Co");
    const [target, a, b] = (await mine.seed(3, { status: "open" })) as [string, string, string];
    const [foreign] = (await theirs.seed(1)) as [string];
    const unknown = crypto.randomUUID();
    const result = await mine.owner.run((s) =>
      bulk.mergeMany(s, { ids: [a, target, b, foreign, unknown], targetId: target }),
    );
    expect(result).toMatchObject({
      targetId: target,
      merged: 2,
      skipped: [
        { id: foreign, reason: "not found" },
        { id: unknown, reason: "not found" },
      ],
    });
    const rows = await db.withTenant(mine.tenant.id, (tx) =>
      tx
        .select({ id: tickets.id, status: tickets.status, into: tickets.mergedIntoId })
        .from(tickets),
    );
    const byId = Object.fromEntries(rows.map((r) => [r.id, [r.status, r.into]]));
    expect(byId[a]).toEqual(["closed", target]);
    expect(byId[b]).toEqual(["closed", target]);
    expect(byId[target]).toEqual(["open", null]);
    const audits = await mine.auditOf("ticket.merge");
    expect(audits.map((row) => row.targetId).sort()).toEqual([a, b, target, target].sort());
    const untouched = await db.withTenant(theirs.tenant.id, (tx) =>
      tx.select({ into: tickets.mergedIntoId }).from(tickets).where(eq(tickets.id, foreign)),
    );
    expect(untouched).toEqual([{ into: null }]);
  });

  test("a source that cannot be merged is skipped with why; the others go on", async () => {
    const { owner, seed } = await desk();
    const [target, done, fresh, elsewhere] = (await seed(4)) as [string, string, string, string];
    await owner.run((s) => bulk.mergeMany(s, { ids: [done], targetId: elsewhere }));
    const result = await owner.run((s) =>
      bulk.mergeMany(s, { ids: [done, fresh], targetId: target }),
    );
    expect(result.merged).toBe(1);
    expect(result.skipped).toEqual([
      { id: done, reason: expect.stringContaining("already merged") },
    ]);
  });

  test("needs ticket.merge; a foreign target, or no source of this tenant, is NOT_FOUND", async () => {
    const mine = await desk("Mine Co");
    const theirs = await desk("Theirs Co");
    const viewer = await mine.join("viewer", "Vic Viewer");
    const [target, source] = (await mine.seed(2)) as [string, string];
    const [foreign] = (await theirs.seed(1)) as [string];
    const refused = await failure(
      viewer.run((s) => bulk.mergeMany(s, { ids: [source], targetId: target })),
    );
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toContain("ticket.merge");
    for (const input of [
      { ids: [source], targetId: foreign },
      { ids: [foreign], targetId: target },
    ]) {
      expect((await failure(mine.owner.run((s) => bulk.mergeMany(s, input)))).code).toBe(
        "NOT_FOUND",
      );
    }
    expect(
      await failure(mine.owner.run((s) => bulk.mergeMany(s, { ids: [target], targetId: target }))),
    ).toMatchObject({ code: "BAD_REQUEST", field: "ids" });
  });
});
