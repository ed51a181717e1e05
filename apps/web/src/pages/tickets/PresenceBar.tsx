// "Also here: Ana (typing a reply…), Bo": who else has this ticket open, live over the socket.
import { useSession } from "../../lib/use-session";
import { describeViewers } from "./presence";
import { useTicketViewers } from "./presence-hooks";
import "./presence.css";

/**
 * The ticket page's presence bar. Rendering it is what announces the signed-in user on the ticket
 * (a heartbeat while the tab is visible), so render it once per ticket page, e.g. in its header.
 * The live region is always there (empty when alone) so changes are announced.
 */
export function TicketPresence({ ticketId }: { ticketId: string }) {
  const viewers = useTicketViewers(ticketId);
  const selfId = useSession()?.user.id;
  const text = describeViewers(viewers, selfId);
  return (
    <p className="ticket-presence" aria-live="polite" data-empty={text ? undefined : ""}>
      {text}
    </p>
  );
}
