// The survey side of a ticket change (called by `recordTicketEvent` in the change's transaction).
import type { TenantDb } from "@supportdesk/database";
import type { TicketEvent } from "../ticket-events";

/** On resolve, when surveys are on for the ticket's inquiry type: opens the survey and queues its email. */
export async function csatAfterTicketEvent(
  _tx: TenantDb,
  _tenantId: string,
  _event: TicketEvent,
  _now: Date,
): Promise<void> {
  // Filled in by the CSAT work.
}
