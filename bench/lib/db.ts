// The bench data sets (db-setup.ts makes the databases): loaded with server-side SQL as the owner
// role, tenant by tenant under `set_config('app.tenant_id', …)` (RLS is forced).

import { createDatabase } from "@supportdesk/database";
import { APP_ROLE, type BenchUrls } from "./db-setup";
import { MESSAGE_WORDS } from "./search-words";

type Sql = ReturnType<typeof createDatabase>["sql"];

/** Bump when the generated data changes shape, so old bench databases are reloaded. */
const LOADER_VERSION = 2;
const CUSTOMERS_PER_TENANT = 20;
const AGENTS = 3;

/** What a data set holds; stored in `bench_meta` so a later run can reuse it. */
export type DatasetSpec = { tenants: number; ticketsPerTenant: number };

type Meta = DatasetSpec & { version: number; complete: boolean; loadedAt?: string };

const helperTables = [
  `create table if not exists bench_meta (key text primary key, value jsonb not null)`,
  // Tenants by a dense serial number: pgbench picks one with `random(1, N)`.
  `create table if not exists bench_tenants (
     n integer primary key,
     tenant_id uuid not null unique references tenants (id) on delete cascade,
     loaded boolean not null default false)`,
  `grant select on bench_tenants to ${APP_ROLE}`,
];

/** A time-ordered UUID (v7 layout) for a timestamp, as the app's `Bun.randomUUIDv7()` makes. */
export const uuid7Function = `
create or replace function pg_temp.bench_uuid7(ts timestamptz) returns uuid
language sql volatile as $$
  select encode(
    set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
      placing substring(int8send(floor(extract(epoch from ts) * 1000)::bigint) from 3)
      from 1 for 6), 52, 1), 53, 1), 'hex')::uuid
$$`;

/**
 * Loads tenants n in [first, last] that are not loaded yet, each under its own tenant context:
 * customers, tickets numbered 1..m (newest last), three messages per ticket (the customer's, an
 * agent's answer — every fifth an internal note — and the customer's follow-up), the ticket
 * counter. Message text comes from 1,000 bodies of 18 words drawn from MESSAGE_WORDS, common
 * words far more often than rare ones (a fixed seed: every load writes the same bodies), so the
 * search bench finds some tickets, not all or none.
 */
const loadFunction = `
create or replace function pg_temp.bench_load(first integer, last integer, m integer, agents uuid[])
returns integer language plpgsql as $$
declare
  t record;
  base timestamptz;
  cids uuid[];
  loaded integer := 0;
  subjects text[] := array['Cannot sign in', 'Invoice is wrong', 'Export fails with an error',
    'Feature request: dark mode', 'Password reset email never arrives', 'Slow dashboard',
    'How do I add a teammate?', 'Refund for a double charge'];
  statuses ticket_status[] := array['open', 'pending', 'resolved', 'closed']::ticket_status[];
  priorities ticket_priority[] := array['low', 'normal', 'normal', 'high', 'urgent']::ticket_priority[];
  words text[] := array[${MESSAGE_WORDS.map((w) => `'${w}'`).join(",")}];
  nw integer := ${MESSAGE_WORDS.length};
  bodies text[];
begin
  perform setseed(0.42);
  -- g > 0 ties the inner select to each g, so each of the 1,000 bodies is drawn anew.
  bodies := array(select array_to_string(array(
      select words[1 + floor(nw * power(random(), 2))::int] from generate_series(1, 18) w where g > 0
    ), ' ') from generate_series(1, 1000) g);
  for t in select b.n, b.tenant_id from bench_tenants b
           where b.n between first and last and not b.loaded order by b.n loop
    perform set_config('app.tenant_id', t.tenant_id::text, true);
    base := now() - interval '400 days' + (t.n % 1000) * interval '1 minute';
    insert into customers (tenant_id, id, email, name, company, created_at, updated_at)
    select t.tenant_id, pg_temp.bench_uuid7(base + c * interval '1 minute'),
           'customer' || c || '@example.test', 'Customer ' || c, 'Company ' || (c % 5),
           base + c * interval '1 minute', base + c * interval '1 minute'
    from generate_series(1, ${CUSTOMERS_PER_TENANT}) c;
    select array_agg(id order by created_at) into cids from customers;
    insert into tickets (tenant_id, id, number, subject, status, priority, assignee_id,
                         customer_id, tags, created_at, updated_at)
    select t.tenant_id, pg_temp.bench_uuid7(x.ts), i,
           subjects[1 + i % 8] || ' (' || i || ')', statuses[1 + i % 4], priorities[1 + i % 5],
           case when i % 4 = 0 then null else agents[1 + i % array_length(agents, 1)] end,
           cids[1 + i % array_length(cids, 1)],
           case i % 3 when 0 then '{}'::text[] when 1 then array['billing'] else array['bug', 'web'] end,
           x.ts, x.ts + interval '2 hours'
    from generate_series(1, m) i,
         lateral (select base + interval '1 day'
                  + (interval '380 days' * i / m) + random() * interval '1 minute' as ts) x;
    insert into messages (tenant_id, id, ticket_id, author_type, author_user_id,
                          author_customer_id, is_internal, body, created_at)
    select k.tenant_id, pg_temp.bench_uuid7(k.created_at), k.id, 'customer'::message_author, null,
           k.customer_id, false, 'Hello, ' || k.subject || '. ' || bodies[1 + (k.number * 7 + t.n) % 1000],
           k.created_at
    from tickets k
    union all
    select k.tenant_id, pg_temp.bench_uuid7(k.created_at + interval '30 minutes'), k.id, 'agent'::message_author,
           k.assignee_id, null, k.number % 5 = 0, 'Hi! ' || bodies[1 + (k.number * 11 + t.n + 1) % 1000],
           k.created_at + interval '30 minutes'
    from tickets k
    union all
    select k.tenant_id, pg_temp.bench_uuid7(k.created_at + interval '90 minutes'), k.id, 'customer'::message_author,
           null, k.customer_id, false, bodies[1 + (k.number * 13 + t.n + 2) % 1000],
           k.created_at + interval '90 minutes'
    from tickets k;
    -- What the messages trigger keeps (the loader turns the per-row trigger off: a million
    -- single-ticket updates would take far longer), one ticket at a time through its index.
    update tickets k
    set thread_vector = sd_ticket_words(k.id, false), notes_vector = sd_ticket_words(k.id, true);
    insert into tenant_counters (tenant_id, name, value) values (t.tenant_id, 'ticket', m);
    update bench_tenants set loaded = true where n = t.n;
    loaded := loaded + 1;
  end loop;
  return loaded;
end
$$`;

/** What a loader recorded under `key` in `bench_meta` (what was loaded, and whether it finished). */
export async function readBenchMeta<T>(sql: Sql, key: string): Promise<T | undefined> {
  const rows = await sql<{ value: T }[]>`select value from bench_meta where key = ${key}`;
  return rows[0]?.value;
}

export async function writeBenchMeta<T>(sql: Sql, key: string, meta: T): Promise<void> {
  await sql`insert into bench_meta (key, value) values (${key}, ${JSON.stringify(meta)}::jsonb)
    on conflict (key) do update set value = excluded.value`;
}

export type LoadReport = { reused: boolean; seconds: number; tickets: number; messages: number };

/**
 * Makes the database hold exactly `spec` (reusing it when it already does; resuming a load that
 * was interrupted; otherwise emptying it and loading from scratch).
 */
export async function ensureDataset(
  urls: BenchUrls,
  spec: DatasetSpec,
  log: (line: string) => void,
): Promise<LoadReport> {
  const db = createDatabase({ url: urls.admin, max: 1 });
  const sql = db.sql;
  const started = performance.now();
  try {
    for (const statement of helperTables) await sql.unsafe(statement);
    const meta = await readBenchMeta<Meta>(sql, "dataset");
    const same =
      meta?.version === LOADER_VERSION &&
      meta.tenants === spec.tenants &&
      meta.ticketsPerTenant === spec.ticketsPerTenant;
    if (same && meta.complete) {
      log(`reusing ${urls.name}: ${spec.tenants} tenants × ${spec.ticketsPerTenant} tickets`);
      return {
        reused: true,
        seconds: 0,
        tickets: spec.tenants * spec.ticketsPerTenant,
        messages: 3 * spec.tenants * spec.ticketsPerTenant,
      };
    }
    if (!same) {
      if (meta) log(`${urls.name} holds another data set; emptying it`);
      // The bench database holds only bench data: every tenant table cascades from tenants.
      await sql.unsafe(
        "truncate tenants, users, outbox, bench_tenants, bench_meta restart identity cascade",
      );
      await writeBenchMeta<Meta>(sql, "dataset", {
        ...spec,
        version: LOADER_VERSION,
        complete: false,
      });
      await createTenants(sql, spec.tenants);
    } else {
      log(`resuming the interrupted load of ${urls.name}`);
    }
    const agents = (
      await sql<{ id: string }[]>`select id from users where email like 'agent%@bench.invalid'
        order by email`
    ).map((r) => r.id);
    await sql.unsafe(uuid7Function);
    await sql.unsafe(loadFunction);
    // The loader fills the tickets' message words itself (see loadFunction); the owner may.
    await sql.unsafe("alter table messages disable trigger messages_ticket_words");
    const [{ left } = { left: 0 }] = await sql<{ left: number }[]>`
      select count(*)::int as "left" from bench_tenants where not loaded`;
    // About 50k tickets per transaction: short enough to resume, long enough to be efficient.
    const batch = Math.max(1, Math.floor(50_000 / spec.ticketsPerTenant));
    let done = spec.tenants - left;
    let lastPrint = 0;
    for (let first = 1; first <= spec.tenants; first += batch) {
      const last = Math.min(spec.tenants, first + batch - 1);
      const [row] = await sql<{ loaded: number }[]>`
        select pg_temp.bench_load(${first}::int, ${last}::int, ${spec.ticketsPerTenant}::int,
          ${agents}::uuid[]) as loaded`;
      done += row?.loaded ?? 0;
      const now = performance.now();
      if (now - lastPrint > 5000 || done === spec.tenants) {
        lastPrint = now;
        const rate = (done * spec.ticketsPerTenant) / ((now - started) / 1000);
        log(
          `  ${urls.name}: ${done}/${spec.tenants} tenants loaded ` +
            `(${Math.round((now - started) / 1000)} s, ~${Math.round(rate)} tickets/s)`,
        );
      }
    }
    await sql.unsafe("alter table messages enable trigger messages_ticket_words");
    log(`  ${urls.name}: vacuum analyze`);
    for (const table of [
      "tenants",
      "users",
      "user_tenant_roles",
      "customers",
      "tickets",
      "messages",
      "tenant_counters",
      "bench_tenants",
    ]) {
      await sql.unsafe(`vacuum (analyze) ${table}`);
    }
    await writeBenchMeta<Meta>(sql, "dataset", {
      ...spec,
      version: LOADER_VERSION,
      complete: true,
      loadedAt: new Date().toISOString(),
    });
    return {
      reused: false,
      seconds: (performance.now() - started) / 1000,
      tickets: spec.tenants * spec.ticketsPerTenant,
      messages: 3 * spec.tenants * spec.ticketsPerTenant,
    };
  } finally {
    // An interrupted load must not leave the trigger off (a resumed one turns it off again).
    await sql.unsafe("alter table messages enable trigger messages_ticket_words").catch(() => {});
    await db.close().catch(() => {});
  }
}

/** Platform rows: tenants (time-ordered ids), their serial numbers, agents and memberships. */
async function createTenants(sql: Sql, count: number): Promise<void> {
  await sql.unsafe(uuid7Function);
  await sql.begin(async (tx) => {
    await tx.unsafe(`
      insert into users (id, email, password_hash, name, email_verified_at)
      select gen_random_uuid(), 'agent' || a || '@bench.invalid', '!', 'Agent ' || a, now()
      from generate_series(1, ${AGENTS}) a`);
    await tx.unsafe(`
      insert into tenants (id, slug, name, plan, status, created_at, updated_at)
      select pg_temp.bench_uuid7(now() - interval '500 days' + n * interval '1 second'),
             'bench-' || lpad(n::text, 7, '0'), 'Bench Tenant ' || n, 'pro', 'active',
             now() - interval '500 days' + n * interval '1 second', now()
      from generate_series(1, ${count}) n`);
    await tx.unsafe(`
      insert into bench_tenants (n, tenant_id)
      select row_number() over (order by slug), id from tenants`);
    await tx.unsafe(`
      insert into user_tenant_roles (user_id, tenant_id, role)
      select u.id, t.id, 'member' from users u cross join tenants t
      where u.email like 'agent%@bench.invalid'`);
  });
}

/** Makes `userId` a member of every tenant of the data set. */
export async function addMemberEverywhere(urls: BenchUrls, userId: string): Promise<void> {
  const db = createDatabase({ url: urls.admin, max: 1 });
  try {
    await db.sql`insert into user_tenant_roles (user_id, tenant_id, role)
      select ${userId}::uuid, id, 'member' from tenants
      on conflict (user_id, tenant_id) do nothing`;
  } finally {
    await db.close().catch(() => {});
  }
}

/** The data set's tenant ids, by serial number. */
export async function tenantIds(urls: BenchUrls): Promise<string[]> {
  const db = createDatabase({ url: urls.admin, max: 1 });
  try {
    const rows = await db.sql<{ id: string }[]>`
      select tenant_id::text as id from bench_tenants order by n`;
    return rows.map((r) => r.id);
  } finally {
    await db.close().catch(() => {});
  }
}
