// The contact form's deflection counts: per tenant and UTC day, how often suggested articles were
// shown, opened, and sent past anyway.
import { contactDeflection, sql, type TenantDb } from "@supportdesk/database";

export type DeflectionEvent = "shown" | "clicked" | "submitted";

/** Counts one deflection event on today's (UTC) row of the transaction's tenant. */
export async function countDeflection(tx: TenantDb, event: DeflectionEvent): Promise<void> {
  const column = contactDeflection[event];
  await tx
    .insert(contactDeflection)
    .values({ day: sql`current_date`, [event]: 1 })
    .onConflictDoUpdate({
      target: [contactDeflection.tenantId, contactDeflection.day],
      set: { [event]: sql`${column} + 1` },
    });
}

/** How far back the deflection counts shown to admins reach (days, today included). */
export const DEFLECTION_DAYS = 30;

/**
 * The contact form's deflection over the last DEFLECTION_DAYS days (UTC): forms that showed
 * suggested articles, suggestions opened, and forms sent anyway after them.
 */
export async function deflectionTotals(
  tx: TenantDb,
): Promise<Record<DeflectionEvent, number> & { days: number }> {
  const days = DEFLECTION_DAYS;
  const [row] = await tx
    .select({
      shown: sql<number>`coalesce(sum(${contactDeflection.shown}), 0)::int`,
      clicked: sql<number>`coalesce(sum(${contactDeflection.clicked}), 0)::int`,
      submitted: sql<number>`coalesce(sum(${contactDeflection.submitted}), 0)::int`,
    })
    .from(contactDeflection)
    .where(sql`${contactDeflection.day} > current_date - ${days}::int`);
  return { shown: 0, clicked: 0, submitted: 0, ...row, days };
}
