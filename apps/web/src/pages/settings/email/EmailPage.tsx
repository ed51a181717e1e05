// Settings → Email: the support address to forward mail to (with a copy button and how-to), the
// tenant's own forwarding addresses (./OwnAddresses.tsx), and the channel's settings:
// acknowledgements, the sender name and the signature of replies.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { useSavedFlag } from "../../../lib/use-saved-flag";
import { Button, ErrorState, Field, Spinner, TextAreaField } from "../../../ui";
import { InlineError, messageFor, PageHeader } from "../shared";
import {
  type EmailSettings,
  type Form,
  formOf,
  MAX_SENDER_NAME,
  MAX_SIGNATURE,
  toUpdate,
} from "./form";
import { OwnAddresses } from "./OwnAddresses";

export function EmailPage() {
  const trpc = useTRPC();
  const settings = useQuery(trpc.email.settings.get.queryOptions());
  if (settings.isPending) return <Spinner label="Loading email settings" />;
  if (settings.isError) {
    return <ErrorState message={errorMessage(settings.error)} onRetry={() => settings.refetch()} />;
  }
  return (
    <>
      <PageHeader title="Email">
        Customers write to your support address; each email becomes a ticket, and their replies
        continue it.
      </PageHeader>
      <SupportAddress settings={settings.data} />
      <OwnAddresses settings={settings.data} />
      <EmailForm settings={settings.data} />
    </>
  );
}

/** The address to forward to, a copy button, and how forwarding and replies work. */
function SupportAddress({ settings }: { settings: EmailSettings }) {
  const { slug } = useParams();
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(settings.address);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  };
  return (
    <section className="card sd-email-address" aria-labelledby="email-address-title">
      <h3 id="email-address-title">Your support address</h3>
      <div className="sd-secret">
        <input
          aria-label="Support address"
          readOnly
          value={settings.address}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
        />
        <Button type="button" variant="secondary" onClick={copy}>
          Copy address
        </Button>
      </div>
      <span role="status" className="sd-saved">
        {copied === "yes"
          ? "Copied to the clipboard."
          : copied === "no"
            ? "Could not copy; select the address and copy it yourself."
            : ""}
      </span>
      <h4 className="sd-email-steps-title">Setting it up</h4>
      <ol className="sd-email-steps">
        <li>
          In your own mail service, forward the address your customers already use (for example{" "}
          <code>help@yourcompany.com</code>) to <code>{settings.address}</code>. Customers can also
          write to it directly.
        </li>
        <li>
          Each email that arrives becomes a new ticket, or a reply on the ticket it answers.
          Attachments come with it.
        </li>
        <li>
          Replies from your team go out with a Reply-To address on{" "}
          <code>{settings.inboundDomain}</code> that belongs to the ticket, so the customer's answer
          comes back to the same ticket.
        </li>
      </ol>
      <p className="sd-muted">
        Mail that could not be filed waits in{" "}
        <Link to={`/t/${slug}/settings/received-mail`}>Received mail</Link>, where you can retry or
        discard it.
      </p>
    </section>
  );
}

function EmailForm({ settings }: { settings: EmailSettings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(() => formOf(settings));
  const [saved, setSaved] = useSavedFlag();
  const update = useMutation(
    trpc.email.settings.update.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(trpc.email.settings.get.queryKey(), next);
        setForm(formOf(next));
        setSaved(true);
      },
    }),
  );
  const change = (next: Partial<Form>) => {
    setSaved(false);
    setForm((current) => ({ ...current, ...next }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate(toUpdate(form));
  };
  const fieldError = (name: string) => messageFor(update.error, name);
  const fieldNamed = fieldError("senderName") || fieldError("signature");
  return (
    <form
      className="card sd-form sd-email-form"
      onSubmit={submit}
      noValidate
      aria-labelledby="email-settings-title"
    >
      <h3 id="email-settings-title">Replies and acknowledgements</h3>
      <label className="sd-check">
        <input
          type="checkbox"
          checked={form.autoAcknowledge}
          onChange={(event) => change({ autoAcknowledge: event.target.checked })}
        />
        Acknowledge new emails
        <span className="sd-small-text sd-muted">
          An automatic reply tells the customer their email arrived, with a link to follow the
          ticket.
        </span>
      </label>
      <Field
        label="Sender name"
        hint={`The name your emails come from, like “Acme Support” (at most ${MAX_SENDER_NAME} characters). Leave empty to use your organisation's name.`}
        value={form.senderName}
        maxLength={MAX_SENDER_NAME}
        onChange={(event) => change({ senderName: event.target.value })}
        error={fieldError("senderName")}
      />
      <TextAreaField
        label="Signature"
        hint={`Added to the end of every reply by email, in plain text (at most ${MAX_SIGNATURE} characters). Leave empty for none.`}
        value={form.signature}
        maxLength={MAX_SIGNATURE}
        rows={4}
        onChange={(event) => change({ signature: event.target.value })}
        error={fieldError("signature")}
      />
      {update.error && !fieldNamed ? <InlineError message={errorMessage(update.error)} /> : null}
      <div className="sd-actions">
        <Button type="submit" busy={update.isPending}>
          Save changes
        </Button>
        <span role="status" className="sd-saved">
          {saved ? "Saved." : ""}
        </span>
      </div>
    </form>
  );
}
