// bench:queue automations: the data — tenants with one ticket and N rules each, and automation
// events recorded in the outbox the way `recordTicketEvent` records them (one row per event).
import type { Db } from "./queue-db";
import { createTenantWithTicket } from "./queue-db";

type Sql = Db["sql"];

export type BenchTenant = { tenantId: string; ticketId: string };

/** Rules that match the bench ticket: every `MATCH_EVERY`th, the rest fail on their first test. */
export const MATCH_EVERY = 20;

/**
 * `count` tenants, each with one ticket ("Bench ticket", normal priority) and `rules` enabled
 * `ticket.updated` rules. Most test priority = urgent AND a tag (never true); every
 * MATCH_EVERY-th tests the subject (true) and adds the tag "bench" — which the ticket has after
 * the first match, so later matches change nothing and start no further events: the figures are
 * the engine's, not a cascade's.
 */
export async function createRuleTenants(
  sql: Sql,
  prefix: string,
  count: number,
  rules: number,
): Promise<BenchTenant[]> {
  const tenants: BenchTenant[] = [];
  for (let i = 0; i < count; i++) {
    const tenant = await createTenantWithTicket(
      sql,
      `${prefix}-${i + 1}`,
      `Bench ${prefix} ${i + 1}`,
    );
    await sql.begin(async (tx) => {
      await tx`select set_config('app.tenant_id', ${tenant.tenantId}, true)`;
      await tx`
        insert into automation_rules (tenant_id, id, name, position, trigger_type, trigger, conditions, actions)
        select ${tenant.tenantId}::uuid, gen_random_uuid(), 'Rule ' || n, n, 'ticket.updated',
               '{"type": "ticket.updated"}'::jsonb,
               case when n % ${MATCH_EVERY} = 0
                 then '{"all": [{"field": "subject", "op": "contains", "value": "Bench"}], "any": []}'::jsonb
                 else jsonb_build_object('all', jsonb_build_array(
                        jsonb_build_object('field', 'priority', 'op', 'is', 'value', 'urgent'),
                        jsonb_build_object('field', 'tags', 'op', 'contains', 'value', 'r-' || n)),
                      'any', '[]'::jsonb)
               end,
               '[{"type": "add_tags", "tags": ["bench"]}]'::jsonb
        from generate_series(1, ${rules}::int) n`;
    });
    tenants.push(tenant);
  }
  await sql`analyze automation_rules`;
  return tenants;
}

/**
 * `perTenant` pending `automation.event` jobs for each tenant ("updated", no actor, depth 0),
 * occurredAt = the row's created_at (1 ms apart, ending now). One statement; then ANALYZE.
 */
export async function insertAutomationEvents(
  sql: Sql,
  tenants: BenchTenant[],
  perTenant: number,
): Promise<number> {
  const rows = await sql`
    with t as (
      select * from jsonb_to_recordset(${JSON.stringify(tenants)}::jsonb)
        as t("tenantId" uuid, "ticketId" uuid)),
    e as (
      select t."tenantId", t."ticketId", n,
             now() - ((${perTenant}::int - n) * ${tenants.length}::int) * interval '1 microsecond' as at
      from t cross join generate_series(1, ${perTenant}::int) n)
    insert into outbox (id, tenant_id, queue, job_name, payload, created_at)
    select gen_random_uuid(), e."tenantId", 'automation', 'automation.event',
           jsonb_build_object('tenantId', e."tenantId"::text, 'eventId', gen_random_uuid()::text,
             'ticketId', e."ticketId"::text, 'kind', 'updated', 'actorUserId', null,
             'changes', jsonb_build_object('priority', 'normal'), 'depth', 0,
             'occurredAt', to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
           e.at
    from e`;
  await sql`analyze outbox`;
  return rows.count;
}

/** One event of one tenant, recorded now (as a request's transaction would): its event id. */
export async function recordEvent(sql: Sql, tenant: BenchTenant): Promise<string> {
  const eventId = crypto.randomUUID();
  await sql`
    insert into outbox (id, tenant_id, queue, job_name, payload)
    values (gen_random_uuid(), ${tenant.tenantId}::uuid, 'automation', 'automation.event',
      jsonb_build_object('tenantId', ${tenant.tenantId}::text, 'eventId', ${eventId}::text,
        'ticketId', ${tenant.ticketId}::text, 'kind', 'updated', 'actorUserId', null,
        'changes', jsonb_build_object('priority', 'normal'), 'depth', 0,
        'occurredAt', to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')))`;
  return eventId;
}

/**
 * Readers of the runs across tenants for the bench's owner connection (row-level security is
 * forced even for the owner, so each tenant is read under its own `app.tenant_id`).
 */
export async function installRunReaders(sql: Sql): Promise<void> {
  await sql.unsafe(`
    create or replace function bench_run_count(tenants uuid[]) returns bigint
    language plpgsql as $$
    declare t uuid; total bigint := 0; n bigint;
    begin
      foreach t in array tenants loop
        perform set_config('app.tenant_id', t::text, true);
        select count(*) into n from automation_runs;
        total := total + n;
      end loop;
      perform set_config('app.tenant_id', '', true);
      return total;
    end $$;
    create or replace function bench_run_span(tenants uuid[]) returns float8
    language plpgsql as $$
    declare t uuid; first timestamptz; last timestamptz; a timestamptz; b timestamptz;
    begin
      foreach t in array tenants loop
        perform set_config('app.tenant_id', t::text, true);
        select min(created_at), max(created_at) into a, b from automation_runs;
        first := least(first, a); last := greatest(last, b);
      end loop;
      perform set_config('app.tenant_id', '', true);
      return extract(epoch from (last - first));
    end $$;
    create or replace function bench_event_latency(tenants uuid[], keys text[])
    returns table(event_key text, ms float8)
    language plpgsql as $$
    declare t uuid;
    begin
      foreach t in array tenants loop
        perform set_config('app.tenant_id', t::text, true);
        return query select r.event_key, max(r.latency_ms)::float8 from automation_runs r
          where r.event_key = any(keys) group by r.event_key;
      end loop;
      perform set_config('app.tenant_id', '', true);
    end $$;`);
}
