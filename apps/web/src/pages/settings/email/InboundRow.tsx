// One received email in the list: who sent it, its subject (and ticket, once filed), when, what
// became of it and why; its original to download, and for quarantined mail Retry and Discard.
import { useMutation } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { errorMessage, useTRPC, useTRPCClient } from "../../../lib/trpc";
import { Badge, Button } from "../../../ui";
import { formatSize } from "../../tickets/email-format";
import { Ago, ConfirmButton, InlineError } from "../shared";
import { type InboundEmail, type InboundStatus, STATUS_NAMES, senderOf } from "./form";

const COLUMNS = 6;

/** Badge tones the app already styles (styles.css `badge-<tone>`). */
const TONES: Record<InboundStatus, string> = {
  quarantined: "urgent",
  received: "pending",
  processed: "open",
  duplicate: "closed",
  ignored: "closed",
  bounce: "high",
  discarded: "closed",
};

export function InboundRow({
  email,
  onChanged,
}: {
  email: InboundEmail;
  /** After a retry or discard: what happened, in words; the list refreshes. */
  onChanged: (message: string) => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const { slug } = useParams();
  const sender = senderOf(email);
  const subject = email.subject?.trim() || "(no subject)";
  const original = useMutation({
    mutationFn: () => client.email.inbound.original.query({ id: email.id }),
    // A short-lived link that downloads (the file is served as an attachment): the page stays.
    onSuccess: ({ url }) => window.location.assign(url),
  });
  const retry = useMutation(
    trpc.email.inbound.retry.mutationOptions({
      onSuccess: () => onChanged(`The email from ${sender} is being filed again.`),
    }),
  );
  const discard = useMutation(
    trpc.email.inbound.discard.mutationOptions({
      onSuccess: () => onChanged(`The email from ${sender} was discarded.`),
    }),
  );
  const error = original.error ?? retry.error ?? discard.error;
  const quarantined = email.status === "quarantined";
  return (
    <>
      <tr className={email.status === "discarded" ? "sd-row-dim" : undefined}>
        <th scope="row" data-label="From" className="sd-mail-from">
          {sender}
          {email.fromAddress && email.envelopeFrom && email.envelopeFrom !== email.fromAddress ? (
            <span className="sd-small-text sd-muted">Sent by {email.envelopeFrom}</span>
          ) : null}
        </th>
        <td data-label="Subject" className="sd-mail-subject">
          {subject}
          <span className="sd-small-text sd-muted">
            To {email.recipient} · {formatSize(email.size)}
            {email.ticketId ? (
              <>
                {" · "}
                <Link to={`/t/${slug}/tickets/${email.ticketId}`}>Open its ticket</Link>
              </>
            ) : null}
          </span>
        </td>
        <td data-label="Received">
          <Ago value={email.receivedAt} />
        </td>
        <td data-label="Status">
          <Badge tone={TONES[email.status] ?? "closed"}>
            {STATUS_NAMES[email.status] ?? email.status}
          </Badge>
        </td>
        <td data-label="Reason" className="sd-mail-reason">
          {email.reason ? email.reason : <span className="sd-muted">—</span>}
          {email.attempts > 1 ? (
            <span className="sd-small-text sd-muted">{email.attempts} attempts</span>
          ) : null}
        </td>
        <td className="sd-row-actions">
          <Button
            type="button"
            variant="ghost"
            className="sd-small"
            busy={original.isPending}
            aria-label={`Download original of the email from ${sender}: ${subject}`}
            onClick={() => original.mutate()}
          >
            Download original
          </Button>
          {quarantined ? (
            <>
              <Button
                type="button"
                variant="secondary"
                className="sd-small"
                busy={retry.isPending}
                aria-label={`Retry the email from ${sender}: ${subject}`}
                onClick={() => retry.mutate({ id: email.id })}
              >
                Retry
              </Button>
              <ConfirmButton
                label="Discard"
                aria-label={`Discard the email from ${sender}: ${subject}`}
                question="Discard this email? It will not become a ticket (its original stays)."
                confirmLabel="Discard"
                variant="ghost"
                busy={discard.isPending}
                onConfirm={() => discard.mutate({ id: email.id })}
              />
            </>
          ) : null}
        </td>
      </tr>
      {error ? (
        <tr className="sd-row-error">
          <td colSpan={COLUMNS}>
            <InlineError message={errorMessage(error)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
