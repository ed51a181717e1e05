// Connection settings the user supplied (DATABASE_URL, REDIS_URL, …): used as given, only checked.
import { tryQuery } from "./postgres.ts";
import { parseRedisUrl, redisProblem } from "./redis.ts";
import { errorMessage, maskUrl, UserError, ui } from "./ui.ts";

/** A variable's value, treating empty as unset (as the config package does). */
export function setting(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === "" ? undefined : value;
}

const embeddedHint = "or remove it from .env and the environment to use the embedded local default";

function databaseName(variable: string, url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(
      `${variable} is not a valid URL. Fix it (postgres://user:password@host:port/database), ` +
        `${embeddedHint}.`,
    );
  }
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:") {
    throw new UserError(
      `${variable} must start with postgres:// or postgresql://. Fix it, ${embeddedHint}.`,
    );
  }
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!name)
    throw new UserError(
      `${variable} names no database (…/database at the end). Add one, ${embeddedHint}.`,
    );
  return name;
}

function withDatabase(url: string, db: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(db)}`;
  return parsed.href;
}

function userName(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

export interface PostgresUrls {
  DATABASE_URL: string;
  DATABASE_ADMIN_URL: string;
  TEST_DATABASE_URL: string;
  TEST_DATABASE_ADMIN_URL: string;
}

export interface ConfiguredPostgres {
  urls: PostgresUrls;
  /** False when the test database is unreachable; its migrations are skipped with a warning. */
  testReady: boolean;
}

async function mustAnswer(variable: string, url: string, query = "select 1"): Promise<string[][]> {
  const probe = await tryQuery(url, query);
  if (!probe.ok) {
    throw new UserError(
      `${variable} (${maskUrl(url)}) does not answer: ${probe.message}. Start that server or fix ` +
        `the URL, ${embeddedHint} (together with the other DATABASE_* variables).`,
    );
  }
  return probe.rows;
}

/**
 * Checks DATABASE_URL and DATABASE_ADMIN_URL (both required once either is set) and works out
 * the test database: TEST_DATABASE_* when given, else the same name with `_test` appended.
 */
export async function configuredPostgres(): Promise<ConfiguredPostgres | null> {
  const app = setting("DATABASE_URL");
  const admin = setting("DATABASE_ADMIN_URL");
  if (!app && !admin) return null;
  if (!app || !admin) {
    const [set, missing] = app
      ? ["DATABASE_URL", "DATABASE_ADMIN_URL"]
      : ["DATABASE_ADMIN_URL", "DATABASE_URL"];
    throw new UserError(
      `${set} is set but ${missing} is not. Set both (the app role and the owner role that runs ` +
        "migrations), or neither to use the embedded local default.",
    );
  }
  const devName = databaseName("DATABASE_URL", app);
  databaseName("DATABASE_ADMIN_URL", admin);
  const givenTestApp = setting("TEST_DATABASE_URL");
  const givenTestAdmin = setting("TEST_DATABASE_ADMIN_URL");
  const testName = givenTestApp
    ? databaseName("TEST_DATABASE_URL", givenTestApp)
    : givenTestAdmin
      ? databaseName("TEST_DATABASE_ADMIN_URL", givenTestAdmin)
      : `${devName}_test`;
  const urls: PostgresUrls = {
    DATABASE_URL: app,
    DATABASE_ADMIN_URL: admin,
    TEST_DATABASE_URL: givenTestApp ?? withDatabase(app, testName),
    TEST_DATABASE_ADMIN_URL: givenTestAdmin ?? withDatabase(admin, testName),
  };
  if (testName === devName && new URL(urls.TEST_DATABASE_URL).host === new URL(app).host) {
    throw new UserError(
      `The test database is the dev database (${devName}); tests would wipe your data. Point ` +
        "TEST_DATABASE_URL and TEST_DATABASE_ADMIN_URL at another database.",
    );
  }

  const [role] = await mustAnswer(
    "DATABASE_URL",
    app,
    "select rolsuper or rolbypassrls from pg_roles where rolname = current_user",
  );
  if (role?.[0] === "true") {
    ui.warn(
      `DATABASE_URL logs in as ${userName(app)}, a superuser or BYPASSRLS role, so row-level ` +
        "security does not isolate tenants. Use a plain role for the app.",
    );
  }
  await mustAnswer("DATABASE_ADMIN_URL", admin);
  return { urls, testReady: await ensureTestDatabase(urls, testName) };
}

/** Creates a missing test database when the owner role may; otherwise warns and carries on. */
async function ensureTestDatabase(urls: PostgresUrls, testName: string): Promise<boolean> {
  let probe = await tryQuery(urls.TEST_DATABASE_ADMIN_URL, "select 1");
  if (!probe.ok && probe.code === "3D000") {
    const quoted = `"${testName.replaceAll('"', '""')}"`;
    const created = await tryQuery(urls.DATABASE_ADMIN_URL, `CREATE DATABASE ${quoted}`);
    if (created.ok) {
      ui.info(`Created the test database ${testName}.`);
      const appUser = userName(urls.TEST_DATABASE_URL).replaceAll('"', '""');
      await tryQuery(
        urls.TEST_DATABASE_ADMIN_URL,
        `GRANT CONNECT ON DATABASE ${quoted} TO "${appUser}"`,
      );
      probe = await tryQuery(urls.TEST_DATABASE_ADMIN_URL, "select 1");
    } else {
      probe = {
        ok: false,
        code: created.code,
        message: `it does not exist and creating it failed: ${created.message}`,
      };
    }
  }
  if (!probe.ok) {
    ui.warn(
      `the test database (${maskUrl(urls.TEST_DATABASE_ADMIN_URL)}) is not usable: ` +
        `${probe.message}. Tests will fail until you create it or set TEST_DATABASE_URL and ` +
        "TEST_DATABASE_ADMIN_URL; skipping its migrations.",
    );
    return false;
  }
  const app = await tryQuery(urls.TEST_DATABASE_URL, "select 1");
  if (!app.ok)
    ui.warn(
      `TEST_DATABASE_URL (${maskUrl(urls.TEST_DATABASE_URL)}) does not answer: ${app.message}.`,
    );
  return true;
}

export interface RedisUrls {
  REDIS_URL: string;
  TEST_REDIS_URL: string;
}

/** Checks REDIS_URL; the test URL is TEST_REDIS_URL or the next database number on that server. */
export async function configuredRedis(): Promise<RedisUrls | null> {
  const url = setting("REDIS_URL");
  if (!url) return null;
  let db: number;
  try {
    db = parseRedisUrl(url).db;
  } catch (error) {
    throw new UserError(
      `REDIS_URL is not a usable Redis URL (${errorMessage(error)}). Fix it, ${embeddedHint}.`,
    );
  }
  const problem = await redisProblem(url);
  if (problem) {
    throw new UserError(
      `REDIS_URL (${maskUrl(url)}) does not answer: ${problem}. Start that Redis or fix the ` +
        `URL, ${embeddedHint}.`,
    );
  }
  const derived = new URL(url);
  derived.pathname = `/${db + 1}`;
  const testUrl = setting("TEST_REDIS_URL") ?? derived.href;
  if (testUrl === url) {
    throw new UserError(
      "TEST_REDIS_URL is the same as REDIS_URL; tests flush their Redis database. Give tests " +
        "another database number (…/1) or server.",
    );
  }
  const testProblem = await redisProblem(testUrl);
  if (testProblem) {
    ui.warn(
      `the test Redis (${maskUrl(testUrl)}) does not answer: ${testProblem}. Set TEST_REDIS_URL ` +
        "to a Redis database tests may use.",
    );
  }
  return { REDIS_URL: url, TEST_REDIS_URL: testUrl };
}

/** The settings to write, and a few words on where they came from for the summary. */
export interface Chosen<Urls> {
  urls: Urls;
  summary: string;
}
