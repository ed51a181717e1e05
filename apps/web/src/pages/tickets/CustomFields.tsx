// The ticket's custom fields, in its properties (being built).
import type { TicketDetail } from "./shared";

export function CustomFields(_: { ticket: TicketDetail }) {
  return null;
}
