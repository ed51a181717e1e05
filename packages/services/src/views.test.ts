// Saved views against the real database (app role): personal and shared ones and who may see or
// change them, unique names, filters that must name the tenant's own records, and live counts
// with their cache.
import { afterAll, describe, expect, test } from "bun:test";
import { customers, nextNumber, teams, tickets as ticketsTable } from "@supportdesk/database";
import { builtInGrant } from "./context";
import * as tickets from "./tickets";
import * as views from "./views";
import { failure, openDesks, type Run } from "./views-test-desk";

const { db, desk } = openDesks();
afterAll(() => db.close());

const create = (who: Run, input: views.ViewInput) => who.run((s) => views.createView(s, input));
const list = (who: Run) => who.run((s) => views.listViews(s));

describe("personal and shared", () => {
  test("anyone who reads tickets keeps their own; shared ones need view.manage; each sees shared + their own", async () => {
    const { join } = await desk();
    const admin = await join("admin", "Ann Admin");
    const agent = await join("member", "Sam Agent");
    const viewer = await join("viewer", "Vic Viewer");
    const mine = await create(agent, { name: "My open", filters: { status: ["open"] } });
    expect(mine).toMatchObject({ name: "My open", shared: false, sort: "newest" });
    expect(mine.filters).toEqual({ status: ["open"] });
    const refused = await failure(create(agent, { name: "Team", shared: true }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toContain("view.manage");
    await create(admin, { name: "Urgent", filters: { priority: ["urgent"] }, shared: true });
    await create(viewer, { name: "Viewer's own", sort: "oldest" });

    expect((await list(agent)).map((v) => [v.name, v.shared])).toEqual([
      ["My open", false],
      ["Urgent", true],
    ]);
    expect((await list(viewer)).map((v) => [v.name, v.sort])).toEqual([
      ["Urgent", "newest"],
      ["Viewer's own", "oldest"],
    ]);
  });

  test("another agent can neither see nor change my own view (NOT_FOUND), not even the owner", async () => {
    const { join, owner } = await desk();
    const agent = await join("member", "Sam Agent");
    const other = await join("member", "Oz Other");
    const mine = await create(agent, { name: "Mine" });
    const attempts = [
      () => other.run((s) => views.updateView(s, { id: mine.id, name: "stolen" })),
      () => other.run((s) => views.deleteView(s, { id: mine.id })),
      () => owner.run((s) => views.updateView(s, { id: mine.id, shared: true })),
      () => owner.run((s) => views.deleteView(s, { id: crypto.randomUUID() })),
      () => owner.run((s) => views.deleteView(s, { id: "not-a-uuid" })),
    ];
    for (const attempt of attempts) expect((await failure(attempt())).code).toBe("NOT_FOUND");
    expect(await list(other)).toEqual([]);
    expect((await list(agent))[0]).toMatchObject({ id: mine.id, name: "Mine" });
  });

  test("editing or deleting a shared view needs view.manage; sharing moves it to the tenant", async () => {
    const { join, auditOf } = await desk();
    const admin = await join("admin", "Ann Admin");
    const agent = await join("member", "Sam Agent");
    const team = await create(admin, { name: "Team", shared: true });
    for (const attempt of [
      () => agent.run((s) => views.updateView(s, { id: team.id, name: "mine now" })),
      () => agent.run((s) => views.deleteView(s, { id: team.id })),
    ]) {
      expect((await failure(attempt())).code).toBe("FORBIDDEN");
    }
    const draft = await create(agent, { name: "Draft" });
    expect(
      (await failure(agent.run((s) => views.updateView(s, { id: draft.id, shared: true })))).code,
    ).toBe("FORBIDDEN");
    // An admin shares their own; making a shared one personal gives it to whoever does so.
    const adminsOwn = await create(admin, { name: "Later" });
    expect(
      await admin.run((s) => views.updateView(s, { id: adminsOwn.id, shared: true })),
    ).toMatchObject({ shared: true });
    expect(
      await admin.run((s) => views.updateView(s, { id: team.id, shared: false, position: 9 })),
    ).toMatchObject({ shared: false, position: 9 });
    expect((await list(agent)).map((v) => v.name)).toEqual(["Draft", "Later"]);
    expect(await agent.run((s) => views.deleteView(s, { id: draft.id }))).toEqual({ ok: true });
    expect((await auditOf("view.create")).length).toBe(3);
    expect((await auditOf("view.update")).length).toBe(2);
    expect(await auditOf("view.delete")).toEqual([
      { targetId: draft.id, metadata: { name: "Draft", shared: false } },
    ]);
  });

  test("an API key sees the shared views and may keep no personal one", async () => {
    const { owner, as } = await desk();
    await create(owner, { name: "Owner's own" });
    const shared = await create(owner, { name: "Everyone", shared: true });
    const key = as(builtInGrant("admin"), null);
    expect((await list(key)).map((v) => v.id)).toEqual([shared.id]);
    const refused = await failure(create(key, { name: "Key's own" }));
    expect(refused).toMatchObject({ code: "BAD_REQUEST", field: "shared" });
    expect(await create(key, { name: "Key shared", shared: true })).toMatchObject({
      shared: true,
    });
  });

  test("views are ordered by position, then name; a new one goes last among its owner's", async () => {
    const { owner } = await desk();
    const b = await create(owner, { name: "b" });
    const a = await create(owner, { name: "A", shared: true });
    const c = await create(owner, { name: "c" });
    expect([a.position, b.position, c.position]).toEqual([0, 0, 1]);
    expect((await list(owner)).map((v) => v.name)).toEqual(["A", "b", "c"]);
    await owner.run((s) => views.updateView(s, { id: a.id, position: 5 }));
    expect((await list(owner)).map((v) => v.name)).toEqual(["b", "c", "A"]);
  });
});

describe("names", () => {
  test("unique per owner whatever the case (CONFLICT on name); other owners may reuse one", async () => {
    const { join, owner } = await desk();
    const agent = await join("member", "Sam Agent");
    const other = await join("member", "Oz Other");
    await create(agent, { name: "Open ones" });
    expect(await failure(create(agent, { name: " OPEN ONES " }))).toMatchObject({
      code: "CONFLICT",
      field: "name",
    });
    await create(other, { name: "Open ones" });
    await create(owner, { name: "open ones", shared: true });
    expect(await failure(create(owner, { name: "Open Ones", shared: true }))).toMatchObject({
      code: "CONFLICT",
      field: "name",
    });
    const second = await create(agent, { name: "Second" });
    expect(
      await failure(agent.run((s) => views.updateView(s, { id: second.id, name: "open ONES" }))),
    ).toMatchObject({ code: "CONFLICT", field: "name" });
    // Renaming to its own name (another case) is no conflict.
    expect(
      await agent.run((s) => views.updateView(s, { id: second.id, name: "SECOND" })),
    ).toMatchObject({ name: "SECOND" });
  });

  test("a blank or too long name, or an unknown sort, is BAD_REQUEST naming the field", async () => {
    const { owner } = await desk();
    expect(await failure(create(owner, { name: "   " }))).toMatchObject({ field: "name" });
    expect(await failure(create(owner, { name: "x".repeat(81) }))).toMatchObject({
      field: "name",
    });
    expect(
      await failure(create(owner, { name: "Sorted", sort: "sideways" as "newest" })),
    ).toMatchObject({ code: "BAD_REQUEST", field: "sort" });
  });
});

describe("filters", () => {
  test("every id a view names must be this tenant's; unknown keys are dropped", async () => {
    const mine = await desk("Mine Co");
    const theirs = await desk("Theirs Co");
    const outsider = await theirs.join("member", "Out Sider");
    const foreignTeam = await theirs.owner.run(async (s) => {
      const [row] = await s.tx.insert(teams).values({ name: "Theirs" }).returning();
      return row?.id ?? "";
    });
    const foreignCustomer = await theirs.owner.run(async (s) => {
      const [row] = await s.tx
        .insert(customers)
        .values({ email: `c-${crypto.randomUUID()}@example.test`, name: "C" })
        .returning();
      return row?.id ?? "";
    });
    const cases: [Record<string, unknown>, string][] = [
      [{ teamId: foreignTeam }, "filters.teamId"],
      [{ customerId: foreignCustomer }, "filters.customerId"],
      [{ assignee: outsider.userId }, "filters.assignee"],
      [{ fields: { [crypto.randomUUID()]: "Pro" } }, "filters.fields"],
      [{ status: ["open", "archived"] }, "filters.status"],
      [{ tag: "No!" }, "filters.tag"],
      [{ createdFrom: "yesterday" }, "filters.createdFrom"],
    ];
    for (const [filters, field] of cases) {
      expect(await failure(create(mine.owner, { name: "Bad", filters }))).toMatchObject({
        code: "BAD_REQUEST",
        field,
      });
    }
    const team = await mine.owner.run(async (s) => {
      const [row] = await s.tx.insert(teams).values({ name: "Ours" }).returning();
      return row?.id ?? "";
    });
    const saved = await create(mine.owner, {
      name: "Good",
      filters: {
        status: ["pending", "open", "open"],
        teamId: team,
        assignee: "me",
        tag: "VIP",
        createdFrom: "2026-01-01",
        secret: "dropped",
      },
    });
    expect(saved.filters).toEqual({
      status: ["open", "pending"],
      teamId: team,
      assignee: "me",
      tag: "vip",
      createdFrom: "2026-01-01",
    });
  });
});

describe("counts", () => {
  /** A cache in memory that records how it is used (`broken` makes every call fail). */
  function memoryCache() {
    const store = new Map<string, unknown>();
    const cache = {
      store,
      broken: false,
      reads: 0,
      async getMany<T>(keys: string[]) {
        if (cache.broken) throw new Error("cache down");
        cache.reads += 1;
        return keys.map((key) => store.get(key) as T | undefined);
      },
      async set(key: string, value: unknown) {
        if (cache.broken) throw new Error("cache down");
        store.set(key, value);
      },
    };
    return cache;
  }

  test("each view counts what its filters match; assignee me counts per user", async () => {
    const { owner, join, seed } = await desk();
    const agent = await join("member", "Sam Agent");
    await seed(3, { status: "open" });
    await seed(2, { status: "pending", assigneeId: agent.userId });
    const open = await create(owner, { name: "Open", filters: { status: ["open"] }, shared: true });
    const mineView = await create(owner, {
      name: "Mine",
      filters: { assignee: "me" },
      shared: true,
    });
    const cache = memoryCache();
    const asOwner = await owner.run((s) => views.viewCounts(s, cache));
    expect(asOwner).toEqual({
      [open.id]: { count: 3, capped: false },
      [mineView.id]: { count: 0, capped: false },
    });
    const asAgent = await agent.run((s) => views.viewCounts(s, cache));
    expect(asAgent[mineView.id]).toEqual({ count: 2, capped: false });
    expect(asAgent[open.id]).toEqual({ count: 3, capped: false });
  });

  test("the cache answers until a ticket or the view changes; a failing cache is no failure", async () => {
    const { owner, seed } = await desk();
    const [first] = await seed(2, { status: "open" });
    const view = await create(owner, { name: "Open", filters: { status: ["open"] } });
    const cache = memoryCache();
    const count = () => owner.run(async (s) => (await views.viewCounts(s, cache))[view.id]);
    expect(await count()).toEqual({ count: 2, capped: false });
    // A value planted under the same key is what the next call answers: the cache is used.
    const [key] = [...cache.store.keys()];
    cache.store.set(key as string, { count: 42, capped: false });
    expect(await count()).toEqual({ count: 42, capped: false });
    // Closing a ticket (an audit row and a system line) gives a new key: counted afresh.
    await owner.run((s) => tickets.updateTicket(s, { id: first as string, status: "closed" }));
    expect(await count()).toEqual({ count: 1, capped: false });
    // Editing the view does too.
    await owner.run((s) => views.updateView(s, { id: view.id, filters: { status: ["closed"] } }));
    expect(await count()).toEqual({ count: 1, capped: false });
    expect(cache.store.size).toBe(3);
    cache.broken = true;
    expect(await count()).toEqual({ count: 1, capped: false });
    expect(await owner.run(async (s) => (await views.viewCounts(s))[view.id])).toEqual({
      count: 1,
      capped: false,
    });
  });

  test("a count stops at the cap and says so", async () => {
    const { owner, tenant } = await desk();
    await db.withTenant(tenant.id, async (tx) => {
      const start = await nextNumber(tx, "ticket");
      await tx.insert(ticketsTable).values(
        Array.from({ length: views.COUNT_CAP + 5 }, (_, i) => ({
          number: start + i + 1,
          subject: `Bulk ${i}`,
        })),
      );
    });
    const view = await create(owner, { name: "All" });
    expect((await owner.run((s) => views.viewCounts(s)))[view.id]).toEqual({
      count: views.COUNT_CAP,
      capped: true,
    });
  });
});
