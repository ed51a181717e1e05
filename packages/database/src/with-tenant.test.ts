// withTenant: context per transaction, no leak through a pool, race-free numbering.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq, sql } from "drizzle-orm";
import { createDatabase } from "./client";
import { nextNumber } from "./counters";
import { TenantContextError } from "./errors";
import { customers, tickets } from "./schema";
import {
  makeTenant,
  makeTenantGraph,
  makeUser,
  openTestDatabases,
  testDatabaseUrl,
} from "./test-helpers";

const { app, admin } = openTestDatabases(4);
const tenantIds: string[] = [];

beforeAll(async () => {
  const user = await makeUser(app);
  for (const name of ["One", "Two", "Three", "Four"]) {
    const tenant = await makeTenant(app, name);
    tenantIds.push(tenant.id);
    await makeTenantGraph(app, tenant.id, user.id);
  }
});

afterAll(async () => {
  await app.close();
  await admin.close();
});

describe("withTenant", () => {
  test("context does not leak through a pool of 2: 400 concurrent calls each see only their tenant", async () => {
    const pool = createDatabase({ url: testDatabaseUrl(), max: 2 });
    try {
      const calls = Array.from({ length: 400 }, async (_, i) => {
        const tenantId = tenantIds[i % tenantIds.length] as string;
        // Mix first-query kinds (builder, relational, raw) and failures that roll back.
        return pool
          .withTenant(tenantId, async (tx) => {
            const rows =
              i % 3 === 0
                ? await tx.select({ tenantId: tickets.tenantId }).from(tickets)
                : i % 3 === 1
                  ? await tx.query.tickets.findMany({ columns: { tenantId: true } })
                  : await tx.execute<{ tenantId: string }>(
                      sql`select tenant_id as "tenantId" from tickets`,
                    );
            const [setting] = await tx.execute<{ t: string }>(
              sql`select current_setting('app.tenant_id') as t`,
            );
            if (i % 7 === 0) throw new Error("roll back");
            return { tenantId, seen: [...rows].map((r) => r.tenantId), setting: setting?.t };
          })
          .catch((error: Error) => error.message);
      });
      const results = await Promise.all(calls);
      let checked = 0;
      for (const result of results) {
        if (typeof result === "string") {
          expect(result).toBe("roll back");
          continue;
        }
        expect(result.setting).toBe(result.tenantId);
        expect(result.seen).toEqual([result.tenantId]);
        checked++;
      }
      expect(checked).toBeGreaterThan(300);
      // After all that, the pooled connections carry no tenant: plain queries see nothing.
      const leftovers = await Promise.all(
        [1, 2, 3, 4].map(() => pool.sql<{ n: number }[]>`select count(*)::int as n from tickets`),
      );
      expect(leftovers.map((r) => r[0]?.n)).toEqual([0, 0, 0, 0]);
    } finally {
      await pool.close();
    }
  });

  test("writes inside a callback that throws are rolled back", async () => {
    const tenantId = tenantIds[0] as string;
    const email = `rollback-${crypto.randomUUID()}@example.test`;
    await expect(
      app.withTenant(tenantId, async (tx) => {
        await tx.insert(customers).values({ email, name: "Gone" });
        throw new Error("nope");
      }),
    ).rejects.toThrow("nope");
    const found = await app.withTenant(tenantId, (tx) =>
      tx.select().from(customers).where(eq(customers.email, email)),
    );
    expect(found).toEqual([]);
  });

  test("inserts take the tenant from the context; naming another tenant is refused", async () => {
    const [mine, theirs] = tenantIds as [string, string];
    const [row] = await app.withTenant(mine, (tx) =>
      tx
        .insert(customers)
        .values({ email: `${crypto.randomUUID()}@example.test`, name: "Mine" })
        .returning(),
    );
    expect(row?.tenantId).toBe(mine);
    const forged = app.withTenant(mine, (tx) =>
      tx.insert(customers).values({ tenantId: theirs, email: "x@example.test", name: "Forged" }),
    );
    await expect(forged).rejects.toThrow();
  });

  test("a malformed tenant id is refused before reaching the database", async () => {
    await expect(app.withTenant("acme", async () => 1)).rejects.toBeInstanceOf(TenantContextError);
    await expect(app.withTenant("' or 1=1 --", async () => 1)).rejects.toThrow(
      "tenantId must be a UUID",
    );
  });

  test("an unknown (well-formed) tenant id sees nothing and can write nothing", async () => {
    const ghost = crypto.randomUUID();
    const rows = await app.withTenant(ghost, (tx) => tx.select().from(tickets));
    expect(rows).toEqual([]);
    await expect(
      app.withTenant(ghost, (tx) =>
        tx.insert(customers).values({ email: "g@example.test", name: "G" }),
      ),
    ).rejects.toThrow();
  });

  test("the owner role is bound by the policies too (FORCE): no tenant, no rows", async () => {
    const [row] = await admin.sql<{ n: number }[]>`select count(*)::int as n from tickets`;
    expect(row?.n).toBe(0);
    const seen = await admin.withTenant(tenantIds[1] as string, (tx) => tx.select().from(tickets));
    expect(seen.map((t) => t.tenantId)).toEqual([tenantIds[1] as string]);
  });
});

describe("per-tenant ticket numbers", () => {
  test("50 concurrent creations in one tenant get 1..50 with no gap or duplicate; another tenant starts at 1", async () => {
    const first = await makeTenant(app, "Numbers");
    const second = await makeTenant(app, "Other numbers");
    const pool = createDatabase({ url: testDatabaseUrl(), max: 8 });
    try {
      const numbers = await Promise.all(
        Array.from({ length: 50 }, () =>
          pool.withTenant(first.id, async (tx) => {
            const number = await nextNumber(tx, "ticket");
            await tx.insert(tickets).values({ number, subject: `Ticket ${number}` });
            return number;
          }),
        ),
      );
      expect([...numbers].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 50 }, (_, i) => i + 1),
      );
      const other = await pool.withTenant(second.id, (tx) => nextNumber(tx, "ticket"));
      expect(other).toBe(1);
    } finally {
      await pool.close();
    }
  });

  test("a rolled-back creation gives its number back", async () => {
    const tenant = await makeTenant(app, "Rollback numbers");
    await app
      .withTenant(tenant.id, async (tx) => {
        await nextNumber(tx, "ticket");
        throw new Error("abandon");
      })
      .catch(() => {});
    expect(await app.withTenant(tenant.id, (tx) => nextNumber(tx, "ticket"))).toBe(1);
  });
});
