// Actions on the whole ticket in its header: merge into another (being built).
import type { TicketDetail } from "./shared";

export function TicketActions(_: { ticket: TicketDetail }) {
  return null;
}
