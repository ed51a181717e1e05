// Creating or editing a business-hours calendar: name, time zone, weekly hours, holidays, and
// whether it is the tenant's default. Client checks first; the server's field errors beside fields.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { Button, Field, SelectField } from "../../../ui";
import { InlineError } from "../shared";
import {
  type Calendar,
  type FormErrors,
  formFor,
  serverMessage,
  timeZones,
  toInput,
} from "./calendar-form";
import { HolidaysEditor } from "./HolidaysEditor";
import { WeekEditor } from "./WeekEditor";

/** After any change to calendars: their list (and the SLA pages' pickers, which read it). */
export function useRefreshCalendars() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.businessHours.pathKey() });
}

/** `calendar` to edit it; without, a new one. `onDone` after saving or cancelling. */
export function CalendarForm({ calendar, onDone }: { calendar?: Calendar; onDone: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshCalendars();
  const titleId = useId();
  const [state, setState] = useState(() => formFor(calendar));
  const [errors, setErrors] = useState<FormErrors>({});
  const done = async () => {
    await refresh();
    onDone();
  };
  const create = useMutation(trpc.businessHours.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.businessHours.update.mutationOptions({ onSuccess: done }));
  const save = calendar ? update : create;
  const errorFor = (field: string) => errors[field] ?? serverMessage(save.error, field);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = toInput(state);
    setErrors(checked.ok ? {} : checked.errors);
    if (!checked.ok) return;
    if (calendar) update.mutate({ id: calendar.id, ...checked.input });
    else create.mutate(checked.input);
  };
  const clientErrors = Object.keys(errors).length;

  return (
    <form className="card sd-form bh-form" onSubmit={submit} noValidate aria-labelledby={titleId}>
      <h3 id={titleId}>{calendar ? `Edit “${calendar.name}”` : "New business hours"}</h3>
      <Field
        label="Name"
        value={state.name}
        maxLength={80}
        required
        placeholder="e.g. UK office hours"
        onChange={(event) => setState({ ...state, name: event.target.value })}
        error={errorFor("name")}
      />
      <SelectField
        label="Time zone"
        value={state.timezone}
        required
        hint="Opening times and holidays are in this zone, daylight saving included."
        onChange={(event) => setState({ ...state, timezone: event.target.value })}
        error={errorFor("timezone")}
      >
        {timeZones(state.timezone).map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll("_", " ")}
          </option>
        ))}
      </SelectField>
      <WeekEditor
        days={state.days}
        onChange={(days) => setState({ ...state, days })}
        errorFor={errorFor}
      />
      <HolidaysEditor
        holidays={state.holidays}
        onChange={(holidays) => setState({ ...state, holidays })}
        errorFor={errorFor}
      />
      <label className="sd-check bh-default">
        <input
          type="checkbox"
          checked={state.isDefault}
          onChange={(event) => setState({ ...state, isDefault: event.target.checked })}
        />
        The default: SLA targets in business time count in these hours unless a policy names others
      </label>
      {clientErrors > 0 ? (
        <InlineError
          message={`Fix the ${clientErrors === 1 ? "problem" : `${clientErrors} problems`} marked above.`}
        />
      ) : null}
      {/* Also for field errors: a nested field's message may sit far up the form. */}
      {save.error && clientErrors === 0 ? <InlineError message={errorMessage(save.error)} /> : null}
      <div className="sd-actions">
        <Button type="submit" busy={save.isPending}>
          {calendar ? "Save business hours" : "Create business hours"}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
