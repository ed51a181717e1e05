// A ticket's SLA: its next due time and state (on track, due soon, breached, paused, met).
import type { TicketDetail } from "./shared";

export function SlaBadge(_props: { ticket: TicketDetail }) {
  return null;
}
