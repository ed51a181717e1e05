// Bulk actions against the real database (app role): one audit row and one system line per ticket
// changed, another tenant's tickets never touched, permissions checked once for the selection, and
// the chunked job with its progress.
import { afterAll, describe, expect, test } from "bun:test";
import * as bulk from "./bulk";
import { failure, openDesks, type Run } from "./views-test-desk";

const { db, desk } = openDesks();
afterAll(() => db.close());

const plan = (who: Run, input: bulk.BulkInput) => who.run((s) => bulk.planBulk(s, input));

/** A job store in memory that keeps every state it was given, in order. */
function memoryStore() {
  const jobs = new Map<string, bulk.BulkJob>();
  const history: bulk.BulkJob[] = [];
  const store: bulk.BulkJobStore = {
    get: async (jobId) => jobs.get(jobId),
    set: async (job) => {
      jobs.set(job.jobId, job);
      history.push(job);
    },
  };
  return { store, history };
}

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
  test("every ticket matching a filter is changed in chunks of 100, with progress after each", async () => {
    const { owner, join, seed, auditOf, systemLinesOf } = await desk();
    const other = await join("admin", "Ann Admin");
    const ids = await seed(230, { status: "open", tags: ["spam"] });
    await seed(3, { status: "open" });
    const planned = await plan(owner, { filter: { tag: "spam" }, changes: { status: "closed" } });
    if (!("job" in planned)) throw new Error("expected a job");
    expect(planned.job.ids.length).toBe(230);
    const { store, history } = memoryStore();
    const errors: unknown[] = [];
    const started = await owner.run(async (s) =>
      bulk.startBulkJob(owner.run, s.actor, store, planned.job, (e) => errors.push(e)),
    );
    expect(started.total).toBe(230);
    const finished = await started.finished;
    expect(errors).toEqual([]);
    expect(finished).toMatchObject({
      state: "done",
      total: 230,
      processed: 230,
      updated: 230,
      unchanged: 0,
      skippedCount: 0,
    });
    expect(history.map((j) => [j.state, j.processed])).toEqual([
      ["running", 0],
      ["running", 100],
      ["running", 200],
      ["running", 230],
      ["done", 230],
    ]);
    const audits = await auditOf("ticket.update");
    expect(audits.length).toBe(230);
    expect(new Set(audits.map((a) => a.targetId))).toEqual(new Set(ids));
    expect(await systemLinesOf(ids[229] as string)).toEqual([
      { body: "Status changed from open to closed." },
    ]);

    const progress = await owner.run((s) => bulk.bulkProgress(s, store, started.jobId));
    expect(progress).toMatchObject({ state: "done", job: { updated: 230 } });
    // Someone else, or a job nobody started, gets the same "unknown".
    for (const [who, jobId] of [
      [other, started.jobId],
      [owner, crypto.randomUUID()],
    ] as const) {
      const answer = await who.run((s) => bulk.bulkProgress(s, store, jobId));
      expect(answer).toMatchObject({ state: "unknown", job: null });
    }
  });

  test("more than 100 ids: a job; unknown ones are skipped up front; a failing chunk is skipped and the job goes on", async () => {
    const { owner, seed, ticketsOf } = await desk();
    const ids = await seed(150, { status: "open" });
    const unknown = crypto.randomUUID();
    const planned = await plan(owner, { ids: [...ids, unknown], changes: { priority: "high" } });
    if (!("job" in planned)) throw new Error("expected a job");
    expect(planned.job.notFound).toEqual([unknown]);
    const { store } = memoryStore();
    const errors: unknown[] = [];
    let chunks = 0;
    // The first chunk's transaction fails (as a lost connection would); the second goes through.
    const flaky: bulk.RunAs = (fn) => {
      chunks += 1;
      return chunks === 1 ? Promise.reject(new Error("connection lost")) : owner.run(fn);
    };
    const started = await owner.run((s) =>
      bulk.startBulkJob(flaky, s.actor, store, planned.job, (e) => errors.push(e)),
    );
    const finished = await started.finished;
    expect(errors.length).toBe(1);
    expect(finished).toMatchObject({
      state: "done",
      total: 150,
      processed: 150,
      updated: 50,
      skippedCount: 101,
    });
    expect(finished.skipped[0]).toEqual({ id: unknown, reason: "not found" });
    expect(finished.skipped.length).toBe(50);
    const priorities = (await ticketsOf(ids)).map((t) => t.priority);
    expect(priorities.filter((p) => p === "high").length).toBe(50);
  });

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
