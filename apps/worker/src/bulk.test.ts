// The `ticket.bulk-update` handler: registered with the worker and fed the job a large
// `tickets.bulkUpdate` queued, it changes every ticket once (one audit row each), skips another
// tenant's, reports progress where `tickets.bulkProgress` reads it, writes nothing twice when run
// again, and stops — changing nothing — when its actor may no longer make the change.
import { afterAll, describe, expect, test } from "bun:test";
import { tenantCache } from "@supportdesk/cache";
import {
  and,
  auditLog,
  eq,
  inArray,
  nextNumber,
  outbox,
  sql,
  tickets,
} from "@supportdesk/database";
import { createLogger } from "@supportdesk/logger";
import { bulkUpdateJob, type JobContext } from "@supportdesk/queue";
import { bulk } from "@supportdesk/services";
import { callerFor, createTeam, createTestDeps } from "@supportdesk/trpc/testing";
import { createHandlers, type HandlerDeps } from "./handlers";

const deps = await createTestDeps();
afterAll(() => deps.close());

/** Hundreds of tickets changed one by one: more than the default 5 s on a busy database. */
const SLOW_MS = 30_000;

const handler = createHandlers({ db: deps.db, publisher: deps.redis } as HandlerDeps)[
  bulkUpdateJob.name
];
if (!handler) throw new Error(`${bulkUpdateJob.name} is not registered`);
const log = createLogger({ name: "test", level: "silent" });

/** `count` open tickets straight in the table (faster than the API for a hundred). */
const seed = (tenantId: string, count: number, tags: string[] = []) =>
  deps.db.withTenant(tenantId, async (tx) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const [row] = await tx
        .insert(tickets)
        .values({ number: await nextNumber(tx, "ticket"), subject: `Ticket ${i}`, tags })
        .returning({ id: tickets.id });
      if (row) ids.push(row.id);
    }
    return ids;
  });

/** The job the request recorded for `jobId`, as the worker's runtime hands it to the handler. */
async function jobFor(tenantId: string, jobId: string): Promise<JobContext> {
  const rows = await deps.db.platform
    .select({ id: outbox.id, payload: outbox.payload })
    .from(outbox)
    .where(
      and(
        eq(outbox.tenantId, tenantId),
        eq(outbox.jobName, bulkUpdateJob.name),
        eq(sql`${outbox.payload}->>'jobId'`, jobId),
      ),
    );
  expect(rows.length).toBe(1);
  const [row] = rows;
  return {
    id: row?.id ?? "",
    name: bulkUpdateJob.name,
    tenantId,
    payload: bulkUpdateJob.payload.parse(row?.payload),
    attempt: 1,
    log,
  };
}

const auditRows = (tenantId: string, ids: string[]) =>
  deps.db.withTenant(tenantId, (tx) =>
    tx
      .select({ targetId: auditLog.targetId, apiKeyId: auditLog.actorApiKeyId })
      .from(auditLog)
      .where(and(eq(auditLog.action, "ticket.update"), inArray(auditLog.targetId, ids))),
  );

const statuses = (tenantId: string, ids: string[]) =>
  deps.db.withTenant(tenantId, async (tx) =>
    (await tx.select({ status: tickets.status }).from(tickets).where(inArray(tickets.id, ids))).map(
      (t) => t.status,
    ),
  );

const progressOf = (tenantId: string, jobId: string) =>
  bulk.jobStore(tenantCache(deps.redis, tenantId)).get(jobId);

describe("ticket.bulk-update", () => {
  test(
    "changes every ticket once with one audit row each, skips another tenant's, reports progress; a second run writes nothing",
    async () => {
      const { owner, tenant } = await createTeam(deps, "Bulk Worker Co");
      const other = await createTeam(deps, "Bulk Other Co");
      const ids = await seed(tenant.id, 105);
      const [foreign] = await seed(other.tenant.id, 1);
      const started = await owner.here.tickets.bulkUpdate({
        ids: [...ids, foreign as string],
        changes: { status: "closed", addTags: ["bulk"] },
      });
      if (!("jobId" in started)) throw new Error("expected a job");
      expect(started.total).toBe(106);
      expect((await owner.here.tickets.bulkProgress(started)).state).toBe("queued");

      const job = await jobFor(tenant.id, started.jobId);
      const counts = {
        jobId: started.jobId,
        processed: 106,
        updated: 105,
        unchanged: 0,
        skipped: 1,
      };
      expect(await handler(job)).toEqual(counts);
      expect(await owner.here.tickets.bulkProgress(started)).toMatchObject({
        state: "done",
        job: {
          total: 106,
          processed: 106,
          updated: 105,
          skippedCount: 1,
          skipped: [{ id: foreign, reason: "not found" }],
          reason: null,
        },
      });
      const audits = await auditRows(tenant.id, ids);
      expect(audits.length).toBe(105);
      expect(new Set(audits.map((a) => a.targetId)).size).toBe(105);
      expect(new Set(await statuses(tenant.id, ids))).toEqual(new Set(["closed"]));
      expect(await statuses(other.tenant.id, [foreign as string])).toEqual(["open"]);
      expect(await auditRows(other.tenant.id, [foreign as string])).toEqual([]);

      // Delivered again (a retry after a crash, say): it resumes after its last chunk.
      expect(await handler({ ...job, attempt: 2 })).toEqual(counts);
      // The same payload run from scratch, its checkpoint lost: every ticket is already as asked.
      expect(await handler({ ...job, id: crypto.randomUUID() })).toEqual({
        ...counts,
        updated: 0,
        unchanged: 105,
      });
      expect((await auditRows(tenant.id, ids)).length).toBe(105);
    },
    SLOW_MS,
  );

  test("a job started with an API key runs under the key's grant; once the key is revoked, its next job fails and changes nothing", async () => {
    const { owner, tenant } = await createTeam(deps, "Bulk Key Co");
    const ids = await seed(tenant.id, 3, ["spam"]);
    const { id: keyId, key } = await owner.here.apiKeys.create({ name: "Sync", role: "member" });
    const viaKey = callerFor(deps, { authorization: `Bearer ${key}` });
    const bulkClose = () =>
      viaKey.tickets.bulkUpdate({ filter: { tag: "spam" }, changes: { priority: "high" } });
    const first = await bulkClose();
    const second = await bulkClose();
    if (!("jobId" in first) || !("jobId" in second)) throw new Error("expected jobs");
    expect(await handler(await jobFor(tenant.id, first.jobId))).toMatchObject({ updated: 3 });
    expect((await auditRows(tenant.id, ids)).map((a) => a.apiKeyId)).toEqual([keyId, keyId, keyId]);

    await owner.here.apiKeys.revoke({ id: keyId });
    const job = await jobFor(tenant.id, second.jobId);
    await expect(handler(job)).rejects.toThrow("The API key that started this change was revoked");
    expect(await progressOf(tenant.id, second.jobId)).toMatchObject({
      state: "failed",
      processed: 0,
      reason: "The API key that started this change was revoked or has expired.",
    });
  });

  test("an actor removed from the tenant before the job runs: the job fails with the reason and nothing changes", async () => {
    const { owner, tenant, join } = await createTeam(deps, "Bulk Removed Co");
    const agent = await join("member");
    const ids = await seed(tenant.id, 4, ["spam"]);
    const started = await agent.here.tickets.bulkUpdate({
      filter: { tag: "spam" },
      changes: { status: "closed" },
    });
    if (!("jobId" in started)) throw new Error("expected a job");
    await owner.here.tenants.members.remove({ userId: agent.userId });

    const job = await jobFor(tenant.id, started.jobId);
    await expect(handler(job)).rejects.toThrow("no longer a member of this tenant");
    expect(await progressOf(tenant.id, started.jobId)).toMatchObject({
      state: "failed",
      total: 4,
      processed: 0,
      updated: 0,
      reason: "Whoever started this change is no longer a member of this tenant.",
    });
    expect(await statuses(tenant.id, ids)).toEqual(["open", "open", "open", "open"]);
    expect(await auditRows(tenant.id, ids)).toEqual([]);
  });
});
