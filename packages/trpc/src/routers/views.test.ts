// Saved views through the router: personal and shared, input checked by the inbox's own filter
// schema, API keys, and live counts cached in the tenant's Redis namespace (or computed when
// Redis is down).
import { afterAll, describe, expect, test } from "bun:test";
import { createRateLimiter, createRedis } from "@supportdesk/cache";
import type { TrpcDeps } from "../context";
import { callerFor, createTeam, createTestDeps } from "../testing";

const deps = await createTestDeps();
// Nothing listens on port 1: this Redis is down, every command fails at once.
const deadRedis = createRedis("redis://127.0.0.1:1", {
  name: "test-dead",
  enableOfflineQueue: false,
  retryStrategy: () => null,
  maxRetriesPerRequest: 0,
});
deadRedis.on("error", () => {});
afterAll(async () => {
  await deps.close();
  deadRedis.disconnect();
});

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected an error");
    },
    (error: { code?: string; message?: string }) => ({ code: error.code, message: error.message }),
  );

describe("views", () => {
  test("a member saves their own view; a shared one needs view.manage; list says which is which", async () => {
    const { owner, join } = await createTeam(deps, "Views Co");
    const member = await join("member");
    const mine = await member.here.views.create({
      name: "My urgent",
      filters: { priority: ["urgent"], assignee: "me" },
      sort: "updated",
    });
    expect(mine).toMatchObject({ shared: false, sort: "updated" });
    expect(
      await errorOf(member.here.views.create({ name: "For all", shared: true })),
    ).toMatchObject({ code: "FORBIDDEN" });
    const shared = await owner.here.views.create({
      name: "Open",
      filters: { status: ["open"] },
      shared: true,
    });
    // Both first of their owner's (position 0), so by name.
    expect((await member.here.views.list()).map((v) => [v.id, v.shared])).toEqual([
      [mine.id, false],
      [shared.id, true],
    ]);
    expect((await owner.here.views.list()).map((v) => v.id)).toEqual([shared.id]);
    expect(await errorOf(owner.here.views.delete({ id: mine.id }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await member.here.views.delete({ id: mine.id })).toEqual({ ok: true });
  });

  test("filters go through the inbox's schema: a bad one is BAD_REQUEST naming it", async () => {
    const { owner } = await createTeam(deps, "Checked Co");
    const bad = await errorOf(
      owner.here.views.create({
        name: "Odd",
        filters: { status: ["archived" as "open"] },
      }),
    );
    expect(bad.code).toBe("BAD_REQUEST");
    // A caller sees zod's issues (the HTTP error formatter turns them into "filters.status.0: …").
    expect(bad.message).toMatch(/"filters",\s*"status"/);
    expect((await errorOf(owner.here.views.create({ name: "x".repeat(81) }))).message).toContain(
      "name",
    );
  });

  test("an API key keeps no personal view but may save a shared one", async () => {
    const { owner } = await createTeam(deps, "Keys Co");
    const key = await owner.here.apiKeys.create({ name: "Integration", role: "admin" });
    const asKey = callerFor(deps, { authorization: `Bearer ${key.key}` });
    const refused = await errorOf(asKey.views.create({ name: "Mine" }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toContain("shared");
    const shared = await asKey.views.create({ name: "Shared", shared: true });
    expect((await owner.here.views.list()).map((v) => v.id)).toEqual([shared.id]);
  });
});

describe("views.counts", () => {
  test("counts are cached under the tenant's namespace and follow ticket changes at once", async () => {
    const { owner, tenant } = await createTeam(deps, "Counts Co");
    const first = await owner.here.tickets.create({ subject: "One", body: "x" });
    await owner.here.tickets.create({ subject: "Two", body: "y" });
    const open = await owner.here.views.create({
      name: "Open",
      filters: { status: ["open"] },
      shared: true,
    });
    expect(await owner.here.views.counts()).toEqual({ [open.id]: { count: 2, capped: false } });
    const keys = await deps.redis.keys(`t:${tenant.id}:views:count:${open.id}:*`);
    expect(keys.length).toBe(1);
    expect(await deps.redis.ttl(keys[0] as string)).toBeLessThanOrEqual(15);
    await owner.here.tickets.update({ id: first.id, status: "closed" });
    expect(await owner.here.views.counts()).toEqual({ [open.id]: { count: 1, capped: false } });
  });

  test("with Redis down, counts are computed (never an error)", async () => {
    const { owner } = await createTeam(deps, "No Cache Co");
    await owner.here.tickets.create({ subject: "One", body: "x" });
    const view = await owner.here.views.create({ name: "All" });
    const down: TrpcDeps = { ...deps, redis: deadRedis, rateLimiter: createRateLimiter(deadRedis) };
    const caller = callerFor(down, {
      authorization: `Bearer ${owner.accessToken}`,
      tenantHints: { pathSlug: owner.tenant?.slug },
    });
    expect(await caller.views.counts()).toEqual({ [view.id]: { count: 1, capped: false } });
  });
});
