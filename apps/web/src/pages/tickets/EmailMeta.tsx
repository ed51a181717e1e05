// Under an emailed message's header: "From … · To … · Cc …" in one compact line, and "View original"
// for received mail (a short-lived link to the message exactly as it arrived).
import { useMutation } from "@tanstack/react-query";
import { errorMessage, useTRPCClient } from "../../lib/trpc";
import { envelopeParts, type MessageEmail } from "./email-format";

export function EmailMeta({ messageId, email }: { messageId: string; email: MessageEmail }) {
  const client = useTRPCClient();
  const original = useMutation({
    mutationFn: () => client.tickets.messageOriginal.query({ messageId }),
    // The link downloads the .eml (served as an attachment), so the ticket stays open.
    onSuccess: ({ url }) => window.location.assign(url),
  });
  const parts = envelopeParts(email);
  return (
    <div className="msg-email">
      <p className="msg-envelope">
        {parts.map((part, index) => (
          <span key={part.label}>
            {index > 0 ? <span aria-hidden="true"> · </span> : null}
            <span className="msg-envelope-label">{part.label}</span> {part.text}
          </span>
        ))}
      </p>
      {email.inboundEmailId ? (
        <button
          type="button"
          className="link msg-original"
          aria-busy={original.isPending || undefined}
          disabled={original.isPending}
          onClick={() => original.mutate()}
        >
          View original
        </button>
      ) : null}
      {original.isError ? (
        <span className="error small" role="alert">
          Could not open the original: {errorMessage(original.error)}
        </span>
      ) : null}
    </div>
  );
}
