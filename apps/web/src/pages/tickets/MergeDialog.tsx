// "Merge into…": a modal (native <dialog>) to find the ticket this one continues in — by number or
// words, through tickets.list — check its subject and customer, and confirm the merge.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useDebounced } from "../../lib/use-debounced";
import { Button } from "../../ui";
import { customerWarning, type MergedFromState, mergeTargets } from "./merge";
import { invalidateTicketQueries, StatusBadge, type TicketDetail, type TicketRow } from "./shared";
import "./merge.css";
import { useModal } from "../../lib/use-modal";

function TargetSearch({ sourceId, onPick }: { sourceId: string; onPick: (t: TicketRow) => void }) {
  const trpc = useTRPC();
  const id = useId();
  const [text, setText] = useState("");
  const q = useDebounced(text.trim(), 300);
  const input = useRef<HTMLInputElement>(null);
  // The dialog opened to find a ticket: its search field takes focus (the dialog pattern's first field).
  useEffect(() => input.current?.focus(), []);
  const results = useQuery({
    ...trpc.tickets.list.queryOptions({ perPage: 8, q }),
    enabled: q.length > 0,
  });
  const rows = results.data ? mergeTargets(results.data.data, sourceId) : [];
  return (
    <div className="field">
      <label htmlFor={id}>Ticket to merge into</label>
      <input
        id={id}
        type="search"
        placeholder="A number (#42) or words from it"
        value={text}
        ref={input}
        aria-describedby={`${id}-results`}
        onChange={(event) => setText(event.target.value)}
      />
      <div id={`${id}-results`} className="picker-results" aria-live="polite">
        {!q ? (
          <span className="muted">Type a ticket number or words from its subject.</span>
        ) : results.isPending ? (
          <span className="muted">Searching…</span>
        ) : results.isError ? (
          <span className="error">{errorMessage(results.error)}</span>
        ) : rows.length === 0 ? (
          <span className="muted">No other open ticket matches “{q}”.</span>
        ) : (
          <ul aria-label="Matching tickets">
            {rows.map((t) => (
              <li key={t.id}>
                <button type="button" className="picker-option" onClick={() => onPick(t)}>
                  <span className="muted">#{t.number}</span> <strong>{t.subject}</strong>
                  <span className="muted"> · {t.customerName ?? "no customer"}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

export function MergeDialog({ ticket, onClose }: { ticket: TicketDetail; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { slug } = useParams();
  const dialog = useModal();
  const [target, setTarget] = useState<TicketRow | null>(null);

  const merge = useMutation(
    trpc.tickets.merge.mutationOptions({
      onSuccess: (result) => {
        // Away first: refreshing the source while it is shown would redirect a second time.
        onClose();
        const state: MergedFromState = { mergedFrom: result.source.number };
        navigate(`/t/${slug}/tickets/${result.target.id}`, { state });
        void invalidateTicketQueries(queryClient);
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (target) merge.mutate({ sourceId: ticket.id, targetId: target.id });
  };
  const warning = target ? customerWarning(ticket, target) : null;

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="merge-title" onClose={onClose}>
      <form onSubmit={submit}>
        <header className="dialog-head">
          <h2 id="merge-title">Merge #{ticket.number} into another ticket</h2>
          <button type="button" className="icon-btn" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        {target ? (
          <section className="merge-target" aria-label="Merge into">
            <div className="picked">
              <span>
                <span className="muted">#{target.number}</span> <strong>{target.subject}</strong>{" "}
                <StatusBadge status={target.status} />
                <br />
                <span className="muted small">Customer: {target.customerName ?? "none"}</span>
              </span>
              <button
                type="button"
                className="link"
                onClick={() => setTarget(null)}
                aria-label={`Choose another ticket than #${target.number}`}
              >
                Change
              </button>
            </div>
            <p className="merge-consequence">
              {`#${ticket.number}'s messages, files and CCs move into #${target.number}. `}
              {`#${ticket.number} closes and points there; this cannot be undone.`}
            </p>
            {warning ? <p className="merge-warning">{warning}</p> : null}
          </section>
        ) : (
          <TargetSearch sourceId={ticket.id} onPick={setTarget} />
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
            {target ? `Merge into #${target.number}` : "Merge"}
          </Button>
        </footer>
      </form>
    </dialog>
  );
}
