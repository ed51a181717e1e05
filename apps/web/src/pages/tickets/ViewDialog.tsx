// Saving the inbox's filters as a view, renaming a view, and deleting one: modal forms (native
// <dialog>, so focus is trapped and Escape closes them).
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, type ReactNode, useState } from "react";
import { errorField, errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { useModal } from "../../lib/use-modal";
import { Button, Field } from "../../ui";
import type { InboxFilters } from "./filters";
import { type SavedView, viewOfFilters } from "./views";

function Modal({
  title,
  titleId,
  onClose,
  children,
}: {
  title: string;
  titleId: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const dialog = useModal();
  return (
    <dialog ref={dialog} className="dialog view-dialog" aria-labelledby={titleId} onClose={onClose}>
      <header className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-btn" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
}

/** Refreshes the views and their counts after a change. */
function useRefreshViews() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.views.pathKey() });
}

/**
 * "Save view" (no `view`): the inbox's current filters and sort under a name; "Rename" (a
 * `view`): its name, and whether it is shared. Sharing shows only to those who may manage views.
 */
export function ViewDialog({
  view,
  filters,
  onClose,
  onSaved,
}: {
  view?: SavedView;
  filters: InboxFilters;
  onClose: () => void;
  onSaved?: (view: SavedView) => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshViews();
  const canShare = useCan("view.manage");
  const [name, setName] = useState(view?.name ?? "");
  const [shared, setShared] = useState(view?.shared ?? false);
  const done = async (saved: SavedView) => {
    await refresh();
    onSaved?.(saved);
    onClose();
  };
  const create = useMutation(trpc.views.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.views.update.mutationOptions({ onSuccess: done }));
  const mutation = view ? update : create;
  const nameError = errorField(mutation.error) === "name" ? errorMessage(mutation.error) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (view) {
      update.mutate({ id: view.id, name, ...(canShare ? { shared } : {}) });
    } else {
      create.mutate({ name, ...viewOfFilters(filters), shared: canShare && shared });
    }
  };

  return (
    <Modal
      title={view ? `Rename “${view.name}”` : "Save view"}
      titleId="view-dialog-title"
      onClose={onClose}
    >
      <form onSubmit={submit}>
        {view ? null : (
          <p className="muted small">
            Saves the inbox’s current filters and sort, to come back to in one click.
          </p>
        )}
        <Field
          label="View name"
          value={name}
          required
          maxLength={80}
          autoFocus
          onChange={(event) => setName(event.target.value)}
          error={nameError}
        />
        {canShare ? (
          <label className="checkbox view-share">
            <input
              type="checkbox"
              checked={shared}
              onChange={(event) => setShared(event.target.checked)}
            />
            Share with the team
          </label>
        ) : null}
        {mutation.error && !nameError ? (
          <div className="error" role="alert">
            {errorMessage(mutation.error)}
          </div>
        ) : null}
        <footer className="dialog-actions">
          <Button type="button" variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={mutation.isPending}>
            {view ? "Save" : "Save view"}
          </Button>
        </footer>
      </form>
    </Modal>
  );
}

/** "Delete view": asks first; the inbox keeps its filters. */
export function DeleteViewDialog({ view, onClose }: { view: SavedView; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshViews();
  const remove = useMutation(
    trpc.views.delete.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onClose();
      },
    }),
  );
  return (
    <Modal title={`Delete “${view.name}”?`} titleId="delete-view-title" onClose={onClose}>
      <p>
        {view.shared
          ? "The view goes for everyone in the team. Tickets are not changed."
          : "The view goes from your sidebar. Tickets are not changed."}
      </p>
      {remove.error ? (
        <div className="error" role="alert">
          {errorMessage(remove.error)}
        </div>
      ) : null}
      <footer className="dialog-actions">
        <Button type="button" variant="secondary" onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button
          type="button"
          variant="danger"
          busy={remove.isPending}
          onClick={() => remove.mutate({ id: view.id })}
        >
          Delete view
        </Button>
      </footer>
    </Modal>
  );
}
