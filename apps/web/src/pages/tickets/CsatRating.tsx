// A ticket's satisfaction rating (and comment), when its customer answered the survey.
import type { TicketDetail } from "./shared";

export function CsatRating(_props: { ticket: TicketDetail }) {
  return null;
}
