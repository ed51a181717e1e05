// What reaches a log line: secrets, emails and SQL parameters never do, whatever the call site.
import { describe, expect, test } from "bun:test";
import { createLogger, scrubText } from "./index";

const EMAIL = "alice@example.com";
const HASH = "$argon2id$v=19$m=19456,t=2,p=1$VbbrBUYRWrmKG2IbUSjPgv$KYrnROoRolQn/AzZvAHA+TZlgZ";
const JWT = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJlLXBhcnQ";
const API_KEY = "sdk_k3x9a0b2_Vq8secretsecretsecret";

/** A logger writing into an array, and the lines it wrote. */
function capture() {
  const lines: string[] = [];
  const log = createLogger({
    name: "test",
    level: "info",
    destination: { write: (line: string) => void lines.push(line) },
  });
  return { log, text: () => lines.join("") };
}

/** Shaped like what Drizzle throws around a postgres.js error when an insert fails. */
function queryFailure(): Error {
  const query =
    'insert into "users" ("id", "email", "password_hash", "name") values ($1, $2, $3, $4)';
  const driver = Object.assign(
    new Error('duplicate key value violates unique constraint "users_email_key"'),
    {
      name: "PostgresError",
      code: "23505",
      severity: "ERROR",
      detail: `Key (email)=(${EMAIL}) already exists.`,
      constraint_name: "users_email_key",
      table_name: "users",
      query,
      parameters: ["0190", EMAIL, HASH, "Alice Secret"],
      args: ["0190", EMAIL, HASH, "Alice Secret"],
    },
  );
  return Object.assign(
    new Error(`Failed query: ${query}\nparams: 0190,${EMAIL},${HASH},Alice Secret`, {
      cause: driver,
    }),
    { name: "DrizzleQueryError", query, params: ["0190", EMAIL, HASH, "Alice Secret"] },
  );
}

describe("log redaction", () => {
  test("passwords, tokens, cookies and authorization headers are redacted", () => {
    const { log, text } = capture();
    log.info(
      {
        password: "hunter2-top",
        input: { newPassword: "hunter3-top", token: "opaque-token-123", email: EMAIL },
        accessToken: JWT,
        req: { headers: { authorization: `Bearer ${JWT}`, cookie: "sd_refresh=cookie-value-9" } },
        refreshCookie: "cookie-value-9",
      },
      "signing in",
    );
    const out = text();
    for (const secret of [
      "hunter2-top",
      "hunter3-top",
      "opaque-token-123",
      JWT,
      "cookie-value-9",
      EMAIL,
    ]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain("[redacted]");
    expect(out).toContain("signing in");
  });

  test("a failed query's error keeps the SQL and codes but none of its parameters", () => {
    const { log, text } = capture();
    log.error({ err: queryFailure(), requestId: "req-1" }, "procedure failed");
    const out = text();
    for (const value of [EMAIL, HASH, "$argon2", "Alice Secret", "params:"]) {
      expect(out).not.toContain(value);
    }
    const line = JSON.parse(out) as {
      requestId: string;
      err: { type: string; message: string; query: string; cause: Record<string, unknown> };
    };
    expect(line.requestId).toBe("req-1");
    expect(line.err.type).toBe("DrizzleQueryError");
    expect(line.err.query).toContain('insert into "users"');
    expect(line.err.cause).toMatchObject({
      type: "PostgresError",
      code: "23505",
      constraint_name: "users_email_key",
    });
    expect(line.err.cause.detail).toBeUndefined();
  });

  test("an error logged as the first argument or as a message string is scrubbed too", () => {
    const { log, text } = capture();
    log.error(queryFailure());
    log.warn({ err: queryFailure().message }, "relay failed");
    log.warn({ error: new Error(`could not send to ${EMAIL} with ${API_KEY}`) }, "mail");
    const out = text();
    for (const value of [EMAIL, HASH, API_KEY, "Alice Secret"]) expect(out).not.toContain(value);
    expect(out).toContain("Failed query: insert into");
  });

  test("scrubText removes emails, hashes, JWTs, bearer tokens and API keys", () => {
    const scrubbed = scrubText(`${EMAIL} ${HASH} ${JWT} Bearer abc.def ${API_KEY}`);
    expect(scrubbed).toBe("[email] [redacted] [redacted] Bearer [redacted] [redacted]");
  });
});
