// Bulk actions against the real database (app role): one audit row and one system line per ticket
// changed, another tenant's tickets never touched, permissions checked once for the selection; a
// large selection queued as one outbox job in the request's transaction (bulk-run.test.ts runs it).
import { afterAll, describe, expect, test } from "bun:test";
import { and, eq, outbox, sql } from "@supportdesk/database";
import { bulkUpdateJob } from "@supportdesk/queue";
import * as bulk from "./bulk";
import { failure, openDesks, type Run } from "./views-test-desk";

const { db, desk } = openDesks();
afterAll(() => db.close());

/** Hundreds of tickets changed one by one: more than the default 5 s on a busy database. */
const SLOW_MS = 30_000;

const plan = (who: Run, input: bulk.BulkInput) => who.run((s) => bulk.planBulk(s, input));

/** The outbox rows of the bulk job with this progress id. */
const outboxOf = (jobId: string) =>
  db.platform
    .select({
      id: outbox.id,
      tenantId: outbox.tenantId,
      queue: outbox.queue,
      payload: outbox.payload,
    })
    .from(outbox)
    .where(
      and(eq(outbox.jobName, bulkUpdateJob.name), eq(sql`${outbox.payload}->>'jobId'`, jobId)),
    );

describe("a few tickets, in the request", () => {
  test("closing tickets writes one audit row and one system line each; foreign and unknown ids are skipped", async () => {
    const mine = await desk("Mine Co");
    const theirs = await desk("Theirs Co");
    const ids = await mine.seed(3, { status: "open" });
    const [foreign] = await theirs.seed(1, { status: "open" });
    const unknown = crypto.randomUUID();
    const result = await plan(mine.owner, {
      ids: [...ids, foreign as string, unknown, ids[0] as string],
      changes: { status: "closed" },
    });
    expect(result).toEqual({
      done: {
        updated: 3,
        unchanged: 0,
        skipped: [
          { id: foreign as string, reason: "not found" },
          { id: unknown, reason: "not found" },
        ],
      },
    });
    expect((await mine.ticketsOf(ids)).map((t) => t.status)).toEqual([
      "closed",
      "closed",
      "closed",
    ]);
    const audits = await mine.auditOf("ticket.update");
    expect(audits.map((a) => a.targetId).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(await mine.systemLinesOf(id)).toEqual([
        { body: "Status changed from open to closed." },
      ]);
    }
    expect((await theirs.ticketsOf([foreign as string]))[0]?.status).toBe("open");
    expect(await theirs.auditOf("ticket.update")).toEqual([]);
  });

  test("a ticket already as asked is unchanged (no audit row); tags are added and removed per ticket", async () => {
    const { owner, seed, ticketsOf, auditOf } = await desk();
    const [a, b] = await seed(2, { status: "open", tags: ["vip", "old"] });
    const [c] = await seed(1, { status: "pending", tags: [] });
    const ids = [a, b, c] as string[];
    expect(await plan(owner, { ids: [a as string], changes: { status: "pending" } })).toEqual({
      done: { updated: 1, unchanged: 0, skipped: [] },
    });
    const result = await plan(owner, {
      ids,
      changes: { status: "pending", addTags: ["Billing", "vip"], removeTags: ["old"] },
    });
    expect(result).toEqual({ done: { updated: 3, unchanged: 0, skipped: [] } });
    expect(
      Object.fromEntries((await ticketsOf(ids)).map((t) => [t.id, [t.status, t.tags]])),
    ).toEqual({
      [a as string]: ["pending", ["vip", "billing"]],
      [b as string]: ["pending", ["vip", "billing"]],
      [c as string]: ["pending", ["billing", "vip"]],
    });
    expect(await plan(owner, { ids, changes: { status: "pending" } })).toEqual({
      done: { updated: 0, unchanged: 3, skipped: [] },
    });
    expect((await auditOf("ticket.update")).length).toBe(4);
  });

  test("permissions are checked once for the whole selection, before anything changes", async () => {
    const { owner, join, custom, seed, ticketsOf } = await desk();
    const viewer = await join("viewer", "Vic Viewer");
    const agent = await join("member", "Sam Agent");
    const ids = await seed(2, { status: "open" });
    const refused = await failure(plan(viewer, { ids, changes: { status: "closed" } }));
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toContain("ticket.update");
    const noAssign = custom(agent.userId as string, ["ticket.read", "ticket.update"]);
    const assign = await failure(plan(noAssign, { ids, changes: { assigneeId: agent.userId } }));
    expect(assign.code).toBe("FORBIDDEN");
    expect(assign.message).toContain("ticket.assign");
    expect(
      await failure(plan(owner, { ids, changes: { assigneeId: viewer.userId } })),
    ).toMatchObject({ code: "BAD_REQUEST", field: "changes.assigneeId" });
    expect(await failure(plan(owner, { ids, changes: {} }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "changes",
    });
    expect((await ticketsOf(ids)).map((t) => t.status)).toEqual(["open", "open"]);
    expect(await plan(owner, { ids, changes: { assigneeId: agent.userId } })).toEqual({
      done: { updated: 2, unchanged: 0, skipped: [] },
    });
  });

  test("naming no ticket of this tenant is NOT_FOUND; ids and a filter together, or neither, are refused", async () => {
    const mine = await desk("Mine Co");
    const theirs = await desk("Theirs Co");
    const foreign = await theirs.seed(2);
    expect(
      await failure(plan(mine.owner, { ids: foreign, changes: { status: "closed" } })),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(
      await failure(
        plan(mine.owner, { filter: { tag: "nothing" }, changes: { status: "closed" } }),
      ),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(
      await failure(plan(mine.owner, { ids: foreign, filter: {}, changes: { status: "closed" } })),
    ).toMatchObject({ code: "BAD_REQUEST", field: "ids" });
    expect(await failure(plan(mine.owner, { changes: { status: "closed" } }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "ids",
    });
    expect((await theirs.ticketsOf(foreign)).map((t) => t.status)).toEqual(["open", "open"]);
  });
});

describe("a large selection, as a job", () => {
  test("a filter queues exactly one job in the request's transaction, and none if it rolls back", async () => {
    const { tenant, owner, seed, ticketsOf } = await desk();
    const ids = await seed(3, { status: "open", tags: ["spam"] });
    await seed(2, { status: "open" });
    const planned = await plan(owner, { filter: { tag: "spam" }, changes: { status: "closed" } });
    if (!("job" in planned)) throw new Error("expected a job");
    expect(planned.job).toMatchObject({
      state: "queued",
      total: 3,
      processed: 0,
      reason: null,
      startedBy: { userId: owner.userId, apiKeyId: null },
    });
    const rows = await outboxOf(planned.job.jobId);
    expect(rows.length).toBe(1);
    expect(rows[0]).toMatchObject({ tenantId: tenant.id, queue: "notification" });
    expect(rows[0]?.payload).toEqual({
      tenantId: tenant.id,
      jobId: planned.job.jobId,
      actor: { userId: owner.userId, apiKeyId: null },
      ids,
      changes: { status: "closed" },
    });
    // Nothing changes in the request: the worker does it.
    expect((await ticketsOf(ids)).map((t) => t.status)).toEqual(["open", "open", "open"]);

    let rolledBack = "";
    const refused = await failure(
      owner.run(async (s) => {
        const again = await bulk.planBulk(s, {
          filter: { tag: "spam" },
          changes: { status: "closed" },
        });
        if ("job" in again) rolledBack = again.job.jobId;
        throw new Error("the request failed after planning");
      }),
    );
    expect(refused.message).toBe("the request failed after planning");
    expect(rolledBack).not.toBe("");
    expect(await outboxOf(rolledBack)).toEqual([]);
  });

  test(
    "more than 100 ids: a job over the ids as named (an unknown one to be skipped by the worker)",
    async () => {
      const { owner, seed } = await desk();
      const ids = await seed(150, { status: "open" });
      const unknown = crypto.randomUUID();
      const planned = await plan(owner, {
        ids: [...ids, unknown, ids[0] as string],
        changes: { priority: "high" },
      });
      if (!("job" in planned)) throw new Error("expected a job");
      expect(planned.job.total).toBe(151);
      const [row] = await outboxOf(planned.job.jobId);
      expect(row?.payload).toMatchObject({ ids: [...ids, unknown] });
    },
    SLOW_MS,
  );

  test("more ids than a call may name are refused", async () => {
    const { owner } = await desk();
    expect(
      await failure(
        plan(owner, {
          ids: Array.from({ length: 501 }, () => crypto.randomUUID()),
          changes: { status: "closed" },
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", field: "ids" });
  });
});
