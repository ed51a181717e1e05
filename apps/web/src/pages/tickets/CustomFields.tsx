// The ticket's custom fields, in its properties: each active field as the control its type calls
// for (`ticket.update`), or its value as text for those who may only read.
import { useQuery } from "@tanstack/react-query";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { useCan } from "../../lib/use-can";
import { CustomFieldControl } from "./CustomFieldControl";
import { displayValue } from "./custom-field-values";
import type { TicketDetail } from "./shared";
import "./custom-fields.css";

export function CustomFields({ ticket }: { ticket: TicketDetail }) {
  const trpc = useTRPC();
  const canUpdate = useCan("ticket.update");
  const fields = useQuery(trpc.fields.list.queryOptions(undefined, { staleTime: 60_000 }));
  if (fields.isError) {
    return (
      <p className="error small">Custom fields could not be loaded: {errorMessage(fields.error)}</p>
    );
  }
  if (!fields.data?.length) return null;
  const values: Record<string, unknown> = ticket.customFields ?? {};
  return (
    <div className="custom-fields">
      {fields.data.map((field) =>
        canUpdate ? (
          <CustomFieldControl
            key={field.id}
            ticketId={ticket.id}
            field={field}
            value={values[field.id]}
          />
        ) : (
          <div key={field.id} className="prop">
            <span className="field-label">{field.label}</span>
            <span>{displayValue(field, values[field.id]) ?? <span className="muted">—</span>}</span>
          </div>
        ),
      )}
    </div>
  );
}
