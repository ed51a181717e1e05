// The ticket's team, in its properties (being built).
import type { TicketDetail } from "./shared";

export function TeamProp(_: { ticket: TicketDetail }) {
  return null;
}
