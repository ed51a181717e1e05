// The inquiry types editor: one fieldset per type (name, description, priority, tags, default
// assignee), added and removed in place; the whole list is saved with the form.
import { Button, Field, SelectField } from "../../../ui";
import { InlineError, messageFor } from "../shared";
import {
  addRow,
  type Form,
  MAX_INQUIRY_TYPES,
  PRIORITIES,
  type Priority,
  removeRow,
  rowField,
  rowTagsField,
  updateRow,
} from "./form";

type Agent = { userId: string; name: string; email: string };

export function InquiryTypes({
  form,
  onChange,
  agents,
  error,
}: {
  form: Form;
  onChange: (form: Form) => void;
  agents: readonly Agent[];
  error: { data?: { field?: string | null } | null } | null;
}) {
  const errorFor = (name: string) => messageFor(error, name);
  return (
    <fieldset className="sd-hc-types">
      <legend>Inquiry types</legend>
      <p className="hint">
        What customers pick on the contact form. Each gives its tickets a priority, tags and, if you
        choose, someone to handle them.
      </p>
      <InlineError message={errorFor("inquiryTypes")} />
      {form.rows.length === 0 ? <p className="sd-muted">No inquiry types yet.</p> : null}
      {form.rows.map((row, index) => {
        const set = (changes: Parameters<typeof updateRow>[2]) =>
          onChange(updateRow(form, row.key, changes));
        const title = row.name.trim() || `Inquiry type ${index + 1}`;
        const assigneeKnown = !row.assigneeId || agents.some((a) => a.userId === row.assigneeId);
        return (
          <fieldset key={row.key} className="card sd-hc-type">
            <legend>{title}</legend>
            <Field
              label="Name"
              value={row.name}
              maxLength={60}
              required
              onChange={(event) => set({ name: event.target.value })}
              error={errorFor(rowField(index, "name"))}
            />
            <Field
              label="Description"
              value={row.description}
              maxLength={200}
              onChange={(event) => set({ description: event.target.value })}
              error={errorFor(rowField(index, "description"))}
            />
            <div className="sd-inline-form">
              <SelectField
                label="Priority"
                value={row.priority}
                onChange={(event) => set({ priority: event.target.value as Priority })}
                error={errorFor(rowField(index, "priority"))}
              >
                {PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {p.charAt(0).toUpperCase() + p.slice(1)}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label="Default assignee"
                value={row.assigneeId}
                onChange={(event) => set({ assigneeId: event.target.value })}
                error={errorFor(rowField(index, "assigneeId"))}
              >
                <option value="">Nobody</option>
                {assigneeKnown ? null : <option value={row.assigneeId}>Former member</option>}
                {agents.map((a) => (
                  <option key={a.userId} value={a.userId}>
                    {a.name || a.email}
                  </option>
                ))}
              </SelectField>
            </div>
            <Field
              label="Tags"
              hint="Comma-separated, e.g. billing, vip (at most 10)."
              value={row.tags}
              onChange={(event) => set({ tags: event.target.value })}
              error={errorFor(rowTagsField(error as never, index))}
            />
            <Button
              type="button"
              variant="ghost"
              className="sd-small"
              aria-label={`Remove ${title}`}
              onClick={() => onChange(removeRow(form, row.key))}
            >
              Remove
            </Button>
          </fieldset>
        );
      })}
      <Button
        type="button"
        variant="secondary"
        disabled={form.rows.length >= MAX_INQUIRY_TYPES}
        onClick={() => onChange(addRow(form))}
      >
        Add inquiry type
      </Button>
    </fieldset>
  );
}
