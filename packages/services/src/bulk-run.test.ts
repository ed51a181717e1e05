// A bulk job as the worker runs it (`runBulkJob`) against the real database (app role): chunks of
// 100 with progress after each, one audit row per ticket, resuming after a crash at the last
// committed chunk, re-runs writing nothing twice, and the actor's grant read at run time.
import { afterAll, describe, expect, test } from "bun:test";
import { and, eq, outbox, sql, userTenantRoles } from "@supportdesk/database";
import { bulkUpdateJob } from "@supportdesk/queue";
import * as bulk from "./bulk";
import { builtInGrant } from "./context";
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

/** The job as the worker hands it to `runBulkJob`: its outbox id and validated payload. */
async function runOf(jobId: string): Promise<bulk.BulkRun> {
  const [row] = await outboxOf(jobId);
  if (!row) throw new Error(`no outbox row for job ${jobId}`);
  return { id: row.id, payload: bulkUpdateJob.payload.parse(row.payload), finalAttempt: false };
}

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

describe("a bulk job, run by the worker", () => {
  test(
    "the worker's run: chunks of 100 with progress after each, one audit row per ticket; run again, nothing is written twice",
    async () => {
      const { owner, join, seed, auditOf, systemLinesOf, ticketsOf } = await desk();
      const other = await join("admin", "Ann Admin");
      const ids = await seed(230, { status: "open", tags: ["spam"] });
      const keep = await seed(3, { status: "open" });
      const planned = await plan(owner, {
        filter: { tag: "spam" },
        changes: { status: "closed", addTags: ["handled"] },
      });
      if (!("job" in planned)) throw new Error("expected a job");
      const { store, history } = memoryStore();
      await store.set(planned.job);
      const run = await runOf(planned.job.jobId);
      const finished = await bulk.runBulkJob(db, store, run);
      expect(finished).toMatchObject({
        state: "done",
        total: 230,
        processed: 230,
        updated: 230,
        unchanged: 0,
        skippedCount: 0,
        startedAt: planned.job.startedAt,
      });
      expect(history.map((j) => [j.state, j.processed])).toEqual([
        ["queued", 0],
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
      expect((await ticketsOf(keep)).map((t) => t.status)).toEqual(["open", "open", "open"]);

      // A second delivery of the same job resumes after its last chunk: nothing is left to do.
      expect(await bulk.runBulkJob(db, store, run)).toMatchObject({ state: "done", updated: 230 });
      const progress = await owner.run((s) => bulk.bulkProgress(s, store, planned.job.jobId));
      expect(progress).toMatchObject({ state: "done", job: { updated: 230 } });
      // Someone else, or a job nobody started, gets the same "unknown".
      for (const [who, jobId] of [
        [other, planned.job.jobId],
        [owner, crypto.randomUUID()],
      ] as const) {
        const answer = await who.run((s) => bulk.bulkProgress(s, store, jobId));
        expect(answer).toMatchObject({ state: "unknown", job: null });
      }

      // The same change run from scratch (its checkpoint lost) changes nothing either.
      const again = await bulk.runBulkJob(db, memoryStore().store, {
        ...run,
        id: crypto.randomUUID(),
      });
      expect(again).toMatchObject({ state: "done", processed: 230, updated: 0, unchanged: 230 });
      expect((await auditOf("ticket.update")).length).toBe(230);
      expect((await systemLinesOf(ids[0] as string)).length).toBe(1);
      expect(new Set((await ticketsOf(ids)).map((t) => t.tags.join()))).toEqual(
        new Set(["spam,handled"]),
      );
    },
    SLOW_MS,
  );

  test(
    "a run that dies after a chunk resumes after the last committed chunk",
    async () => {
      const { owner, seed, auditOf } = await desk();
      await seed(150, { status: "open", tags: ["spam"] });
      const planned = await plan(owner, { filter: { tag: "spam" }, changes: { priority: "high" } });
      if (!("job" in planned)) throw new Error("expected a job");
      const run = await runOf(planned.job.jobId);
      const { store } = memoryStore();
      // The process dies right after the first chunk committed (before its progress is shown).
      const dying: bulk.BulkJobStore = {
        get: store.get,
        set: async (job) => {
          if (job.processed === 100) throw new Error("killed");
          await store.set(job);
        },
      };
      expect((await failure(bulk.runBulkJob(db, dying, run))).message).toBe("killed");
      expect((await auditOf("ticket.update")).length).toBe(100);
      const finished = await bulk.runBulkJob(db, store, run);
      expect(finished).toMatchObject({ state: "done", processed: 150, updated: 150, unchanged: 0 });
      expect((await auditOf("ticket.update")).length).toBe(150);
    },
    SLOW_MS,
  );

  test("the actor's grant is read when the job runs: removed, demoted or a gone API key fails it, changing nothing", async () => {
    const { tenant, join, as, seed, ticketsOf, auditOf } = await desk();
    const ids = await seed(3, { status: "open", tags: ["spam"] });
    const removed = await join("member", "Rita Removed");
    const demoted = await join("member", "Dan Demoted");
    const key = as(builtInGrant("member"), null);
    const queue = async (who: Run) => {
      const planned = await plan(who, { filter: { tag: "spam" }, changes: { status: "closed" } });
      if (!("job" in planned)) throw new Error("expected a job");
      return runOf(planned.job.jobId);
    };
    const runs = [await queue(removed), await queue(demoted), await queue(key)];
    const where = (userId: string | null) =>
      and(eq(userTenantRoles.tenantId, tenant.id), eq(userTenantRoles.userId, userId ?? ""));
    await db.platform.delete(userTenantRoles).where(where(removed.userId));
    await db.platform.update(userTenantRoles).set({ role: "viewer" }).where(where(demoted.userId));
    const reasons = [];
    for (const run of runs) {
      const { store } = memoryStore();
      const stopped = await bulk.runBulkJob(db, store, run);
      expect(stopped).toMatchObject({ state: "failed", processed: 0, updated: 0 });
      expect(await store.get(run.payload.jobId)).toEqual(stopped);
      reasons.push(stopped.reason);
    }
    expect(reasons).toEqual([
      "Whoever started this change is no longer a member of this tenant.",
      expect.stringContaining("(ticket.update)"),
      "The API key that started this change was revoked or has expired.",
    ]);
    expect((await ticketsOf(ids)).map((t) => t.status)).toEqual(["open", "open", "open"]);
    expect(await auditOf("ticket.update")).toEqual([]);
  });
});
