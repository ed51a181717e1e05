// Outbox retention on real PostgreSQL: old dispatched rows go, pending and recent ones stay.
import { afterAll, describe, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import { createDatabase, inArray, outbox, tenants } from "@supportdesk/database";
import { createLogger } from "@supportdesk/logger";
import { purgeDispatched, startOutboxPurge } from "./retention";

const db = createDatabase({ url: env().DATABASE_URL, max: 2 });
afterAll(() => db.close());

async function tenant(): Promise<string> {
  const [row] = await db.platform
    .insert(tenants)
    .values({ slug: `ret-${crypto.randomUUID().slice(0, 12)}`, name: "Retention test" })
    .returning({ id: tenants.id });
  return row?.id ?? "";
}

/** A row of `tenantId` (null: platform) created `ageDays` ago, dispatched `dispatchedDays` ago. */
async function row(tenantId: string | null, ageDays: number, dispatchedDays: number | null) {
  const [inserted] = await db.sql<{ id: string }[]>`
    insert into outbox (id, tenant_id, queue, job_name, payload, created_at, dispatched_at)
    values (gen_random_uuid(), ${tenantId}, 'email', 'email.test', '{}'::jsonb,
            now() - make_interval(days => ${ageDays}),
            case when ${dispatchedDays}::int is null then null
                 else now() - make_interval(days => ${dispatchedDays}::int) end)
    returning id::text`;
  return inserted?.id ?? "";
}

const remaining = async (ids: string[]) =>
  (await db.platform.select({ id: outbox.id }).from(outbox).where(inArray(outbox.id, ids)))
    .map((r) => r.id)
    .sort();

describe("purgeDispatched", () => {
  test("deletes rows dispatched before the cutoff in every tenant and the platform lane; keeps the rest", async () => {
    const [a, b] = [await tenant(), await tenant()];
    const old = [await row(a, 9, 8), await row(b, 30, 29), await row(null, 8, 8)];
    const kept = [
      await row(a, 9, 6), // dispatched recently, though created long ago
      await row(b, 40, null), // still pending: never purged, whatever its age
      await row(null, 1, 1),
    ];
    const result = await purgeDispatched(db, { olderThanDays: 7, batch: 2 });
    expect(await remaining([...old, ...kept])).toEqual([...kept].sort());
    expect(result.purged).toBeGreaterThanOrEqual(3);
    expect(result.byTenant.get(a)).toBe(1);
    expect(result.byTenant.get(b)).toBe(1);
  });

  test("running it again (or from two workers at once) deletes nothing more and fails nothing", async () => {
    const a = await tenant();
    const old = await Promise.all([1, 2, 3].map(() => row(a, 10, 10)));
    const [first, second] = await Promise.all([
      purgeDispatched(db, { olderThanDays: 7, batch: 1 }),
      purgeDispatched(db, { olderThanDays: 7, batch: 1 }),
    ]);
    expect((first.byTenant.get(a) ?? 0) + (second.byTenant.get(a) ?? 0)).toBe(3);
    expect(await remaining(old)).toEqual([]);
    expect((await purgeDispatched(db, { olderThanDays: 7 })).byTenant.get(a)).toBeUndefined();
  });
});

describe("startOutboxPurge", () => {
  test("purges once at start and stops cleanly", async () => {
    const id = await row(await tenant(), 3, 3);
    const purge = startOutboxPurge({
      db,
      log: createLogger({ name: "test", level: "silent" }),
      retentionDays: 2,
      everyMs: 60_000,
    });
    await purge.stop();
    expect(await remaining([id])).toEqual([]);
  });
});
