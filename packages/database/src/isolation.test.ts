// The isolation contract, checked against the live catalog so a table added later cannot escape.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { sql } from "drizzle-orm";
import { platformTablesWithTenantId, tickets } from "./schema";
import { makeTenant, makeTenantGraph, makeUser, openTestDatabases } from "./test-helpers";

const { app, admin } = openTestDatabases(4);
let tenantA: string;
let tenantB: string;

/** Every public table with a `tenant_id` column that is not a declared platform table. */
async function tenantOwnedTables(): Promise<string[]> {
  const rows = await app.sql<{ table: string }[]>`
    select c.relname as table
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p')
    order by 1`;
  return rows.map((r) => r.table).filter((t) => !(t in platformTablesWithTenantId));
}

/** Runs `statement` and returns its SQLSTATE, or "ok" with the affected row count. */
async function outcome(run: () => Promise<{ count?: number }>): Promise<string> {
  try {
    const result = await run();
    return `ok:${result.count ?? 0}`;
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause ?? error;
    return (cause as { code?: string }).code ?? String(error);
  }
}

let tables: string[] = [];

beforeAll(async () => {
  const user = await makeUser(app);
  tenantA = (await makeTenant(app, "Tenant A")).id;
  tenantB = (await makeTenant(app, "Tenant B")).id;
  await makeTenantGraph(app, tenantA, user.id);
  await makeTenantGraph(app, tenantB, user.id);
  tables = await tenantOwnedTables();
});

afterAll(async () => {
  await app.close();
  await admin.close();
});

describe("catalog", () => {
  test("the tenant-owned tables are found and the declared platform tables exist", async () => {
    expect(tables).toEqual(
      expect.arrayContaining(["audit_log", "customers", "messages", "notifications", "tickets"]),
    );
    const all = await app.sql<{ relname: string }[]>`
      select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and relkind = 'r'`;
    const names = all.map((r) => r.relname);
    for (const platform of Object.keys(platformTablesWithTenantId))
      expect(names).toContain(platform);
  });

  test("every tenant-owned table has row-level security enabled and forced", async () => {
    const rows = await app.sql<{ relname: string; on: boolean; forced: boolean }[]>`
      select relname, relrowsecurity as on, relforcerowsecurity as forced
      from pg_class where relname in ${app.sql(tables)} and relnamespace = 'public'::regnamespace`;
    expect(rows.map((r) => `${r.relname}:${r.on}:${r.forced}`).sort()).toEqual(
      tables.map((t) => `${t}:true:true`),
    );
  });

  test("every tenant-owned table has exactly the fail-closed tenant policy, for all commands", async () => {
    for (const table of tables) {
      const policies = await app.sql<
        { cmd: string; permissive: boolean; qual: string; check: string }[]
      >`
        select polcmd as cmd, polpermissive as permissive,
               pg_get_expr(polqual, polrelid) as qual, pg_get_expr(polwithcheck, polrelid) as check
        from pg_policy where polrelid = ${`public.${table}`}::regclass and polpermissive`;
      expect({ table, count: policies.length }).toEqual({ table, count: 1 });
      const [policy] = policies;
      expect(policy?.cmd).toBe("*");
      for (const expr of [policy?.qual, policy?.check]) {
        expect(expr).toContain(
          "tenant_id = (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid",
        );
      }
    }
  });

  test("every tenant-owned table's primary key and indexes lead with tenant_id", async () => {
    const rows = await app.sql<{ table: string; index: string; first: string | null }[]>`
      select c.relname as table, i.relname as index, a.attname as first
      from pg_index x
      join pg_class c on c.oid = x.indrelid
      join pg_class i on i.oid = x.indexrelid
      left join pg_attribute a on a.attrelid = c.oid and a.attnum = x.indkey[0]
      where c.relname in ${app.sql(tables)} and c.relnamespace = 'public'::regnamespace`;
    const primaryKeys = new Set(rows.filter((r) => r.index.endsWith("_pk")).map((r) => r.table));
    expect([...primaryKeys].sort()).toEqual(tables);
    expect(rows.filter((r) => r.first !== "tenant_id")).toEqual([]);
  });

  test("every foreign key between tenant-owned tables includes tenant_id on both sides", async () => {
    const rows = await app.sql<{ name: string; pairs: string[] }[]>`
      select con.conname as name,
        array(select a.attname || '=' || b.attname
              from unnest(con.conkey, con.confkey) as k(l, r)
              join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.l
              join pg_attribute b on b.attrelid = con.confrelid and b.attnum = k.r) as pairs
      from pg_constraint con
      where con.contype = 'f'
        and con.conrelid::regclass::text in ${app.sql(tables)}
        and con.confrelid::regclass::text in ${app.sql(tables)}`;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => !r.pairs.includes("tenant_id=tenant_id"))).toEqual([]);
  });
});

describe("the app role", () => {
  test("is not superuser, has no BYPASSRLS, cannot create roles or databases", async () => {
    const [role] = await app.sql`
      select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb
      from pg_roles where rolname = current_user`;
    expect(role).toEqual({
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: false,
      rolcreatedb: false,
    });
  });

  test("owns no table, schema or database and is not a member of the owner role", async () => {
    const [owned] = await app.sql`
      select
        (select count(*)::int from pg_class where relowner = r.oid) as relations,
        (select count(*)::int from pg_namespace where nspowner = r.oid) as schemas,
        (select count(*)::int from pg_database where datdba = r.oid) as databases,
        pg_has_role(current_user, (select relowner from pg_class where oid = 'public.tickets'::regclass), 'MEMBER') as member_of_owner
      from pg_roles r where r.rolname = current_user`;
    expect(owned).toEqual({ relations: 0, schemas: 0, databases: 0, member_of_owner: false });
  });

  test("cannot create tables in the public schema", async () => {
    expect(await outcome(() => app.sql`create table public.sneaky (id int)`)).toBe("42501");
  });
});

describe("every tenant-owned table, as the app role", () => {
  test("rows exist for both tenants (fixtures cover every table)", async () => {
    for (const tenant of [tenantA, tenantB]) {
      for (const table of tables) {
        const [row] = await app.withTenant(tenant, (tx) =>
          tx.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`),
        );
        expect({ table, hasRows: (row?.n ?? 0) > 0 }).toEqual({ table, hasRows: true });
      }
    }
  });

  test("with no tenant set: sees zero rows and cannot insert", async () => {
    for (const table of tables) {
      const [row] = await app.sql<
        { n: number }[]
      >`select count(*)::int as n from ${app.sql(table)}`;
      expect({ table, n: row?.n }).toEqual({ table, n: 0 });
      const copy = await copyOfRow(table, tenantA, tenantA);
      const columns = await insertableColumns(table);
      const result = await outcome(
        () => app.sql`
        insert into ${app.sql(table)} (${app.sql(columns)})
        select ${app.sql(columns)} from json_populate_record(null::${app.sql(table)}, ${copy}::json)`,
      );
      expect({ table, result }).toEqual({ table, result: "42501" });
    }
  });

  test("under tenant A: cannot see, insert, update, move or delete tenant B's rows", async () => {
    for (const table of tables) {
      const seen = await app.withTenant(tenantA, (tx) =>
        tx.execute<{ n: number }>(
          sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id = ${tenantB}`,
        ),
      );
      expect({ table, seen: seen[0]?.n }).toEqual({ table, seen: 0 });

      const copyOfB = await copyOfRow(table, tenantB, tenantB);
      const columns = sql.join(
        (await insertableColumns(table)).map((c) => sql.identifier(c)),
        sql`, `,
      );
      const insert = await outcome(() =>
        app.withTenant(tenantA, (tx) =>
          tx.execute(sql`insert into ${sql.identifier(table)} (${columns})
            select ${columns} from json_populate_record(null::${sql.identifier(table)}, ${copyOfB}::json)`),
        ),
      );
      expect({ table, insert }).toEqual({ table, insert: "42501" });

      // audit_log is append-only for the app role: refused outright (42501) rather than 0 rows.
      const update = await outcome(() =>
        app.withTenant(tenantA, (tx) =>
          tx.execute(
            sql`update ${sql.identifier(table)} set tenant_id = tenant_id where tenant_id = ${tenantB}`,
          ),
        ),
      );
      expect({ table, update }).toEqual({
        table,
        update: table === "audit_log" ? "42501" : "ok:0",
      });

      const move = await outcome(() =>
        app.withTenant(tenantA, (tx) =>
          tx.execute(
            sql`update ${sql.identifier(table)} set tenant_id = ${tenantB} where tenant_id = ${tenantA}`,
          ),
        ),
      );
      expect({ table, move }).toEqual({ table, move: "42501" });

      const remove = await outcome(() =>
        app.withTenant(tenantA, (tx) =>
          tx.execute(sql`delete from ${sql.identifier(table)} where tenant_id = ${tenantB}`),
        ),
      );
      expect({ table, remove }).toEqual({
        table,
        remove: table === "audit_log" ? "42501" : "ok:0",
      });
    }
    // And B still has all it had.
    const bTickets = await app.withTenant(tenantB, (tx) => tx.select().from(tickets));
    expect(bTickets.length).toBe(1);
  });
});

/** The columns an insert may name (generated ones, such as a search vector, are the database's). */
async function insertableColumns(table: string): Promise<string[]> {
  const rows = await app.sql<{ name: string }[]>`
    select column_name as name from information_schema.columns
    where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER'
    order by ordinal_position`;
  return rows.map((r) => r.name);
}

/**
 * One of `owner`'s rows of `table` as JSON, re-keyed so it would not collide with the original,
 * with `tenant_id` set to `claim`: what a forged insert would send.
 */
async function copyOfRow(table: string, owner: string, claim: string): Promise<string> {
  const [row] = await app.withTenant(owner, (tx) =>
    tx.execute<{ r: Record<string, unknown> }>(
      sql`select row_to_json(t) as r from ${sql.identifier(table)} t limit 1`,
    ),
  );
  if (!row) throw new Error(`no row in ${table} for ${owner}`);
  const copy = { ...row.r, tenant_id: claim };
  if ("id" in copy) copy.id = crypto.randomUUID();
  else if ("name" in copy) copy.name = `copy-${crypto.randomUUID()}`;
  return JSON.stringify(copy);
}
