// One category in the list: counts, move up/down, rename/description in place, delete.
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { Button, Field } from "../../ui";
import { ConfirmButton, hasFieldError, InlineError, messageFor } from "../settings/shared";
import { type Category, useRefreshKb } from "./shared";

export function CategoryRow({
  category,
  canWrite,
  first,
  last,
  moving,
  onMove,
}: {
  category: Category;
  canWrite: boolean;
  first: boolean;
  last: boolean;
  moving: boolean;
  onMove: (by: -1 | 1) => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshKb();
  const [editing, setEditing] = useState(false);
  const remove = useMutation(trpc.kb.categories.delete.mutationOptions({ onSuccess: refresh }));
  const { published, draft, archived } = category.articles;
  return (
    <tr>
      <th scope="row">
        {editing ? (
          <EditCategory category={category} onDone={() => setEditing(false)} />
        ) : (
          <>
            <div>{category.name}</div>
            <div className="sd-muted kb-small">
              /{category.slug}
              {category.description ? ` · ${category.description}` : ""}
            </div>
          </>
        )}
      </th>
      <td>
        {published} published · {draft} draft{draft === 1 ? "" : "s"} · {archived} archived
      </td>
      <td className="sd-row-actions">
        {canWrite && !editing ? (
          <span className="kb-actions">
            <Button
              variant="ghost"
              className="sd-small"
              aria-label={`Move ${category.name} up`}
              disabled={first || moving}
              onClick={() => onMove(-1)}
            >
              ↑ Up
            </Button>
            <Button
              variant="ghost"
              className="sd-small"
              aria-label={`Move ${category.name} down`}
              disabled={last || moving}
              onClick={() => onMove(1)}
            >
              ↓ Down
            </Button>
            <Button
              variant="secondary"
              className="sd-small"
              aria-label={`Edit ${category.name}`}
              onClick={() => setEditing(true)}
            >
              Edit
            </Button>
            <ConfirmButton
              label="Delete"
              aria-label={`Delete ${category.name}`}
              question={`Delete ${category.name}?`}
              confirmLabel="Delete"
              busy={remove.isPending}
              onConfirm={() => remove.mutate({ id: category.id })}
            />
          </span>
        ) : null}
        <InlineError message={remove.error ? errorMessage(remove.error) : null} />
      </td>
    </tr>
  );
}

function EditCategory({ category, onDone }: { category: Category; onDone: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshKb();
  const [name, setName] = useState(category.name);
  const [description, setDescription] = useState(category.description);
  const update = useMutation(
    trpc.kb.categories.update.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onDone();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ id: category.id, name, description });
  };
  return (
    <form className="kb-edit-category" onSubmit={submit} noValidate>
      <Field
        label="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        maxLength={100}
        error={messageFor(update.error, "name") ?? messageFor(update.error, "slug")}
      />
      <Field
        label="Description"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        maxLength={500}
        error={messageFor(update.error, "description")}
      />
      {update.error && !hasFieldError(update.error) ? (
        <InlineError message={errorMessage(update.error)} />
      ) : null}
      <span className="kb-actions">
        <Button type="submit" className="sd-small" busy={update.isPending}>
          Save
        </Button>
        <Button type="button" variant="ghost" className="sd-small" onClick={onDone}>
          Cancel
        </Button>
      </span>
    </form>
  );
}
