// The bench databases: created once (as a superuser, next to the dev database), owned by the owner
// role with the app role allowed in, search operators made usable under RLS, and migrated.
import { repoRoot } from "@supportdesk/config";
import { createDatabase } from "@supportdesk/database";
import { SEARCH_UNDER_RLS } from "../../scripts/lib/postgres-provision";
import { benchVariable } from "./args";

export const APP_ROLE = "supportdesk_app";
export const OWNER_ROLE = "supportdesk_owner";

export type BenchUrls = { admin: string; app: string; name: string };

/** The owner (admin) and app URLs of database `name` on the same server as the dev database. */
export function benchUrls(adminUrl: string, appUrl: string, name: string): BenchUrls {
  const withDb = (raw: string) => {
    const url = new URL(raw);
    url.pathname = `/${name}`;
    return url.toString();
  };
  return { admin: withDb(adminUrl), app: withDb(appUrl), name };
}

/** A short form of an error for messages (postgres.js errors carry a code). */
export function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    return code ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

async function canConnect(url: string): Promise<boolean> {
  const db = createDatabase({ url, max: 1 });
  try {
    await db.sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await db.close().catch(() => {});
  }
}

function superuserUrl(adminUrl: string): string {
  const configured = benchVariable("BENCH_SUPERUSER_URL");
  if (configured) return configured;
  const url = new URL(adminUrl);
  return `postgres://postgres@${url.hostname}:${url.port || "5432"}/postgres`;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Makes sure database `urls.name` exists, owned by the owner role, with the app role allowed to
 * connect (as `bun run services:up` does for the dev database). A superuser is needed only when
 * the database does not exist yet.
 */
export async function ensureDatabase(urls: BenchUrls, log: (line: string) => void): Promise<void> {
  if (await canConnect(urls.admin)) return searchUnderRls(urls, log);
  const su = superuserUrl(urls.admin);
  const shown = su.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
  log(`creating database ${urls.name} (as ${shown})`);
  const root = createDatabase({ url: su, max: 1 });
  try {
    const exists = await root.sql`select 1 from pg_database where datname = ${urls.name}`;
    if (exists.length === 0) {
      await root.sql.unsafe(`create database ${ident(urls.name)} owner ${ident(OWNER_ROLE)}`);
    }
  } catch (error) {
    throw new Error(
      `Could not create database ${urls.name} as a superuser (${shown}): ${describe(error)}.\n` +
        "Either set BENCH_SUPERUSER_URL to a superuser's postgres:// URL, or create it yourself:\n" +
        `  createdb -O ${OWNER_ROLE} ${urls.name}\n` +
        `  psql -d ${urls.name} -c 'alter schema public owner to ${OWNER_ROLE}' ` +
        `-c 'revoke create on schema public from public' ` +
        `-c 'grant connect on database ${urls.name} to ${APP_ROLE}' ` +
        `-c 'grant usage on schema public to ${APP_ROLE}'`,
    );
  } finally {
    await root.close().catch(() => {});
  }
  const inDb = new URL(su);
  inDb.pathname = `/${urls.name}`;
  const db = createDatabase({ url: inDb.toString(), max: 1 });
  try {
    for (const statement of [
      `alter schema public owner to ${ident(OWNER_ROLE)}`,
      "revoke create on schema public from public",
      `grant connect on database ${ident(urls.name)} to ${ident(APP_ROLE)}`,
      `grant usage on schema public to ${ident(APP_ROLE)}`,
      ...SEARCH_UNDER_RLS,
    ]) {
      await db.sql.unsafe(statement);
    }
  } finally {
    await db.close().catch(() => {});
  }
}

/**
 * Marks the search operators LEAKPROOF in an existing bench database (as `services:up` does for
 * the dev and test ones); without a superuser, says that search will scan instead.
 */
async function searchUnderRls(urls: BenchUrls, log: (line: string) => void): Promise<void> {
  const inDb = new URL(superuserUrl(urls.admin));
  inDb.pathname = `/${urls.name}`;
  const db = createDatabase({ url: inDb.toString(), max: 1 });
  try {
    for (const statement of SEARCH_UNDER_RLS) await db.sql.unsafe(statement);
  } catch (error) {
    log(
      `search operators not marked LEAKPROOF (${describe(error)}): search will scan, not use its index`,
    );
  } finally {
    await db.close().catch(() => {});
  }
}

/** Runs the project's migration CLI against the bench database (as the owner role). */
export async function migrate(urls: BenchUrls): Promise<void> {
  const child = Bun.spawn(["bun", "packages/database/src/cli/migrate.ts"], {
    cwd: repoRoot(),
    env: { ...process.env, DATABASE_ADMIN_URL: urls.admin },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [out, err, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  if (code !== 0) {
    throw new Error(`Migrating ${urls.name} failed (exit ${code}):\n${(err || out).trim()}`);
  }
}
