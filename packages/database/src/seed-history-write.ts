// Writing the demo's ticket history (seed-history.ts builds it): tickets, messages, SLA clocks and
// surveys upserted by their fixed ids, then each waiting ticket's next due time.
import { type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { TenantDb } from "./client";
import { csatSurveys, messages, slaClocks, tickets } from "./schema";
import type { Built } from "./seed-history";

const excluded = (column: PgColumn): SQL => sql`excluded.${sql.identifier(column.name)}`;

/** Every column but the keys, from the proposed row: a re-run refreshes the times. */
function refresh<T extends Record<string, PgColumn>>(columns: T, keys: string[]) {
  return Object.fromEntries(
    Object.entries(columns)
      .filter(([name]) => !keys.includes(name))
      .map(([name, column]) => [name, excluded(column)]),
  );
}

/** Writes the history: upserts by id (a same-day re-run rewrites nothing), then the due times. */
export async function upsertAll(tx: TenantDb, built: Built, firstNumber: number): Promise<void> {
  const chunks = <T>(rows: T[], size = 400) =>
    Array.from({ length: Math.ceil(rows.length / size) }, (_, i) =>
      rows.slice(i * size, (i + 1) * size),
    );
  const ticketSet = {
    number: excluded(tickets.number),
    subject: excluded(tickets.subject),
    status: excluded(tickets.status),
    priority: excluded(tickets.priority),
    assigneeId: excluded(tickets.assigneeId),
    teamId: excluded(tickets.teamId),
    statusChangedAt: excluded(tickets.statusChangedAt),
    createdAt: excluded(tickets.createdAt),
    updatedAt: excluded(tickets.updatedAt),
  };
  for (const rows of chunks(built.tickets)) {
    await tx
      .insert(tickets)
      .values(rows)
      .onConflictDoUpdate({
        target: [tickets.tenantId, tickets.id],
        set: ticketSet,
        // A re-run on the same day changes nothing, so nothing is rewritten (or re-indexed).
        setWhere: sql`${tickets.createdAt} is distinct from excluded.created_at`,
      });
  }
  for (const rows of chunks(built.messages)) {
    await tx
      .insert(messages)
      .values(rows)
      .onConflictDoUpdate({
        target: [messages.tenantId, messages.id],
        set: { body: excluded(messages.body), createdAt: excluded(messages.createdAt) },
        setWhere: sql`${messages.createdAt} is distinct from excluded.created_at`,
      });
  }
  const clockColumns = {
    status: slaClocks.status,
    startedAt: slaClocks.startedAt,
    dueAt: slaClocks.dueAt,
    remainingSeconds: slaClocks.remainingSeconds,
    completedAt: slaClocks.completedAt,
    breachedAt: slaClocks.breachedAt,
    warnedAt: slaClocks.warnedAt,
  };
  for (const rows of chunks(built.clocks)) {
    await tx
      .insert(slaClocks)
      .values(rows)
      .onConflictDoUpdate({
        target: [slaClocks.tenantId, slaClocks.id],
        set: refresh(clockColumns, []),
      });
  }
  const surveyColumns = {
    sentAt: csatSurveys.sentAt,
    rating: csatSurveys.rating,
    comment: csatSurveys.comment,
    ratedAt: csatSurveys.ratedAt,
  };
  for (const rows of chunks(built.surveys)) {
    await tx
      .insert(csatSurveys)
      .values(rows)
      .onConflictDoUpdate({
        target: [csatSurveys.tenantId, csatSurveys.ticketId],
        set: refresh(surveyColumns, []),
      });
  }
  // The next due time of the tickets still waiting, as the SLA engine keeps it.
  await tx.execute(sql`
    update tickets t set sla_due_at = c.due, sla_target = c.metric, sla_paused = c.paused
    from (select ticket_id, min(due_at) as due,
                 (array_agg(metric::text order by due_at nulls last))[1] as metric,
                 bool_and(status = 'paused') as paused
          from sla_clocks where status in ('active', 'paused') group by ticket_id) c
    where t.id = c.ticket_id and t.number >= ${firstNumber}`);
}
