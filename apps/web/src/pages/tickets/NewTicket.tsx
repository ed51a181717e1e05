// "New ticket": a modal form (native <dialog>, so focus is trapped and Escape closes it).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { errorField, errorMessage, useTRPC } from "../../lib/trpc";
import { useDebounced } from "../../lib/use-debounced";
import { useModal } from "../../lib/use-modal";
import { Button, Field, SelectField } from "../../ui";
import { type CustomerRow, label, PRIORITIES, type Priority } from "./shared";

function CustomerPicker({
  value,
  onChange,
  error,
}: {
  value: CustomerRow | null;
  onChange: (customer: CustomerRow | null) => void;
  error: string | null;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 300);
  const results = useQuery({
    ...trpc.customers.list.queryOptions({ perPage: 8, q: q || undefined }),
    enabled: value === null,
  });
  if (value) {
    return (
      <div className="field">
        <span className="field-label" id={`${id}-label`}>
          Customer
        </span>
        <div className="picked">
          <span>
            <strong>{value.name}</strong> <span className="muted">{value.email}</span>
          </span>
          <button
            type="button"
            className="link"
            onClick={() => onChange(null)}
            aria-label={`Remove customer ${value.name}`}
          >
            Change
          </button>
        </div>
        {error ? <div className="error">{error}</div> : null}
      </div>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>
        Customer <span className="muted">(optional)</span>
      </label>
      <input
        id={id}
        type="search"
        placeholder="Search by name, email or company"
        value={text}
        aria-describedby={`${id}-results`}
        onChange={(event) => setText(event.target.value)}
      />
      <div id={`${id}-results`} className="picker-results" aria-live="polite">
        {results.isPending ? (
          <span className="muted">Searching…</span>
        ) : results.isError ? (
          <span className="error">{errorMessage(results.error)}</span>
        ) : results.data.data.length === 0 ? (
          <span className="muted">No customers match “{q}”.</span>
        ) : (
          <ul aria-label="Matching customers">
            {results.data.data.map((c) => (
              <li key={c.id}>
                <button type="button" className="picker-option" onClick={() => onChange(c)}>
                  <strong>{c.name}</strong> <span className="muted">{c.email}</span>
                  {c.company ? <span className="muted"> · {c.company}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {error ? <div className="error">{error}</div> : null}
    </div>
  );
}

export function NewTicketDialog({ onClose }: { onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { slug } = useParams();
  const dialog = useModal();
  const messageId = useId();
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [priority, setPriority] = useState<Priority>("normal");
  const [customer, setCustomer] = useState<CustomerRow | null>(null);

  const create = useMutation(
    trpc.tickets.create.mutationOptions({
      onSuccess: async (ticket) => {
        await queryClient.invalidateQueries({ queryKey: trpc.tickets.list.pathKey() });
        onClose();
        navigate(`/t/${slug}/tickets/${ticket.id}`);
      },
    }),
  );
  const field = errorField(create.error);
  const fieldError = (name: string) =>
    field === name && create.error ? errorMessage(create.error) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      subject,
      body,
      priority,
      customerId: customer?.id,
    });
  };

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="new-ticket-title" onClose={onClose}>
      <form onSubmit={submit}>
        <header className="dialog-head">
          <h2 id="new-ticket-title">New ticket</h2>
          <button type="button" className="icon-btn" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <Field
          label="Subject"
          value={subject}
          required
          maxLength={300}
          autoFocus
          onChange={(event) => setSubject(event.target.value)}
          error={fieldError("subject")}
        />
        <div className="field">
          <label htmlFor={messageId}>Message</label>
          <textarea
            id={messageId}
            rows={6}
            required
            value={body}
            aria-invalid={fieldError("body") ? true : undefined}
            onChange={(event) => setBody(event.target.value)}
          />
          {fieldError("body") ? <div className="error">{fieldError("body")}</div> : null}
        </div>
        <CustomerPicker value={customer} onChange={setCustomer} error={fieldError("customerId")} />
        <SelectField
          label="Priority"
          value={priority}
          onChange={(event) => setPriority(event.target.value as Priority)}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {label(p)}
            </option>
          ))}
        </SelectField>
        {create.error && !field ? (
          <div className="error" role="alert">
            {errorMessage(create.error)}
          </div>
        ) : null}
        <footer className="dialog-actions">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={create.isPending}>
            Create ticket
          </Button>
        </footer>
      </form>
    </dialog>
  );
}
