// One ticket field in the settings list: its type and choices, whether it is required and asked on
// the contact form; edit, archive (values stay on tickets) or restore.
import { useMutation } from "@tanstack/react-query";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { Badge, Button } from "../../../ui";
import { ConfirmButton, InlineError } from "../shared";
import { useRefreshFields } from "./FieldForm";
import { FIELD_TYPE_LABELS, hasOptions, type TicketField } from "./field-form";

const COLUMNS = 5;

/** "Free, Pro" — at most `max` choices, then "and 3 more". */
export function optionsSummary(options: readonly string[], max = 4): string {
  if (options.length <= max) return options.join(", ");
  return `${options.slice(0, max).join(", ")} and ${options.length - max} more`;
}

export function FieldRow({ field, onEdit }: { field: TicketField; onEdit: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshFields();
  const archive = useMutation(trpc.fields.archive.mutationOptions({ onSuccess: refresh }));
  const restore = useMutation(trpc.fields.restore.mutationOptions({ onSuccess: refresh }));
  const archived = Boolean(field.archivedAt);
  const failed = archive.error ?? restore.error;
  return (
    <>
      <tr className={archived ? "sd-row-dim" : undefined}>
        <th scope="row">
          {field.label}
          {field.description ? (
            <div className="sd-small-text sd-muted">{field.description}</div>
          ) : null}
        </th>
        <td>
          {FIELD_TYPE_LABELS[field.type]}
          {hasOptions(field.type) ? (
            <div className="sd-small-text sd-muted">{optionsSummary(field.options)}</div>
          ) : null}
        </td>
        <td>{field.required ? <Badge tone="role">Required</Badge> : "Optional"}</td>
        <td>{field.onContactForm ? "Asked" : <span className="sd-muted">Not asked</span>}</td>
        <td className="sd-row-actions">
          {archived ? (
            <Button
              type="button"
              variant="secondary"
              className="sd-small"
              busy={restore.isPending}
              aria-label={`Restore ${field.label}`}
              onClick={() => restore.mutate({ id: field.id })}
            >
              Restore
            </Button>
          ) : (
            <>
              <Button
                type="button"
                variant="secondary"
                className="sd-small"
                aria-label={`Edit ${field.label}`}
                onClick={onEdit}
              >
                Edit
              </Button>
              <ConfirmButton
                label="Archive"
                aria-label={`Archive ${field.label}`}
                question="Hide it from tickets and the contact form? Values stay."
                confirmLabel="Archive"
                variant="ghost"
                busy={archive.isPending}
                onConfirm={() => archive.mutate({ id: field.id })}
              />
            </>
          )}
        </td>
      </tr>
      {failed ? (
        <tr className="sd-row-error">
          <td colSpan={COLUMNS}>
            <InlineError message={errorMessage(failed)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
