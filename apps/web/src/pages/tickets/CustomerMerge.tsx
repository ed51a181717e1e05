// "Merge into another customer" on a customer's page: a modal (native <dialog>) to find the
// customer who remains, a confirmation of what moves, then the kept customer's page.
import type { RouterOutputs } from "@supportdesk/trpc";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { useDebounced } from "../../lib/use-debounced";
import { Button } from "../../ui";
import { customerMergeTargets } from "./merge";
import { type CustomerRow, invalidateTicketQueries } from "./shared";
import "./merge.css";
import { useModal } from "../../lib/use-modal";

type CustomerDetail = RouterOutputs["customers"]["get"];

function CustomerSearch({
  sourceId,
  onPick,
}: {
  sourceId: string;
  onPick: (c: CustomerRow) => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 300);
  const input = useRef<HTMLInputElement>(null);
  // The dialog opened to find a customer: its search field takes focus (the dialog pattern's first field).
  useEffect(() => input.current?.focus(), []);
  const results = useQuery({
    ...trpc.customers.list.queryOptions({ perPage: 8, q }),
    enabled: q.length > 0,
  });
  const rows = results.data ? customerMergeTargets(results.data.data, sourceId) : [];
  return (
    <div className="field">
      <label htmlFor={id}>Customer to keep</label>
      <input
        id={id}
        ref={input}
        type="search"
        placeholder="Search by name, email or company"
        value={text}
        aria-describedby={`${id}-results`}
        onChange={(event) => setText(event.target.value)}
      />
      <div id={`${id}-results`} className="picker-results" aria-live="polite">
        {!q ? (
          <span className="muted">Type a name, an email address or a company.</span>
        ) : results.isPending ? (
          <span className="muted">Searching…</span>
        ) : results.isError ? (
          <span className="error">{errorMessage(results.error)}</span>
        ) : rows.length === 0 ? (
          <span className="muted">No other customer matches “{q}”.</span>
        ) : (
          <ul aria-label="Matching customers">
            {rows.map((c) => (
              <li key={c.id}>
                <button type="button" className="picker-option" onClick={() => onPick(c)}>
                  <strong>{c.name}</strong> <span className="muted">{c.email}</span>
                  {c.company ? <span className="muted"> · {c.company}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function CustomerMergeDialog({
  customer,
  onClose,
}: {
  customer: CustomerDetail;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { slug } = useParams();
  const dialog = useModal();
  const [target, setTarget] = useState<CustomerRow | null>(null);

  const merge = useMutation(
    trpc.customers.merge.mutationOptions({
      onSuccess: (kept) => {
        onClose();
        // The merged customer no longer exists: its page gives way to the one that remains.
        navigate(`/t/${slug}/customers/${kept.id}`, { replace: true });
        void queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });
        void invalidateTicketQueries(queryClient);
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (target) merge.mutate({ sourceId: customer.id, targetId: target.id });
  };
  const count = customer.tickets.length;
  const tickets =
    count === 0
      ? "no tickets"
      : count >= 20
        ? "every ticket"
        : `${count} ticket${count === 1 ? "" : "s"}`;

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="customer-merge-title"
      onClose={onClose}
    >
      <form onSubmit={submit}>
        <header className="dialog-head">
          <h2 id="customer-merge-title">Merge {customer.name} into another customer</h2>
          <button type="button" className="icon-btn" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        {target ? (
          <section className="merge-target" aria-label="Merge into">
            <div className="picked">
              <span>
                <strong>{target.name}</strong> <span className="muted">{target.email}</span>
              </span>
              <button
                type="button"
                className="link"
                onClick={() => setTarget(null)}
                aria-label={`Choose another customer than ${target.name}`}
              >
                Change
              </button>
            </div>
            <p className="merge-consequence">
              {customer.name}'s {tickets} and messages move to {target.name}, who keeps their name
              and email. {customer.name} ({customer.email}) is then deleted; this cannot be undone.
            </p>
          </section>
        ) : (
          <CustomerSearch sourceId={customer.id} onPick={setTarget} />
        )}
        {merge.error ? (
          <div className="error" role="alert">
            {errorMessage(merge.error)}
          </div>
        ) : null}
        <footer className="dialog-actions">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={!target} busy={merge.isPending}>
            {target ? `Merge into ${target.name}` : "Merge"}
          </Button>
        </footer>
      </form>
    </dialog>
  );
}

/** The customer page's merge action, for those holding customer.merge. */
export function CustomerMerge({ customer }: { customer: CustomerDetail }) {
  const canMerge = useCan("customer.merge");
  const [merging, setMerging] = useState(false);
  if (!canMerge) return null;
  return (
    <>
      <Button variant="secondary" onClick={() => setMerging(true)} aria-haspopup="dialog">
        Merge into another customer
      </Button>
      {merging ? (
        <CustomerMergeDialog customer={customer} onClose={() => setMerging(false)} />
      ) : null}
    </>
  );
}
