// The bench:queue database (supportdesk_bench_queue): emptied before each part, then given just
// the rows the part needs, with server-side SQL as the owner role (RLS is forced, so tenant rows
// are written under `set_config('app.tenant_id', …, true)`).
import { createDatabase } from "@supportdesk/database";
import { parseKeyring, sealPayload, verifyEmailJob } from "@supportdesk/queue";
import { BENCH_JOB_KEY } from "./server";

export type Db = ReturnType<typeof createDatabase>;
type Sql = Db["sql"];

/** Opens one owner connection for the bench's own SQL. */
export function openOwner(adminUrl: string): Db {
  return createDatabase({ url: adminUrl, max: 3 });
}

/** The advisory lock key one bench:queue run holds on its database for its whole run. */
const RUN_LOCK = 0x62713a71;

/**
 * Takes a session-level advisory lock on its own connection, so two runs never share the bench
 * database (each part empties it). Returns a release function, or undefined when another run
 * holds the lock.
 */
export async function lockRun(db: Db): Promise<(() => Promise<void>) | undefined> {
  const connection = await db.sql.reserve();
  const [row] = await connection<{ ok: boolean }[]>`select pg_try_advisory_lock(${RUN_LOCK}) as ok`;
  if (!row?.ok) {
    connection.release();
    return undefined;
  }
  return async () => {
    await connection`select pg_advisory_unlock(${RUN_LOCK})`.catch(() => {});
    connection.release();
  };
}

/** Empties everything a part writes: tenants (and their rows), users, sessions, jobs. */
export async function resetData(sql: Sql): Promise<void> {
  await sql.unsafe("truncate tenants, users, outbox, job_runs restart identity cascade");
}

/**
 * N pending `email.verify` jobs (platform jobs: no tenant), as a sign-up records them: a user id,
 * `bench-<n>@example.test`, a name and a 43-character base64url token, sealed with the run's
 * JOB_ENCRYPTION_KEY as `enqueue` seals it (so the worker opens each one, as in production). One
 * statement, so one NOTIFY. Returns how many rows were inserted.
 *
 * created_at is spread 1 ms apart ending now, as for rows recorded over time: one plain INSERT
 * would give them all the same now(), a different (and, for the relay, slower) case.
 */
export async function insertEmailJobs(sql: Sql, count: number): Promise<number> {
  const keyring = parseKeyring(BENCH_JOB_KEY);
  const payloads = Array.from({ length: count }, (_, i) =>
    sealPayload(
      verifyEmailJob,
      {
        userId: crypto.randomUUID(),
        email: `bench-${i + 1}@example.test`,
        name: `Bench User ${i + 1}`,
        token: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url"),
      },
      keyring,
    ),
  );
  const rows = await sql`
    insert into outbox (id, tenant_id, queue, job_name, payload, created_at)
    select gen_random_uuid(), null, 'email', 'email.verify', job.payload,
           now() - (${count}::int - job.n) * interval '1 millisecond'
    from jsonb_array_elements(${JSON.stringify(payloads)}::jsonb) with ordinality as job(payload, n)`;
  await sql`analyze outbox`;
  return rows.count;
}

/** A tenant (plan pro, active) with one open ticket, #1. */
export async function createTenantWithTicket(
  sql: Sql,
  slug: string,
  name: string,
): Promise<{ tenantId: string; ticketId: string }> {
  return sql.begin(async (tx) => {
    const [tenant] = await tx<{ id: string }[]>`
      insert into tenants (id, slug, name, plan, status)
      values (gen_random_uuid(), ${slug}, ${name}, 'pro', 'active') returning id::text`;
    if (!tenant) throw new Error(`creating tenant ${slug} returned no row`);
    await tx`select set_config('app.tenant_id', ${tenant.id}, true)`;
    const [ticket] = await tx<{ id: string }[]>`
      insert into tickets (tenant_id, id, number, subject)
      values (${tenant.id}::uuid, gen_random_uuid(), 1, 'Bench ticket') returning id::text`;
    await tx`insert into tenant_counters (tenant_id, name, value)
             values (${tenant.id}::uuid, 'ticket', 1)`;
    if (!ticket) throw new Error(`creating a ticket of ${slug} returned no row`);
    return { tenantId: tenant.id, ticketId: ticket.id };
  });
}

/**
 * N pending `ticket.event` jobs ("created", no actor) of one tenant about one existing ticket, as
 * a burst of ticket writes would record them: created_at 1 ms apart, ending now. One statement,
 * then ANALYZE (as autovacuum would soon), so the relay's plans see the backlog.
 */
export async function insertTicketEvents(
  sql: Sql,
  tenantId: string,
  ticketId: string,
  count: number,
): Promise<number> {
  const rows = await sql`
    insert into outbox (id, tenant_id, queue, job_name, payload, created_at)
    select gen_random_uuid(), ${tenantId}::uuid, 'notification', 'ticket.event',
           jsonb_build_object('tenantId', ${tenantId}::text, 'ticketId', ${ticketId}::text,
                              'kind', 'created', 'actorUserId', null),
           now() - (${count}::int - n) * interval '1 millisecond'
    from generate_series(1, ${count}::int) n`;
  await sql`analyze outbox`;
  return rows.count;
}

/**
 * N users, each a `member` of the tenant with one live session (what signing in creates).
 * Returns their ids and session ids.
 */
export async function createMembers(
  sql: Sql,
  tenantId: string,
  count: number,
): Promise<{ userId: string; sessionId: string }[]> {
  return sql.begin(async (tx) => {
    await tx`
      insert into users (id, email, password_hash, name, email_verified_at)
      select gen_random_uuid(), 'member-' || n || '@bench.invalid', '!', 'Member ' || n, now()
      from generate_series(1, ${count}::int) n`;
    await tx`
      insert into user_tenant_roles (user_id, tenant_id, role)
      select id, ${tenantId}::uuid, 'member' from users where email like 'member-%@bench.invalid'`;
    return tx<{ userId: string; sessionId: string }[]>`
      insert into sessions (id, user_id, current_tenant_id)
      select gen_random_uuid(), id, ${tenantId}::uuid from users
      where email like 'member-%@bench.invalid'
      returning user_id::text as "userId", id::text as "sessionId"`;
  });
}
