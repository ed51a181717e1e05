// bench:email's rows in its own database (supportdesk_bench_email), written and read as the owner
// role under `set_config('app.tenant_id', …, true)` (RLS is forced): tenants with customers and
// one open ticket each (so a reply has a thread to join), and what the worker filed.
import type { Db } from "./queue-db";
import { resetData } from "./queue-db";
import { type LatencySummary, summarize } from "./stats";

type Sql = Db["sql"];

/** Every tenant receives at <slug>@INBOUND_DOMAIN (the workers' INBOUND_EMAIL_DOMAIN). */
export const INBOUND_DOMAIN = "inbound.bench.test";

export type BenchTenant = { id: string; slug: string; address: string };

/** The Message-ID of the acknowledgement we "sent" for seeded ticket #number (a reply names it). */
export const seedMessageId = (slug: string, number: number) =>
  `ack-${number}.${slug}@bench.supportdesk.test`;
export const seedSubject = (number: number) => `Order ${1000 + number} has not arrived`;
export const customerAddress = (n: number) => `customer-${n}@customers.example`;

/**
 * Empties the database, then makes `tenants` tenants (`mailbench-001`…), each with `customers`
 * customers and customer n's open email ticket #n, whose first message's acknowledgement has the
 * Message-ID `seedMessageId(slug, n)`. With `acknowledge` false the tenants send no
 * acknowledgement emails (tenants.settings.email.autoAcknowledge).
 */
export async function seedTenants(
  sql: Sql,
  tenants: number,
  customers: number,
  acknowledge: boolean,
): Promise<BenchTenant[]> {
  await resetData(sql);
  const settings = JSON.stringify(acknowledge ? {} : { email: { autoAcknowledge: false } });
  const out: BenchTenant[] = [];
  for (let n = 1; n <= tenants; n++) {
    const slug = `mailbench-${String(n).padStart(3, "0")}`;
    const id = await sql.begin(async (tx) => {
      const [tenant] = await tx<{ id: string }[]>`
        insert into tenants (id, slug, name, plan, status, settings)
        values (gen_random_uuid(), ${slug}, ${`Mail Bench ${n}`}, 'pro', 'active',
                ${settings}::jsonb)
        returning id::text`;
      if (!tenant) throw new Error(`creating tenant ${slug} returned no row`);
      await tx`select set_config('app.tenant_id', ${tenant.id}, true)`;
      await tx`
        insert into customers (tenant_id, id, email, name)
        select ${tenant.id}::uuid, gen_random_uuid(), 'customer-' || c || '@customers.example',
               'Customer ' || c
        from generate_series(1, ${customers}::int) c`;
      await tx`
        insert into tickets (tenant_id, id, number, subject, status, channel, customer_id)
        select tenant_id, gen_random_uuid(), n, 'Order ' || (1000 + n) || ' has not arrived',
               'open', 'email', id
        from (select tenant_id, id, substring(email from 'customer-([0-9]+)@')::int as n
              from customers) c`;
      await tx`
        insert into messages (tenant_id, id, ticket_id, author_type, author_customer_id, body)
        select tenant_id, gen_random_uuid(), id, 'customer', customer_id,
               'Hello, my order has not arrived yet. Could you look into it?'
        from tickets`;
      await tx`
        insert into email_message_ids (tenant_id, message_id, ticket_id, ticket_message_id,
                                       direction)
        select k.tenant_id, 'ack-' || k.number || '.' || ${slug} || '@bench.supportdesk.test',
               k.id, m.id, 'out'
        from tickets k join messages m on m.ticket_id = k.id`;
      await tx`insert into tenant_counters (tenant_id, name, value)
               values (${tenant.id}::uuid, 'ticket', ${customers}::int)`;
      return tenant.id;
    });
    out.push({ id, slug, address: `${slug}@${INBOUND_DOMAIN}` });
  }
  for (const table of ["tenants", "customers", "tickets", "messages", "email_message_ids"]) {
    await sql.unsafe(`analyze ${table}`);
  }
  return out;
}

/** The database's clock now (times compared with rows' created_at come from it). */
export async function dbNow(sql: Sql): Promise<Date> {
  const [row] = await sql<{ now: Date }[]>`select clock_timestamp() as now`;
  if (!row) throw new Error("select clock_timestamp() returned no row");
  return row.now;
}

/**
 * Runs `perTenant` for every tenant in one transaction, pipelined (one round trip, not one per
 * statement), each under its tenant's context; returns each tenant's rows.
 */
async function eachTenant<T>(
  sql: Sql,
  tenantIds: string[],
  perTenant: (tx: Sql, tenantId: string) => unknown,
): Promise<T[][]> {
  const results = (await sql.begin((tx) =>
    tenantIds.flatMap((id) => [
      tx`select set_config('app.tenant_id', ${id}, true)`,
      perTenant(tx as unknown as Sql, id),
    ]),
  )) as unknown as T[][];
  return results.filter((_, i) => i % 2 === 1);
}

/** Inbound rows still waiting to be filed (status 'received'), over every tenant. */
export async function receivedLeft(sql: Sql, tenantIds: string[]): Promise<number> {
  const rows = await eachTenant<{ n: number }>(
    sql,
    tenantIds,
    (tx) => tx`select count(*)::int as n from inbound_emails where status = 'received'`,
  );
  return rows.reduce((sum, r) => sum + (r[0]?.n ?? 0), 0);
}

/** Of `ids` (per tenant), the rows no longer 'received', with their status. */
export async function filedOf(
  sql: Sql,
  pending: Map<string, string[]>,
): Promise<{ id: string; status: string }[]> {
  const tenants = [...pending.keys()];
  const rows = await eachTenant<{ id: string; status: string }>(sql, tenants, (tx, tenantId) => {
    const ids = `{${(pending.get(tenantId) ?? []).join(",")}}`;
    return tx`select id::text, status::text from inbound_emails
              where id = any(${ids}::uuid[]) and status <> 'received'`;
  });
  return rows.flat();
}

export type FiledSummary = {
  /** Inbound rows by status, created since the run's start. */
  statuses: Record<string, number>;
  /** Processed rows whose message row exists (committed with them). */
  committedMessages: number;
  /** Tickets opened by the run (numbers above the seeded ones). */
  newTickets: number;
  /**
   * processed_at − created_at of the processed rows: from the receiver's transaction to the start
   * of the filing transaction (both rows' now()), as the database saw it.
   */
  receivedToFilingMs: LatencySummary;
};

/** What the worker made of the rows created at or after `since`. */
export async function filedSummary(
  sql: Sql,
  tenantIds: string[],
  since: Date,
  seededTickets: number,
): Promise<FiledSummary> {
  const statuses: Record<string, number> = {};
  const byStatus = await eachTenant<{ status: string; n: number }>(
    sql,
    tenantIds,
    (tx) => tx`select status::text, count(*)::int as n from inbound_emails
               where created_at >= ${since} group by status`,
  );
  for (const row of byStatus.flat()) statuses[row.status] = (statuses[row.status] ?? 0) + row.n;
  const committed = await eachTenant<{ n: number }>(
    sql,
    tenantIds,
    (tx) => tx`select count(*)::int as n from inbound_emails i
               join messages m on m.tenant_id = i.tenant_id and m.id = i.ticket_message_id
               where i.status = 'processed' and i.created_at >= ${since}`,
  );
  const tickets = await eachTenant<{ n: number }>(
    sql,
    tenantIds,
    (tx) => tx`select count(*)::int as n from tickets where number > ${seededTickets}::int`,
  );
  const waits = await eachTenant<{ ms: number }>(
    sql,
    tenantIds,
    (tx) => tx`select extract(epoch from processed_at - created_at)::float8 * 1000 as ms
               from inbound_emails where status = 'processed' and created_at >= ${since}`,
  );
  const sum = (rows: { n: number }[][]) => rows.reduce((s, r) => s + (r[0]?.n ?? 0), 0);
  return {
    statuses,
    committedMessages: sum(committed),
    newTickets: sum(tickets),
    receivedToFilingMs: summarize(Float64Array.from(waits.flat().map((r) => r.ms))),
  };
}
