// Keyed jobs (`enqueue(…, { key })`): one waiting row per key, and a second enqueue holds that
// row until its own transaction ends, so the relay (which skips locked rows) cannot run the job
// before the second writer's changes are visible.
import { afterAll, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import { and, createDatabase, eq, isNull, outbox, sql, tenants } from "@supportdesk/database";
import { reportFactJob } from "./jobs-service-levels";
import { enqueue } from "./outbox";

const config = env();
const db = createDatabase({ url: config.DATABASE_URL, max: 4 });
afterAll(() => db.close());

test("a second enqueue joins the waiting job and holds it until its transaction ends", async () => {
  const [tenant] = await db.platform
    .insert(tenants)
    .values({ slug: `k-${crypto.randomUUID().slice(0, 12)}`, name: "Keyed jobs" })
    .returning({ id: tenants.id });
  if (!tenant) throw new Error("no tenant");
  const payload = { tenantId: tenant.id, ticketId: crypto.randomUUID() };
  const key = `fact:${payload.ticketId}`;
  const first = await db.platform.transaction((tx) => enqueue(tx, reportFactJob, payload, { key }));
  const pending = () =>
    db.platform
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.jobKey, key), isNull(outbox.dispatchedAt)));
  /** What a relay round could take right now: the row unless someone holds it. */
  const relayable = () =>
    db.platform.transaction((tx) =>
      tx.execute(sql`select id from outbox where id = ${first.id} for update skip locked`),
    );

  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let joined: { id: string } | undefined;
  const second = db.platform.transaction(async (tx) => {
    joined = await enqueue(tx, reportFactJob, payload, { key });
    await held;
  });
  while (!joined) await Bun.sleep(10);
  expect(joined.id).toBe(first.id);
  expect(await pending()).toHaveLength(1);
  expect(await relayable()).toHaveLength(0);
  release();
  await second;
  expect(await relayable()).toHaveLength(1);
  expect(await pending()).toHaveLength(1);
});
