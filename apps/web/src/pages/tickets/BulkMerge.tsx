// "Merge into…" for the selected tickets: choose which of them keeps the conversation, confirm,
// and the others merge into it (each as a single merge would). Shown beside the bulk toolbar.
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { Button, SelectField } from "../../ui";

export type MergeCandidate = { id: string; number: number; subject: string };

/** What a finished bulk merge says. */
export function describeMerge(result: {
  targetNumber: number;
  merged: number;
  skipped: readonly unknown[];
}): string {
  const tickets = (n: number) => `${n} ${n === 1 ? "ticket" : "tickets"}`;
  const skipped = result.skipped.length ? `; ${tickets(result.skipped.length)} skipped` : "";
  return `Merged ${tickets(result.merged)} into #${result.targetNumber}${skipped}.`;
}

export function BulkMerge({
  tickets,
  onDone,
}: {
  /** The selected tickets (at least two). */
  tickets: MergeCandidate[];
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const [targetId, setTargetId] = useState("");
  const [confirming, setConfirming] = useState(false);
  const merge = useMutation(
    trpc.tickets.bulkMerge.mutationOptions({
      onSuccess: (result) => {
        setConfirming(false);
        setTargetId("");
        onDone(describeMerge(result));
      },
    }),
  );
  const target = tickets.find((t) => t.id === targetId);
  const others = tickets.length - 1;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!target) return;
    if (!confirming) {
      setConfirming(true);
      return;
    }
    merge.mutate({ ids: tickets.map((t) => t.id), targetId: target.id });
  };

  return (
    <form className="bulk-merge card" aria-label="Merge selected tickets" onSubmit={submit}>
      <SelectField
        label="Merge into"
        value={targetId}
        onChange={(event) => {
          setTargetId(event.target.value);
          setConfirming(false);
        }}
      >
        <option value="">Choose the ticket to keep…</option>
        {tickets.map((t) => (
          <option key={t.id} value={t.id}>
            #{t.number} {t.subject}
          </option>
        ))}
      </SelectField>
      {confirming && target ? (
        <p className="bulk-merge-confirm" role="alert">
          Merge {others} {others === 1 ? "ticket" : "tickets"} into #{target.number}? Their
          conversations move there and they close.
        </p>
      ) : null}
      <Button
        type="submit"
        variant={confirming ? "danger" : "secondary"}
        disabled={!target}
        busy={merge.isPending}
      >
        {confirming ? "Confirm merge" : "Merge"}
      </Button>
      {confirming ? (
        <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
          Cancel
        </Button>
      ) : null}
      {merge.error ? (
        <p className="error" role="alert">
          {errorMessage(merge.error)}
        </p>
      ) : null}
    </form>
  );
}
