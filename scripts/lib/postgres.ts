// PostgreSQL for the services command: URLs of its roles and databases, queries, and superuser
// access (the project-local cluster is postgres-cluster.ts).

import { userInfo } from "node:os";
import { SQL } from "bun";
import { findPsql } from "./postgres-cluster.ts";
import { asUserArgv, envWithoutPgVars, isRoot, osUserIds, run } from "./proc.ts";
import { errorMessage } from "./ui.ts";

/** Dev-only defaults for the embedded setup; real deployments bring their own URLs. */
export const ownerRole = { name: "supportdesk_owner", password: "supportdesk_owner" };
export const appRole = { name: "supportdesk_app", password: "supportdesk_app" };
export const devDatabase = "supportdesk";
export const testDatabase = "supportdesk_test";

export const systemPort = 5432;

export function roleUrl(role: { name: string; password: string }, port: number, db: string) {
  return `postgres://${role.name}:${role.password}@127.0.0.1:${port}/${db}`;
}

type Probe = { ok: true; rows: string[][] } | { ok: false; code: string; message: string };

function cell(value: unknown): string {
  return value === null || value === undefined ? "" : String(value);
}

/** Runs one query on a fresh connection; failures come back as values, never thrown. */
export async function tryQuery(url: string, text: string): Promise<Probe> {
  let sql: SQL;
  try {
    sql = new SQL({ url, max: 1, connectionTimeout: 5, idleTimeout: 1 });
  } catch (error) {
    return { ok: false, code: "INVALID_URL", message: errorMessage(error) };
  }
  try {
    const rows: unknown[][] = await sql.unsafe(text).values();
    return { ok: true, rows: rows.map((row) => row.map(cell)) };
  } catch (error) {
    const { errno, code } = error as { errno?: unknown; code?: unknown };
    const sqlState = typeof errno === "string" ? errno : String(code ?? "");
    let message = errorMessage(error);
    if (code === "ERR_POSTGRES_CONNECTION_REFUSED") message = "connection refused";
    if (code === "ERR_POSTGRES_CONNECTION_TIMEOUT") message = "no answer (timed out)";
    return { ok: false, code: sqlState, message };
  } finally {
    await sql.close({ timeout: 1 }).catch(() => {});
  }
}

const isTrue = (value: string | undefined) => value === "true" || value === "t";

/** Runs SQL with superuser rights, in the named database. */
export interface Superuser {
  /** How we got in, for the summary. */
  readonly how: string;
  query(db: string, text: string): Promise<string[][]>;
  close(): Promise<void>;
}

class TcpSuperuser implements Superuser {
  private readonly connections = new Map<string, SQL>();

  constructor(
    private readonly baseUrl: string,
    readonly how: string,
  ) {}

  async query(db: string, text: string): Promise<string[][]> {
    let sql = this.connections.get(db);
    if (!sql) {
      sql = new SQL({ url: `${this.baseUrl}/${db}`, max: 1, connectionTimeout: 10 });
      this.connections.set(db, sql);
    }
    const rows: unknown[][] = await sql.unsafe(text).values();
    return rows.map((row) => row.map(cell));
  }

  async close(): Promise<void> {
    await Promise.all([...this.connections.values()].map((sql) => sql.close({ timeout: 1 })));
  }
}

/** psql as the postgres OS user over the unix socket: peer auth, as a fresh Debian install has. */
class PeerSuperuser implements Superuser {
  readonly how = "psql as the postgres OS user (peer auth)";

  constructor(
    private readonly psql: string,
    private readonly port: number,
  ) {}

  async query(db: string, text: string): Promise<string[][]> {
    const args = ["-X", "-q", "-A", "-t", "-F", "\x1f", "-v", "ON_ERROR_STOP=1"];
    const result = await run([this.psql, ...args, "-p", String(this.port), "-d", db, "-c", text], {
      asUser: "postgres",
      cwd: "/",
      env: envWithoutPgVars(),
    });
    if (result.code !== 0) throw new Error(result.stderr.trim() || `psql exited ${result.code}`);
    return result.stdout
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => line.split("\x1f"));
  }

  async close(): Promise<void> {}
}

const superuserCheck = "select rolsuper from pg_roles where rolname = current_user";

/** Superuser access to the server on 127.0.0.1:port, or null when it will not let us in. */
export async function superuserAccess(port: number): Promise<Superuser | null> {
  // Homebrew-style installs make the OS user the superuser instead of `postgres`.
  for (const user of new Set(["postgres", userInfo().username])) {
    const baseUrl = `postgres://${encodeURIComponent(user)}@127.0.0.1:${port}`;
    const probe = await tryQuery(`${baseUrl}/postgres`, superuserCheck);
    if (probe.ok && isTrue(probe.rows[0]?.[0])) {
      return new TcpSuperuser(baseUrl, `TCP as ${user}`);
    }
  }
  const psql = findPsql();
  if (!isRoot || !psql || !osUserIds("postgres") || !asUserArgv("postgres", ["true"])) return null;
  const peer = new PeerSuperuser(psql, port);
  try {
    const rows = await peer.query("postgres", superuserCheck);
    return isTrue(rows[0]?.[0]) ? peer : null;
  } catch {
    return null;
  }
}
