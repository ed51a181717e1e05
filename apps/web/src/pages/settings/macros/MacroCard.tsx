// One canned reply on the settings page: its name, shared or personal, how often it was used, its
// text and what it also does; editing and deleting for whoever may (its owner; macro.manage for
// a shared one).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { Badge, Button } from "../../../ui";
import { describeActions } from "../../tickets/macro-format";
import { ConfirmButton, InlineError } from "../shared";
import { type Macro, MacroForm } from "./MacroForm";

/** "Used once", "Used 3 times", "Not used yet". */
export function usageText(count: number): string {
  if (count === 0) return "Not used yet";
  return count === 1 ? "Used once" : `Used ${count} times`;
}

export function MacroCard({ macro, canManage }: { macro: Macro; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  const remove = useMutation(
    trpc.macros.delete.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.macros.list.queryKey() }),
    }),
  );
  if (editing) {
    return <MacroForm macro={macro} canManage={canManage} onDone={() => setEditing(false)} />;
  }
  const editable = !macro.shared || canManage;
  const also = describeActions(macro.actions);
  return (
    <section className="card macro-card" aria-labelledby={titleId}>
      <div className="sd-role-head">
        <h4 id={titleId}>{macro.name}</h4>
        {macro.shared ? <Badge>Shared</Badge> : <Badge tone="role">Personal</Badge>}
        <span className="sd-muted">{usageText(macro.usageCount)}</span>
        {editable ? (
          <span className="sd-role-actions">
            <Button
              type="button"
              variant="secondary"
              className="btn btn-secondary sd-small"
              aria-label={`Edit ${macro.name}`}
              onClick={() => setEditing(true)}
            >
              Edit
            </Button>
            <ConfirmButton
              label="Delete"
              aria-label={`Delete ${macro.name}`}
              question={`Delete the canned reply “${macro.name}”?`}
              confirmLabel="Delete"
              variant="ghost"
              busy={remove.isPending}
              onConfirm={() => remove.mutate({ id: macro.id })}
            />
          </span>
        ) : null}
      </div>
      <InlineError message={remove.error ? errorMessage(remove.error) : null} />
      {macro.body ? (
        <p className="macro-card-body">{macro.body}</p>
      ) : (
        <p className="sd-muted">No text: it only changes the ticket.</p>
      )}
      {also.length > 0 ? (
        <p className="macro-card-actions">
          <strong>Also:</strong> {also.join(", ")}
        </p>
      ) : null}
    </section>
  );
}
