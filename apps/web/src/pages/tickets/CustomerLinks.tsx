// Where a ticket came from, and the links its customer follows to it: every email to the customer
// carries one; an agent who may update the ticket can revoke them all (say, a link was forwarded).
import { TICKET_CHANNELS, type TicketChannel } from "@supportdesk/domain";
import { useMutation } from "@tanstack/react-query";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { ConfirmButton } from "../settings/shared";

const CHANNEL_NAMES: Record<TicketChannel, string> = {
  agent: "Opened by an agent",
  helpcentre: "Help-centre contact form",
  email: "Email",
};

/** The channel in words; an unknown value (a newer server) reads as itself. */
export function channelName(channel: string): string {
  return TICKET_CHANNELS.includes(channel as TicketChannel)
    ? CHANNEL_NAMES[channel as TicketChannel]
    : channel;
}

export function ChannelProp({ channel }: { channel: string }) {
  return (
    <div className="prop">
      <span className="field-label">Channel</span>
      <span>{channelName(channel)}</span>
    </div>
  );
}

/** "Revoke customer links", for tickets that have a customer and agents who may update them. */
export function CustomerLinks({ ticketId }: { ticketId: string }) {
  const trpc = useTRPC();
  const canUpdate = useCan("ticket.update");
  const revoke = useMutation(trpc.tickets.revokeLinks.mutationOptions());
  if (!canUpdate) return null;
  const revoked = revoke.data?.revoked;
  return (
    <div className="prop">
      <span className="field-label">Customer's links</span>
      <span className="muted small">
        Each email to the customer links to this ticket's page in the help centre.
      </span>
      <ConfirmButton
        label="Revoke links"
        question="Stop every link sent so far from opening this ticket?"
        confirmLabel="Revoke"
        variant="danger"
        busy={revoke.isPending}
        onConfirm={() => revoke.mutate({ ticketId })}
      />
      <span role="status" className="small">
        {revoke.isError
          ? `Not revoked: ${errorMessage(revoke.error)}`
          : revoked === undefined
            ? ""
            : `${revoked === 1 ? "1 link" : `${revoked} links`} revoked. The next email to the customer carries a new one.`}
      </span>
    </div>
  );
}
