// Connections: timeouts bound how long a query can wait, and outages are told apart from bad input.
import { afterAll, describe, expect, test } from "bun:test";
import { createDatabase } from "./client";
import { isDatabaseUnavailable } from "./errors";
import { testDatabaseUrl } from "./test-helpers";

const url = testDatabaseUrl();
const db = createDatabase({
  url,
  max: 1,
  statementTimeoutMs: 300,
  idleInTransactionTimeoutMs: 4000,
});
const other = createDatabase({ url, max: 1 });

afterAll(async () => {
  await db.close();
  await other.close();
});

/** What a promise rejected with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

/** A TCP port on 127.0.0.1 that nothing listens on. */
function closedPort(): number {
  const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = listener.port;
  listener.stop(true);
  return port;
}

const elsewhere = (port: number) => url.replace(/@[^/]+\//, `@127.0.0.1:${port}/`);

describe("timeouts", () => {
  test("statement and idle-in-transaction timeouts are set on every connection", async () => {
    const [row] = await db.sql<{ statement: string; idle: string }[]>`
      select current_setting('statement_timeout') as statement,
             current_setting('idle_in_transaction_session_timeout') as idle`;
    expect(row).toEqual({ statement: "300ms", idle: "4s" });
  });

  test("a statement running past statement_timeout is cancelled, and counts as unavailable", async () => {
    const started = performance.now();
    const error = await rejection(db.sql`select pg_sleep(5)`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect((error as { code?: string }).code).toBe("57014");
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  test("a server that accepts connections but never answers fails after connectTimeoutSeconds", async () => {
    const silent = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    const stuck = createDatabase({ url: elsewhere(silent.port), max: 1, connectTimeoutSeconds: 1 });
    try {
      const started = performance.now();
      const error = await rejection(stuck.sql`select 1`);
      expect(performance.now() - started).toBeLessThan(2500);
      expect((error as { code?: string }).code).toBe("CONNECT_TIMEOUT");
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await stuck.close();
      silent.stop(true);
    }
  });
});

describe("isDatabaseUnavailable", () => {
  test("a refused connection, even wrapped by Drizzle, is unavailable and fails at once", async () => {
    const down = createDatabase({ url: elsewhere(closedPort()), max: 1 });
    try {
      const started = performance.now();
      const error = await rejection(down.platform.execute("select 1"));
      expect(performance.now() - started).toBeLessThan(1000);
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await down.close();
    }
  });

  test("a connection ended by the server mid-query (57P01 admin shutdown) is unavailable", async () => {
    const victim = createDatabase({ url, max: 1 });
    try {
      const [me] = await victim.sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
      const running = rejection(victim.sql`select pg_sleep(5)`.execute());
      await Bun.sleep(50);
      await other.sql`select pg_terminate_backend(${me?.pid ?? 0})`;
      const error = await running;
      expect(["57P01", "CONNECTION_CLOSED"]).toContain((error as { code?: string }).code as string);
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      // Not close(): postgres.js would wait out its 5 s grace for the socket the server closed.
      await victim.sql.end({ timeout: 0 });
    }
  });

  test("errors caused by the request itself are not", async () => {
    const badUuid = await rejection(other.sql`select ${"not-a-uuid"}::uuid`);
    const badDate = await rejection(other.sql`select ${"2020"}::timestamptz`);
    expect(isDatabaseUnavailable(badUuid)).toBe(false);
    expect(isDatabaseUnavailable(badDate)).toBe(false);
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
