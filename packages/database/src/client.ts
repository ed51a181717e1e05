// Connections and the one door to tenant data: `withTenant` opens a transaction bound to a tenant.
import { type ExtractTablesWithRelations, is, sql } from "drizzle-orm";
import type { PgDatabase, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle, type PostgresJsQueryResultHKT, PostgresJsSession } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { TenantContextError } from "./errors";
import * as schema from "./schema";

type Schema = typeof schema;

/** Any Drizzle handle on our schema: the platform handle or a transaction. */
export type Executor = PgDatabase<PostgresJsQueryResultHKT, Schema>;

/** The handle `withTenant` gives: a transaction in which only that tenant's rows exist. */
export type TenantDb = PgTransaction<
  PostgresJsQueryResultHKT,
  Schema,
  ExtractTablesWithRelations<Schema>
>;

/** The platform handle: platform tables only; tenant tables show it zero rows. */
export type PlatformDb = Executor;

export type DatabaseOptions = {
  /** A postgres:// URL. The server and workers use the app role; migrations and seeds the owner. */
  url: string;
  /** Pool size (connections). */
  max?: number;
  /** Set false behind PgBouncer in transaction mode (no server-side prepared statements). */
  prepare?: boolean;
  /**
   * Seconds to open a connection (TCP, TLS and authentication) before giving up with
   * `CONNECT_TIMEOUT`. Default 5: postgres.js's own default (30) holds a request that long when
   * the server is down or unreachable.
   */
  connectTimeoutSeconds?: number;
  /** PostgreSQL's `statement_timeout` for every connection, in ms (unset: the server's). */
  statementTimeoutMs?: number;
  /**
   * PostgreSQL's `idle_in_transaction_session_timeout`, in ms (unset: the server's): a transaction
   * left open by a stuck request is ended, releasing its locks.
   */
  idleInTransactionTimeoutMs?: number;
};

/** Used when `connectTimeoutSeconds` is not given (see DatabaseOptions). */
const DEFAULT_CONNECT_TIMEOUT_SECONDS = 5;

/** Startup parameters: the application name, and the timeouts the caller asked for. */
function connectionParameters(options: DatabaseOptions): Record<string, string> {
  const parameters: Record<string, string> = { application_name: "supportdesk" };
  if (options.statementTimeoutMs !== undefined) {
    parameters.statement_timeout = String(options.statementTimeoutMs);
  }
  if (options.idleInTransactionTimeoutMs !== undefined) {
    parameters.idle_in_transaction_session_timeout = String(options.idleInTransactionTimeoutMs);
  }
  return parameters;
}

export type Database = {
  /** Platform handle for platform tables (users, tenants, memberships, outbox, …). */
  platform: PlatformDb;
  /**
   * Runs `fn` in one transaction in which `app.tenant_id` is set (transaction-local), so the
   * row-level security policies show and accept only that tenant's rows. Commits when `fn`
   * resolves, rolls back when it throws.
   *
   * @example
   * const open = await db.withTenant(tenantId, (tx) =>
   *   tx.select().from(tickets).where(eq(tickets.status, "open")),
   * );
   */
  withTenant<T>(tenantId: string, fn: (tx: TenantDb) => Promise<T>): Promise<T>;
  /** The underlying postgres.js client, for raw SQL in tests and tools. */
  sql: postgres.Sql;
  close(): Promise<void>;
};

/**
 * Binds an already-open transaction to a tenant, for platform work that creates a tenant and
 * must then write its first tenant rows (such as the audit entry) in the same transaction.
 */
export async function bindTenant(tx: Executor, tenantId: string): Promise<void> {
  if (!isUuid(tenantId)) throw new TenantContextError(tenantId);
  await tx.execute(sql`select set_config('app.tenant_id', ${tenantId}, true)`);
}

/** The postgres.js handle of a Drizzle transaction (its session's client). */
function transactionSql(tx: TenantDb): postgres.Sql {
  const session = tx._.session;
  if (!is(session, PostgresJsSession)) {
    throw new Error("withTenant expects a postgres.js Drizzle session");
  }
  return session.client;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` is a UUID in canonical text form. */
export const isUuid = (value: string): boolean => UUID.test(value);

/**
 * Opens a pool and returns the platform handle and `withTenant`.
 *
 * @example
 * const db = createDatabase({
 *   url: env().DATABASE_URL,
 *   max: env().DATABASE_POOL_MAX,
 *   connectTimeoutSeconds: env().DATABASE_CONNECT_TIMEOUT_SECONDS,
 *   statementTimeoutMs: env().DATABASE_STATEMENT_TIMEOUT_MS,
 * });
 */
export function createDatabase(options: DatabaseOptions): Database {
  const client = postgres(options.url, {
    max: options.max ?? 10,
    prepare: options.prepare ?? true,
    connect_timeout: options.connectTimeoutSeconds ?? DEFAULT_CONNECT_TIMEOUT_SECONDS,
    onnotice: () => {},
    connection: connectionParameters(options),
  });
  const platform = drizzle(client, { schema });

  return {
    platform,
    sql: client,
    async withTenant<T>(tenantId: string, fn: (tx: TenantDb) => Promise<T>): Promise<T> {
      // A malformed id would make Postgres raise on the cast; fail here with a clear error.
      if (!isUuid(tenantId)) throw new TenantContextError(tenantId);
      return platform.transaction(async (tx) => {
        // Not awaited before `fn` starts: postgres.js pipelines it ahead of fn's first query on
        // the transaction's connection, saving a round trip. If it fails, the transaction is
        // aborted, so no query of `fn` can run without the tenant set. It goes through the
        // transaction's own postgres.js handle (Drizzle's `execute` would send an unnamed
        // statement, which postgres.js describes in a round trip of its own before running it,
        // holding back the pipeline): as a named prepared statement, after its first use on a
        // connection it is sent as Bind/Execute only, in one write with fn's first query.
        const context = transactionSql(tx)`select set_config('app.tenant_id', ${tenantId}, true)`;
        const settled = context.then(
          () => undefined,
          (error: unknown) => error,
        );
        let result: T;
        try {
          result = await fn(tx);
        } catch (error) {
          throw (await settled) ?? error;
        }
        const contextError = await settled;
        if (contextError) throw contextError;
        return result;
      });
    },
    close: () => client.end({ timeout: 5 }),
  };
}
