// A ticket's SLA clocks as history (current and superseded), for the ticket's SLA panel; and the
// `sla` a single ticket shows, which also knows whether its finished clocks were breached.
import { and, asc, eq, isNotNull, ne, slaClocks, type TenantDb } from "@supportdesk/database";
import type { TicketSla } from "@supportdesk/domain";
import { authorize, type TenantScope } from "../context";
import { findTicket } from "../ticket-list";

/** Every clock the ticket has had, oldest first (the caller's ticket.read is checked). */
export async function ticketClocks(scope: TenantScope, input: { ticketId: string }) {
  authorize(scope, "ticket.read");
  const ticket = await findTicket(scope, input.ticketId);
  const clocks = await scope.tx
    .select({
      id: slaClocks.id,
      metric: slaClocks.metric,
      status: slaClocks.status,
      policyId: slaClocks.policyId,
      policyName: slaClocks.policyName,
      targetMinutes: slaClocks.targetMinutes,
      businessHours: isNotNull(slaClocks.businessHoursId),
      startedAt: slaClocks.startedAt,
      dueAt: slaClocks.dueAt,
      remainingSeconds: slaClocks.remainingSeconds,
      completedAt: slaClocks.completedAt,
      warnedAt: slaClocks.warnedAt,
      breachedAt: slaClocks.breachedAt,
    })
    .from(slaClocks)
    .where(eq(slaClocks.ticketId, input.ticketId))
    .orderBy(asc(slaClocks.startedAt), asc(slaClocks.createdAt), asc(slaClocks.id));
  return { ticketId: ticket.id, clocks };
}

/**
 * One ticket's `sla` exactly: when its clocks are all done ("met" by the columns alone), a
 * breached one among them makes it "breached" at that clock's due time.
 */
export async function exactSla(tx: TenantDb, ticketId: string, sla: TicketSla): Promise<TicketSla> {
  if (sla?.state !== "met") return sla;
  const [breach] = await tx
    .select({ metric: slaClocks.metric, dueAt: slaClocks.breachedAt })
    .from(slaClocks)
    .where(
      and(
        eq(slaClocks.ticketId, ticketId),
        ne(slaClocks.status, "superseded"),
        isNotNull(slaClocks.breachedAt),
      ),
    )
    .orderBy(asc(slaClocks.breachedAt))
    .limit(1);
  return breach
    ? { dueAt: breach.dueAt?.toISOString() ?? null, target: breach.metric, state: "breached" }
    : sla;
}
