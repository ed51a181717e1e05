// The people copied on a ticket's replies by email, in its sidebar: the list, and for roles that may
// update tickets a remove button on each and a box to add one ("Bo <bo@example.com>" or an address),
// checked here as the server checks it. The whole list is saved on each change.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { useSavedFlag } from "../../lib/use-saved-flag";
import { Button } from "../../ui";
import { messageFor } from "../settings/shared";
import { addCc, type Cc, removeCc, toCcsInput } from "./ccs";
import { formatAddress } from "./email-format";

/** The server's refusal in words: the field's message when it names one. */
function refusal(error: unknown): string {
  return messageFor(error, "email") ?? messageFor(error, "ccs") ?? errorMessage(error);
}

export function CcEditor({ ticketId, ccs }: { ticketId: string; ccs: readonly Cc[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canUpdate = useCan("ticket.update");
  const id = useId();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useSavedFlag();
  const key = trpc.tickets.get.queryKey({ id: ticketId });
  const save = useMutation(
    trpc.tickets.updateCcs.mutationOptions({
      onSuccess: (next) => {
        queryClient.setQueryData(key, (ticket) => (ticket ? { ...ticket, ccs: next } : ticket));
        setSaved(true);
      },
      // Not awaited: the answer is the saved list already; the refetch only catches up the rest.
      onSettled: () => void queryClient.invalidateQueries({ queryKey: key }),
    }),
  );
  const send = (next: Cc[], onSaved?: () => void) => {
    setSaved(false);
    save.mutate({ ticketId, ccs: toCcsInput(next) }, { onSuccess: onSaved });
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    const result = addCc(ccs, text);
    if ("problem" in result) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    // The box empties once what it held is saved (a refusal leaves it to correct).
    send(result.ccs, () => setText(""));
  };
  const error = problem ?? (save.isError ? `Not saved: ${refusal(save.error)}` : null);
  return (
    <div className="field cc-editor">
      <span className="field-label">CC</span>
      <span className="muted small">Copied on every reply sent by email.</span>
      {ccs.length ? (
        <ul className="tag-list cc-list" aria-label="Copied on replies">
          {ccs.map((cc) => (
            <li key={cc.email} className="tag cc">
              <span className="cc-address">
                {formatAddress({ address: cc.email, name: cc.name })}
              </span>
              {canUpdate ? (
                <button
                  type="button"
                  aria-label={`Remove ${cc.email} from CC`}
                  disabled={save.isPending}
                  onClick={() => {
                    setProblem(null);
                    send(removeCc(ccs, cc.email));
                  }}
                >
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <span className="muted">No one</span>
      )}
      {canUpdate ? (
        <form className="tag-add" onSubmit={add} noValidate>
          <label htmlFor={id} className="visually-hidden">
            Add a CC address
          </label>
          <input
            id={id}
            inputMode="email"
            autoComplete="off"
            spellCheck={false}
            placeholder="name@example.com"
            value={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => {
              setText(event.target.value);
              setProblem(null);
            }}
          />
          <Button
            type="submit"
            variant="secondary"
            aria-label="Add CC address"
            busy={save.isPending}
            disabled={!text.trim()}
          >
            Add
          </Button>
        </form>
      ) : null}
      {error ? (
        <div className="error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : null}
      <span role="status" className="small cc-saved">
        {saved ? "CC list saved." : ""}
      </span>
    </div>
  );
}
