// PostgreSQL down, over real HTTP (Bun.serve): clients get a quick 503 with Retry-After and no
// driver text, whether the database refuses connections or accepts them and never answers.
import { afterAll, describe, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import { createDatabase, type Database } from "@supportdesk/database";
import { createTestDeps, signUp, TEST_PASSWORD, testEmail } from "@supportdesk/trpc/testing";
import { createApp } from "./app";

const deps = await createTestDeps();
const elsewhere = (port: number) => env().DATABASE_URL.replace(/@[^/]+\//, `@127.0.0.1:${port}/`);

/** A TCP port on 127.0.0.1 that nothing listens on. */
function closedPort(): number {
  const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const port = listener.port;
  listener.stop(true);
  return port;
}
// Accepts connections and never says a word: a database that hangs.
const silent = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });

const databases: Record<string, Database> = {
  "refuses connections": createDatabase({ url: elsewhere(closedPort()), max: 2 }),
  "never answers": createDatabase({
    url: elsewhere(silent.port),
    max: 2,
    connectTimeoutSeconds: 1,
  }),
};
const servers = Object.values(databases).map(
  () => undefined as ReturnType<typeof Bun.serve> | undefined,
);

/** The app over a real socket, with every dependency live but `db`. */
function serve(db: Database, index: number): string {
  const app = createApp({ deps: { ...deps, db }, corsOrigins: [], trustProxy: false });
  const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: app.fetch });
  servers[index] = server;
  return server.url.href.replace(/\/$/, "");
}

afterAll(async () => {
  for (const server of servers) server?.stop(true);
  // Not close(): postgres.js would wait out its grace period for connections that never opened.
  for (const db of Object.values(databases)) await db.sql.end({ timeout: 0 });
  silent.stop(true);
  await deps.close();
});

// A signed-in user and their tenant, made while the database is up.
const user = await signUp(deps, { tenantName: `Down ${crypto.randomUUID().slice(0, 8)}` });
const slug = user.tenant?.slug as string;

type Timed = { status: number; ms: number; retryAfter: string | null; text: string };

async function timed(url: string, init?: RequestInit): Promise<Timed> {
  const started = performance.now();
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await res.text();
  return {
    status: res.status,
    ms: performance.now() - started,
    retryAfter: res.headers.get("retry-after"),
    text,
  };
}

Object.entries(databases).forEach(([label, db], index) => {
  describe(`PostgreSQL that ${label}`, () => {
    const base = serve(db, index);

    /** 503, Retry-After, the one message, no driver words, and quickly (connect timeout 1 s). */
    function expectUnavailable(reply: Timed) {
      expect(reply.status).toBe(503);
      expect(Number(reply.retryAfter)).toBeGreaterThan(0);
      const body = JSON.parse(reply.text) as { error: { message: string; data: { code: string } } };
      expect(body.error.data.code).toBe("SERVICE_UNAVAILABLE");
      expect(body.error.message).toBe("The service is briefly unavailable; try again shortly.");
      expect(reply.text).not.toMatch(
        /ECONNREFUSED|CONNECT_TIMEOUT|127\.0\.0\.1|select|Failed query/i,
      );
      expect(reply.ms).toBeLessThan(3000);
    }

    test("sign-in answers 503 with Retry-After", async () => {
      expectUnavailable(
        await timed(`${base}/trpc/auth.login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: testEmail("down"), password: TEST_PASSWORD }),
        }),
      );
    });

    test("a signed-in user's inbox answers 503 with Retry-After", async () => {
      const input = encodeURIComponent(JSON.stringify({ perPage: 5 }));
      expectUnavailable(
        await timed(`${base}/t/${slug}/trpc/tickets.list?input=${input}`, {
          headers: { authorization: `Bearer ${user.accessToken}` },
        }),
      );
    });

    test("/ready says PostgreSQL is down", async () => {
      const reply = await timed(`${base}/ready`);
      expect(reply.status).toBe(503);
      expect(JSON.parse(reply.text)).toMatchObject({ status: "unavailable", postgres: "down" });
      expect(reply.ms).toBeLessThan(3000);
    });
  });
});
