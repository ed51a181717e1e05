// The rollup against the real database: a ticket's fact row is recomputed from its sources the
// same way every time (idempotent), counts durations in the default calendar's business time,
// and follows a reopen.
import { afterAll, describe, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import {
  businessHours,
  createDatabase,
  eq,
  messages,
  ticketFacts,
  tickets,
} from "@supportdesk/database";
import { refreshFact } from "./facts";
import { at, reportDesk } from "./test-desk";

const db = createDatabase({ url: env().DATABASE_URL, max: 4 });
afterAll(() => db.close());

const factOf = (tenantId: string, ticketId: string) =>
  db.withTenant(tenantId, async (tx) => {
    const [row] = await tx.select().from(ticketFacts).where(eq(ticketFacts.ticketId, ticketId));
    return row ? { ...row, updatedAt: null } : undefined;
  });

describe("refreshFact", () => {
  test("recomputing gives the same row; a reopen clears the resolution and counts", async () => {
    const d = await reportDesk(db);
    const id = d.ids.t1 ?? "";
    await refreshFact(db, d.tenant.id, id);
    const first = await factOf(d.tenant.id, id);
    expect(first).toMatchObject({
      status: "resolved",
      firstResponseAt: at("2025-01-06T10:30:00Z"),
      firstResponseSeconds: 5400,
      resolvedAt: at("2025-01-07T12:00:00Z"),
      resolutionSeconds: 97_200,
      reopenCount: 0,
      slaBreached: false,
      csatRating: 5,
    });
    await refreshFact(db, d.tenant.id, id);
    expect(await factOf(d.tenant.id, id)).toEqual(first);

    await db.withTenant(d.tenant.id, async (tx) => {
      await tx.update(tickets).set({ status: "open" }).where(eq(tickets.id, id));
      await tx.insert(messages).values({
        ticketId: id,
        authorType: "system",
        body: "Status changed from resolved to open (the customer replied).",
      });
    });
    await refreshFact(db, d.tenant.id, id);
    expect(await factOf(d.tenant.id, id)).toMatchObject({
      status: "open",
      resolvedAt: null,
      resolutionSeconds: null,
      reopenCount: 1,
      firstResponseSeconds: 5400,
    });
  });

  test("durations are business seconds of the tenant's default calendar", async () => {
    const d = await reportDesk(db);
    const nine = [{ start: "09:00", end: "17:00" }];
    await db.withTenant(d.tenant.id, (tx) =>
      tx.insert(businessHours).values({
        name: "Office",
        timezone: "UTC",
        weekly: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine },
        isDefault: true,
      }),
    );
    // t2: opened Mon 23:30 (closed), answered Tue 01:00 (still closed): no business time passed.
    await refreshFact(db, d.tenant.id, d.ids.t2 ?? "");
    expect(await factOf(d.tenant.id, d.ids.t2 ?? "")).toMatchObject({ firstResponseSeconds: 0 });
    // t1: Mon 09:00 → Tue 12:00 is 8 h + 3 h of office time.
    await refreshFact(db, d.tenant.id, d.ids.t1 ?? "");
    expect(await factOf(d.tenant.id, d.ids.t1 ?? "")).toMatchObject({
      firstResponseSeconds: 5400,
      resolutionSeconds: 11 * 3600,
    });
  });

  test("a ticket that is gone has no fact and refreshing it is harmless", async () => {
    const d = await reportDesk(db, []);
    expect(await refreshFact(db, d.tenant.id, crypto.randomUUID())).toEqual({ written: 0 });
  });
});
