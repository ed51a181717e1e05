// The SLA side of a ticket change (called by `recordTicketEvent` in the change's transaction).
import type { TenantDb } from "@supportdesk/database";
import type { TicketEvent } from "../ticket-events";

/**
 * Brings the ticket's SLA clocks up to date with its state after `event`: starts, pauses,
 * resumes, stops, meets or re-applies them, and copies the next due time onto the ticket.
 */
export async function slaAfterTicketEvent(
  _tx: TenantDb,
  _tenantId: string,
  _event: TicketEvent,
  _now: Date,
): Promise<void> {
  // Filled in by the SLA work.
}
