// Demo tickets that arrived by email (a third of them, `channel = 'email'`): their first message
// carries the envelope it came with, and some have a colleague of the customer copied — so the
// ticket view shows addresses and CCs at once. Idempotent, as the rest of the seed.
import { sql } from "drizzle-orm";
import type { Database } from "./client";

export async function seedEmailThreads(
  db: Database,
  tenantIds: Map<string, string>,
  inboundDomain: string,
): Promise<void> {
  for (const [slug, tenantId] of tenantIds) {
    await db.withTenant(tenantId, async (tx) => {
      // The first message of each emailed ticket: from its customer, to the tenant's address.
      await tx.execute(sql`
        update messages m set email = jsonb_build_object(
          'from', jsonb_build_object('address', lower(c.email), 'name', c.name),
          'to', jsonb_build_array(jsonb_build_object('address', ${`${slug}@${inboundDomain}`}::text, 'name', '')),
          'cc', case when t.number % 2 = 0
            then jsonb_build_array(jsonb_build_object('address', 'team@' || split_part(lower(c.email), '@', 2), 'name', 'Team'))
            else '[]'::jsonb end,
          'subject', t.subject)
        from tickets t join customers c on c.tenant_id = t.tenant_id and c.id = t.customer_id
        where m.ticket_id = t.id and t.channel = 'email' and m.author_type = 'customer'
          and m.created_at = (select min(created_at) from messages f where f.ticket_id = t.id)`);
      await tx.execute(sql`
        insert into ticket_ccs (ticket_id, email, name, created_at)
        select t.id, 'team@' || split_part(lower(c.email), '@', 2), 'Team', t.created_at
        from tickets t join customers c on c.tenant_id = t.tenant_id and c.id = t.customer_id
        where t.channel = 'email' and t.number % 2 = 0
        on conflict do nothing`);
    });
  }
}
