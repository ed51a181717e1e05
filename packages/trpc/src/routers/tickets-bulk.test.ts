// Bulk actions through the router: a few tickets changed in the request (one audit row each,
// another tenant's untouched), "select all matching" as one outbox job (run here as the worker
// runs it) whose progress later requests read, and the input rules.
import { afterAll, describe, expect, test } from "bun:test";
import { tenantCache } from "@supportdesk/cache";
import { and, eq, outbox, sql } from "@supportdesk/database";
import { bulkUpdateJob } from "@supportdesk/queue";
import { bulk } from "@supportdesk/services";
import { createTeam, createTestDeps } from "../testing";

const deps = await createTestDeps();
afterAll(() => deps.close());

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected an error");
    },
    (error: { code?: string; message?: string }) => ({ code: error.code, message: error.message }),
  );

describe("tickets.bulkUpdate", () => {
  test("a few selected tickets change in the request, one audit row each; another tenant's are skipped", async () => {
    const { owner } = await createTeam(deps, "Bulk Co");
    const other = await createTeam(deps, "Other Bulk Co");
    const a = await owner.here.tickets.create({ subject: "A", body: "x" });
    const b = await owner.here.tickets.create({ subject: "B", body: "y" });
    const foreign = await other.owner.here.tickets.create({ subject: "Theirs", body: "z" });
    const result = await owner.here.tickets.bulkUpdate({
      ids: [a.id, b.id, foreign.id],
      changes: { status: "closed", addTags: ["done"] },
    });
    expect(result).toEqual({
      updated: 2,
      unchanged: 0,
      skipped: [{ id: foreign.id, reason: "not found" }],
    });
    const audit = await owner.here.audit.list({ limit: 100 });
    const updates = audit.data.filter((row) => row.action === "ticket.update");
    expect(updates.map((row) => row.targetId).sort()).toEqual([a.id, b.id].sort());
    const thread = await owner.here.tickets.get({ id: a.id });
    expect(thread).toMatchObject({ status: "closed", tags: ["done"] });
    expect(thread.messages.at(-1)).toMatchObject({
      authorType: "system",
      body: "Status changed from open to closed.",
    });
    expect(await other.owner.here.tickets.get({ id: foreign.id })).toMatchObject({
      status: "open",
      tags: [],
    });
  });

  test("select all matching a filter: one job queued in the request, run by the worker, its progress read by later requests", async () => {
    const { owner, join, tenant } = await createTeam(deps, "Job Co");
    const admin = await join("admin");
    const spam = [];
    for (let i = 0; i < 3; i++) {
      spam.push(
        await owner.here.tickets.create({ subject: `Spam ${i}`, body: "buy", tags: ["spam"] }),
      );
    }
    const keep = await owner.here.tickets.create({ subject: "Real", body: "help" });
    const started = await owner.here.tickets.bulkUpdate({
      filter: { tag: "spam" },
      changes: { status: "closed" },
    });
    if (!("jobId" in started)) throw new Error("expected a job");
    expect(started.total).toBe(3);
    expect(await owner.here.tickets.bulkProgress({ jobId: started.jobId })).toMatchObject({
      state: "queued",
      job: { total: 3, processed: 0 },
    });
    // Only whoever started it sees it.
    expect(await admin.here.tickets.bulkProgress({ jobId: started.jobId })).toMatchObject({
      state: "unknown",
      job: null,
    });
    const rows = await deps.db.platform
      .select({ id: outbox.id, payload: outbox.payload })
      .from(outbox)
      .where(
        and(
          eq(outbox.tenantId, tenant.id),
          eq(outbox.jobName, bulkUpdateJob.name),
          eq(sql`${outbox.payload}->>'jobId'`, started.jobId),
        ),
      );
    expect(rows.length).toBe(1);
    for (const ticket of spam) {
      expect((await owner.here.tickets.get({ id: ticket.id })).status).toBe("open");
    }

    // The worker's run (apps/worker calls this with the same store).
    const store = bulk.jobStore(tenantCache(deps.redis, tenant.id));
    const payload = bulkUpdateJob.payload.parse(rows[0]?.payload);
    await bulk.runBulkJob(deps.db, store, { id: rows[0]?.id ?? "", payload, finalAttempt: false });
    expect(await owner.here.tickets.bulkProgress({ jobId: started.jobId })).toMatchObject({
      state: "done",
      job: { total: 3, processed: 3, updated: 3, skippedCount: 0, reason: null },
    });
    for (const ticket of spam) {
      expect((await owner.here.tickets.get({ id: ticket.id })).status).toBe("closed");
    }
    expect((await owner.here.tickets.get({ id: keep.id })).status).toBe("open");
  });

  test("the input: ids or a filter, at most 500 ids, something to change; a viewer may not", async () => {
    const { owner, join } = await createTeam(deps, "Rules Co");
    const viewer = await join("viewer");
    const ticket = await owner.here.tickets.create({ subject: "A", body: "x" });
    const ids = [ticket.id];
    for (const input of [
      { ids, filter: {}, changes: { status: "closed" as const } },
      { changes: { status: "closed" as const } },
      { ids: Array.from({ length: 501 }, () => crypto.randomUUID()), changes: {} },
    ]) {
      expect((await errorOf(owner.here.tickets.bulkUpdate(input))).code).toBe("BAD_REQUEST");
    }
    expect((await errorOf(owner.here.tickets.bulkUpdate({ ids, changes: {} }))).message).toContain(
      "changes must change something",
    );
    const refused = await errorOf(
      viewer.here.tickets.bulkUpdate({ ids, changes: { status: "closed" } }),
    );
    expect(refused.code).toBe("FORBIDDEN");
    expect((await owner.here.tickets.get({ id: ticket.id })).status).toBe("open");
  });

  test("bulkMerge: the selected tickets merge into the one chosen", async () => {
    const { owner } = await createTeam(deps, "Merge Co");
    const target = await owner.here.tickets.create({ subject: "Keep", body: "x" });
    const a = await owner.here.tickets.create({ subject: "Dup A", body: "y" });
    const b = await owner.here.tickets.create({ subject: "Dup B", body: "z" });
    expect(
      await owner.here.tickets.bulkMerge({ ids: [a.id, b.id, target.id], targetId: target.id }),
    ).toEqual({ targetId: target.id, targetNumber: target.number, merged: 2, skipped: [] });
    expect(await owner.here.tickets.get({ id: a.id })).toMatchObject({
      status: "closed",
      mergedIntoId: target.id,
    });
  });
});
