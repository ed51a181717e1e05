// Test support: everything of one tenant, read as the owner role, to prove a refused call changed
// nothing. The tenant-owned tables come from the catalog, so a new table is covered unasked.
import { env } from "@supportdesk/config";
import { createDatabase, type Database, sql } from "@supportdesk/database";

/** A small pool as the owner role (tests' DATABASE_ADMIN_URL), which reads past row-level security. */
export function openAdminDatabase(): Database {
  const url = env().DATABASE_ADMIN_URL;
  if (!url) throw new Error("DATABASE_ADMIN_URL is not set for tests");
  return createDatabase({ url, max: 2 });
}

/** Every tenant-owned table, from the catalog (row-level security on, a tenant_id column). */
async function tenantTables(admin: Database): Promise<string[]> {
  const rows = await admin.sql<{ name: string }[]>`
    select c.relname as name from pg_class c
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
    where c.relkind = 'r' and c.relrowsecurity
      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id')
    order by 1`;
  return rows.map((r) => r.name);
}

/**
 * The tenant's rows in every tenant table, its memberships, invitations, keys, tenant row,
 * outbox job ids and audit count. `admin` connects as the owner role (tests' DATABASE_ADMIN_URL).
 */
export async function snapshotOfTenant(admin: Database, tenantId: string) {
  const tables = await tenantTables(admin);
  return admin.withTenant(tenantId, async (tx) => {
    const rows = async (query: ReturnType<typeof sql>) =>
      Array.from(await tx.execute<{ row: unknown }>(query), (r) => r.row);
    const snapshot: Record<string, unknown> = {};
    for (const table of tables) {
      snapshot[table] = await rows(
        sql`select to_jsonb(t) as row from ${sql.identifier(table)} t where t.tenant_id = ${tenantId} order by 1`,
      );
    }
    snapshot.user_tenant_roles = await rows(
      sql`select to_jsonb(t) as row from user_tenant_roles t where t.tenant_id = ${tenantId} order by 1`,
    );
    snapshot.invitations = await rows(
      sql`select to_jsonb(t) as row from invitations t where t.tenant_id = ${tenantId} order by 1`,
    );
    // last_used_at legitimately moves when the tenant's own key is used.
    snapshot.api_keys = await rows(
      sql`select to_jsonb(t) - 'last_used_at' as row from api_keys t where t.tenant_id = ${tenantId} order by 1`,
    );
    snapshot.tenants = await rows(
      sql`select to_jsonb(t) as row from tenants t where t.id = ${tenantId} order by 1`,
    );
    snapshot.outbox_ids = await rows(
      sql`select id as row from outbox where tenant_id = ${tenantId} order by 1`,
    );
    snapshot.audit_log_count = await rows(
      sql`select count(*)::int as row from audit_log where tenant_id = ${tenantId}`,
    );
    return snapshot;
  });
}
