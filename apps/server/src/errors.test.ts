// What a client and the log see when a request goes wrong (over HTTP, real PostgreSQL and Redis):
// bad input is a 400 naming the field, anything unexpected a generic 500 with a request id, and
// neither the answer nor the log ever carries SQL parameters, emails or password hashes.
import { afterAll, describe, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import { createDatabase } from "@supportdesk/database";
import { createLogger } from "@supportdesk/logger";
import { createTestDeps, signUp, TEST_PASSWORD, testEmail } from "@supportdesk/trpc/testing";
import { createApp } from "./app";

/** Every log line the apps below write, as text. */
const logLines: string[] = [];
const log = createLogger({
  name: "errors-test",
  level: "info",
  destination: { write: (line: string) => void logLines.push(line) },
});

const deps = { ...(await createTestDeps()), log };
const app = createApp({ deps, corsOrigins: [], trustProxy: false });

// The app role's database without our schema: every query fails in a way no code expects.
const schemaless = createDatabase({
  url: env().DATABASE_URL.replace(/\/[^/?]+(\?|$)/, "/postgres$1"),
  max: 1,
});
const broken = createApp({ deps: { ...deps, db: schemaless }, corsOrigins: [], trustProxy: false });

afterAll(async () => {
  await deps.close();
  await schemaless.close();
});

type WireError = {
  message: string;
  data: { code: string; httpStatus: number; field: string | null; requestId?: string };
};
type Reply = { status: number; text: string; error?: WireError; requestId: string | null };

async function call(
  target: typeof app,
  procedure: string,
  input: unknown,
  options: { method?: "GET" | "POST"; token?: string; slug?: string } = {},
): Promise<Reply> {
  const base = options.slug ? `/t/${options.slug}/trpc` : "/trpc";
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res =
    options.method === "GET"
      ? await target.request(
          `http://localhost${base}/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`,
          { headers },
        )
      : await target.request(`http://localhost${base}/${procedure}`, {
          method: "POST",
          headers,
          body: JSON.stringify(input),
        });
  const text = await res.text();
  const body = JSON.parse(text) as { error?: WireError };
  return {
    status: res.status,
    text,
    error: body.error,
    requestId: res.headers.get("x-request-id"),
  };
}

/** Nothing of the database's own words reaches a client. */
function expectNoInternals(reply: Reply) {
  expect(reply.text).not.toMatch(/insert into|select |Failed query|params:|\$argon2|postgres/i);
}

const owner = await signUp(deps, { tenantName: `Errors ${crypto.randomUUID().slice(0, 8)}` });
const slug = owner.tenant?.slug as string;
const asOwner = { token: owner.accessToken, slug };

describe("a NUL byte in a text field", () => {
  const cases: [string, string, unknown, string, typeof asOwner | undefined][] = [
    [
      "auth.register name",
      "auth.register",
      {
        email: testEmail("nul"),
        password: TEST_PASSWORD,
        name: "Eve\u0000",
        tokenDelivery: "body",
      },
      "name",
      undefined,
    ],
    ["profile name", "auth.updateProfile", { name: "a\u0000b" }, "name", asOwner],
    ["tenant name", "tenants.create", { name: "Evil\u0000 Co", slug: "nul-co" }, "name", asOwner],
    ["ticket subject", "tickets.create", { subject: "x\u0000", body: "hello" }, "subject", asOwner],
    ["ticket body", "tickets.create", { subject: "hi", body: "\u0000" }, "body", asOwner],
    [
      "customer name",
      "customers.create",
      { email: testEmail("c"), name: "C\u0000" },
      "name",
      asOwner,
    ],
    ["API key name", "apiKeys.create", { name: "k\u0000", role: "viewer" }, "name", asOwner],
  ];
  for (const [label, procedure, input, field, options] of cases) {
    test(`in the ${label} is a 400 naming ${field}`, async () => {
      const reply = await call(app, procedure, input, options);
      expect(reply.status).toBe(400);
      expect(reply.error?.data.code).toBe("BAD_REQUEST");
      expect(reply.error?.data.field).toBe(field);
      expectNoInternals(reply);
    });
  }

  test("in a search query (GET) is a 400 naming q", async () => {
    const reply = await call(app, "tickets.list", { q: "a\u0000" }, { ...asOwner, method: "GET" });
    expect(reply.status).toBe(400);
    expect(reply.error?.data.field).toBe("q");
    expectNoInternals(reply);
  });
});

describe("a forged cursor", () => {
  const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
  const forged: [string, string][] = [
    ["a bare year", forge(["2020", id])],
    ["the year 275760", forge(["+275760-09-13T00:00:00.000Z", id])],
    ["a day that does not exist", forge(["2024-02-30T00:00:00.000Z", id])],
    ["an id of dashes", forge(["2024-01-01T00:00:00.000Z", "-".repeat(36)])],
    ["not base64 JSON", "!!not-a-cursor!!"],
  ];
  for (const procedure of ["tickets.list", "customers.list", "notifications.list"]) {
    for (const [label, cursor] of forged) {
      test(`${procedure}: ${label} is a 400 naming cursor`, async () => {
        const reply = await call(app, procedure, { cursor }, { ...asOwner, method: "GET" });
        expect(reply.status).toBe(400);
        expect(reply.error?.data.field).toBe("cursor");
        expectNoInternals(reply);
      });
    }
  }
});

describe("an unexpected error", () => {
  test("is a generic 500 carrying the request id, without SQL, email or hash", async () => {
    const email = testEmail("leak");
    const reply = await call(broken, "auth.register", {
      email,
      password: TEST_PASSWORD,
      name: "Leaky",
      tokenDelivery: "body",
    });
    expect(reply.status).toBe(500);
    expect(reply.error?.data.code).toBe("INTERNAL_SERVER_ERROR");
    expect(reply.requestId).toBeTruthy();
    expect(reply.error?.message).toContain(reply.requestId as string);
    expect(reply.error?.data.requestId).toBe(reply.requestId as string);
    expect(reply.text).not.toContain(email);
    expectNoInternals(reply);

    // The log has the details for whoever investigates, minus the parameters.
    const lines = logLines.filter((line) => line.includes(reply.requestId as string));
    const failure = lines.find((line) => line.includes('"level":50'));
    expect(failure).toBeDefined();
    expect(failure).toContain("users"); // the query's relation, so the cause can be found
    for (const line of lines) {
      expect(line).not.toContain(email);
      expect(line).not.toContain("$argon2");
      expect(line).not.toContain("params:");
      expect(line).not.toContain("Leaky");
    }
  });
});
