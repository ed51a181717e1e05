// Settings → Ticket fields: the tenant's custom fields (permission field.manage), created, edited,
// archived and restored here; agents fill them in from a ticket's properties.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { Button, EmptyState, ErrorState, Spinner } from "../../../ui";
import { PageHeader } from "../shared";
import { FieldForm } from "./FieldForm";
import { FieldRow } from "./FieldRow";
import type { TicketField } from "./field-form";

function FieldTable({
  caption,
  fields,
  onEdit,
}: {
  caption: string;
  fields: TicketField[];
  onEdit: (field: TicketField) => void;
}) {
  return (
    <div className="card sd-table-card">
      <table className="sd-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col">Type</th>
            <th scope="col">Required</th>
            <th scope="col">Contact form</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <FieldRow key={field.id} field={field} onEdit={() => onEdit(field)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function FieldsPage() {
  const trpc = useTRPC();
  const list = useQuery(trpc.fields.list.queryOptions({ includeArchived: true }));
  /** The field being edited, "new" while creating one, or null. */
  const [editing, setEditing] = useState<TicketField | "new" | null>(null);
  const stopEditing = () => setEditing(null);

  let body: React.ReactNode;
  if (list.isPending) body = <Spinner label="Loading ticket fields" />;
  else if (list.isError) {
    body = <ErrorState message={errorMessage(list.error)} onRetry={() => list.refetch()} />;
  } else {
    const active = list.data.filter((f) => !f.archivedAt);
    const archived = list.data.filter((f) => f.archivedAt);
    body = (
      <>
        <h3 className="sd-subheading">Fields</h3>
        {active.length === 0 ? (
          <EmptyState title="No ticket fields yet">
            Add fields such as a plan, an order number or a renewal date; agents fill them in on
            each ticket, and the inbox can filter by them.
          </EmptyState>
        ) : (
          <FieldTable caption="Ticket fields" fields={active} onEdit={setEditing} />
        )}
        {archived.length > 0 ? (
          <>
            <h3 className="sd-subheading">Archived</h3>
            <p className="sd-muted sd-small-text">
              Hidden from tickets and the contact form; tickets keep their values. Restore one to
              use it again.
            </p>
            <FieldTable caption="Archived ticket fields" fields={archived} onEdit={setEditing} />
          </>
        ) : null}
      </>
    );
  }

  return (
    <>
      <PageHeader title="Ticket fields">
        Your own fields on every ticket, shown to agents beside the conversation, searchable and
        filterable in the inbox, and optionally asked on the help centre's contact form.
      </PageHeader>
      {editing ? (
        <FieldForm
          key={editing === "new" ? "new" : editing.id}
          field={editing === "new" ? undefined : editing}
          onDone={stopEditing}
        />
      ) : (
        <div>
          <Button type="button" onClick={() => setEditing("new")}>
            New field
          </Button>
        </div>
      )}
      {body}
    </>
  );
}
