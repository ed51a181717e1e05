// Provisioning a PostgreSQL server for the project, as its superuser: the owner and app roles,
// both databases, and what search under row-level security needs (postgres.ts finds or starts
// the server).
import {
  appRole,
  devDatabase,
  ownerRole,
  roleUrl,
  type Superuser,
  testDatabase,
  tryQuery,
} from "./postgres.ts";
import { maskUrl, UserError } from "./ui.ts";

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * What only a superuser can do for search under row-level security. PostgreSQL applies a table's
 * policy before any condition that is not LEAKPROOF, so a GIN index cannot serve `@@` (full text)
 * or `<%` (trigram word similarity), nor `@>` on jsonb, for the app role: every search would read all the tenant's
 * articles. These operators reveal nothing but their boolean answer, so they are marked
 * LEAKPROOF; the extensions are created first so their functions exist (the migration's
 * CREATE EXTENSION IF NOT EXISTS is then a no-op). A production database needs the same
 * statements from its administrator (apps/server/README.md).
 */
export const SEARCH_UNDER_RLS: readonly string[] = [
  "CREATE EXTENSION IF NOT EXISTS btree_gin",
  "CREATE EXTENSION IF NOT EXISTS pg_trgm",
  "ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF",
  "ALTER FUNCTION word_similarity_op(text, text) LEAKPROOF",
  "ALTER FUNCTION word_similarity_commutator_op(text, text) LEAKPROOF",
  // Custom field filters (`custom_fields @> {...}`) through the tickets' jsonb GIN index.
  "ALTER FUNCTION jsonb_contains(jsonb, jsonb) LEAKPROOF",
];

/**
 * Creates or repairs the owner and app roles and both databases. Safe to repeat: every step
 * checks the catalogs first or is an idempotent ALTER/GRANT/REVOKE.
 */
export async function provision(su: Superuser): Promise<string[]> {
  const warnings: string[] = [];
  const roles = [
    { ...ownerRole, attributes: "LOGIN NOSUPERUSER NOCREATEROLE NOBYPASSRLS" },
    { ...appRole, attributes: "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS" },
  ];
  for (const role of roles) {
    const exists = await su.query(
      "postgres",
      `select 1 from pg_roles where rolname = ${quoteLiteral(role.name)}`,
    );
    const verb = exists.length > 0 ? "ALTER" : "CREATE";
    // ALTER on every run puts back attributes or passwords someone changed by hand.
    await su.query(
      "postgres",
      `${verb} ROLE ${quoteIdent(role.name)} WITH ${role.attributes} ` +
        `PASSWORD ${quoteLiteral(role.password)}`,
    );
  }
  const owner = quoteIdent(ownerRole.name);
  const app = quoteIdent(appRole.name);
  for (const db of [devDatabase, testDatabase]) {
    const exists = await su.query(
      "postgres",
      `select 1 from pg_database where datname = ${quoteLiteral(db)}`,
    );
    // CREATE DATABASE cannot run inside a transaction or DO block, hence the catalog check.
    if (exists.length === 0)
      await su.query("postgres", `CREATE DATABASE ${quoteIdent(db)} OWNER ${owner}`);
    else await su.query("postgres", `ALTER DATABASE ${quoteIdent(db)} OWNER TO ${owner}`);
    for (const statement of [
      `ALTER SCHEMA public OWNER TO ${owner}`,
      "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
      `GRANT CONNECT ON DATABASE ${quoteIdent(db)} TO ${app}`,
      `GRANT USAGE ON SCHEMA public TO ${app}`,
      ...SEARCH_UNDER_RLS,
    ]) {
      await su.query(db, statement);
    }
    // An owner bypasses row-level security, so anything the app role owns is a tenant leak.
    const owned = await su.query(
      db,
      "select count(*) from pg_class where relowner = " +
        `(select oid from pg_roles where rolname = ${quoteLiteral(appRole.name)})`,
    );
    const count = Number(owned[0]?.[0] ?? 0);
    if (count > 0) {
      warnings.push(
        `${appRole.name} owns ${count} relation(s) in ${db}; row-level security does not ` +
          `apply to their owner. Reassign them in ${db}: ` +
          `REASSIGN OWNED BY ${appRole.name} TO ${ownerRole.name};`,
      );
    }
  }
  return warnings;
}

/** Both roles can log in over TCP with their passwords (pg_hba.conf may say otherwise). */
export async function verifyLogins(port: number): Promise<void> {
  for (const role of [ownerRole, appRole]) {
    const url = roleUrl(role, port, devDatabase);
    const probe = await tryQuery(url, "select 1");
    if (!probe.ok) {
      throw new UserError(
        `The roles and databases are set up, but ${role.name} cannot log in at ` +
          `${maskUrl(url)} (${probe.message}). Make pg_hba.conf allow password logins ` +
          "(scram-sha-256 or md5) from 127.0.0.1 and reload PostgreSQL, or set DATABASE_URL " +
          "and DATABASE_ADMIN_URL yourself.",
      );
    }
  }
}
