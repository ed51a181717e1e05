// Categories: the list in help-centre order with article counts, a new-category form, and per
// row rename/description, move up/down and delete (the server refuses one that holds articles).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { Button, EmptyState, ErrorState, Field, Spinner } from "../../ui";
import { hasFieldError, InlineError, messageFor } from "../settings/shared";
import { CategoryRow } from "./CategoryRow";
import { type Category, useRefreshKb } from "./shared";

/** The ids in order with the one at `index` moved by `by` (-1 up, +1 down); null at an end. */
export function moved(ids: readonly string[], index: number, by: -1 | 1): string[] | null {
  const to = index + by;
  if (index < 0 || index >= ids.length || to < 0 || to >= ids.length) return null;
  const next = [...ids];
  [next[index], next[to]] = [next[to] as string, next[index] as string];
  return next;
}

export function CategoriesPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const canWrite = useCan("kb.write");
  const list = useQuery(trpc.kb.categories.list.queryOptions());
  const refresh = useRefreshKb();
  const reorder = useMutation(
    trpc.kb.categories.reorder.mutationOptions({
      onSuccess: (categories) =>
        queryClient.setQueryData(trpc.kb.categories.list.queryKey(), categories),
      onSettled: refresh,
    }),
  );
  if (list.isPending) return <Spinner label="Loading categories" />;
  if (list.isError) {
    return <ErrorState message={errorMessage(list.error)} onRetry={() => list.refetch()} />;
  }
  const categories = list.data;
  const move = (index: number, by: -1 | 1) => {
    const ids = moved(
      categories.map((c) => c.id),
      index,
      by,
    );
    if (ids) reorder.mutate({ ids });
  };
  return (
    <div className="kb-categories">
      {canWrite ? <NewCategory /> : null}
      <InlineError message={reorder.error ? errorMessage(reorder.error) : null} />
      {categories.length === 0 ? (
        <EmptyState title="No categories yet">
          {canWrite ? <p>Categories group articles in the help centre.</p> : null}
        </EmptyState>
      ) : (
        <div className="card sd-table-card">
          <table className="sd-table">
            <caption className="visually-hidden">Categories in help-centre order</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Articles</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {categories.map((category: Category, index) => (
                <CategoryRow
                  key={category.id}
                  category={category}
                  canWrite={canWrite}
                  first={index === 0}
                  last={index === categories.length - 1}
                  moving={reorder.isPending}
                  onMove={(by) => move(index, by)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function NewCategory() {
  const trpc = useTRPC();
  const refresh = useRefreshKb();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const create = useMutation(
    trpc.kb.categories.create.mutationOptions({
      onSuccess: () => {
        setName("");
        setDescription("");
        return refresh();
      },
    }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, description });
  };
  return (
    <form className="card sd-form kb-new-category" onSubmit={submit} noValidate>
      <h2 className="kb-subheading">New category</h2>
      <div className="kb-row">
        <Field
          label="Name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={100}
          error={messageFor(create.error, "name") ?? messageFor(create.error, "slug")}
        />
        <Field
          label="Description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={500}
          error={messageFor(create.error, "description")}
        />
        <Button type="submit" busy={create.isPending} className="kb-row-end">
          Add category
        </Button>
      </div>
      {create.error && !hasFieldError(create.error) ? (
        <InlineError message={errorMessage(create.error)} />
      ) : null}
    </form>
  );
}
