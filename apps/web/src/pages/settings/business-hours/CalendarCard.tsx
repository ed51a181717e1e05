// One calendar on the Business hours page: its zone, weekly hours and holidays, whether it is the
// default; edit, make default, or delete it (the server's refusal, e.g. a policy using it, shown).
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorMessage, useTRPC } from "../../../lib/trpc";
import { Badge, Button } from "../../../ui";
import { ConfirmButton, InlineError } from "../shared";
import { CalendarForm, useRefreshCalendars } from "./CalendarForm";
import { type Calendar, weekSummary } from "./calendar-form";

const holidayDate = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});
const holidayFullDate = new Intl.DateTimeFormat(undefined, {
  dateStyle: "medium",
  timeZone: "UTC",
});

function HolidayLabel({ holiday }: { holiday: Calendar["holidays"][number] }) {
  const date = new Date(`${holiday.date}T00:00:00Z`);
  return (
    <li>
      <time dateTime={holiday.date}>
        {holiday.yearly ? `${holidayDate.format(date)}, every year` : holidayFullDate.format(date)}
      </time>{" "}
      {holiday.name}
    </li>
  );
}

export function CalendarCard({ calendar }: { calendar: Calendar }) {
  const trpc = useTRPC();
  const refresh = useRefreshCalendars();
  const titleId = useId();
  const [editing, setEditing] = useState(false);
  const remove = useMutation(trpc.businessHours.delete.mutationOptions({ onSuccess: refresh }));
  const makeDefault = useMutation(
    trpc.businessHours.update.mutationOptions({ onSuccess: refresh }),
  );
  if (editing) return <CalendarForm calendar={calendar} onDone={() => setEditing(false)} />;
  const failure = remove.error ?? makeDefault.error;
  return (
    <section className="card bh-card" aria-labelledby={titleId}>
      <div className="sd-role-head">
        <h4 id={titleId}>{calendar.name}</h4>
        {calendar.isDefault ? <Badge tone="role">Default</Badge> : null}
        <span className="sd-muted">{calendar.timezone.replaceAll("_", " ")}</span>
        <span className="sd-role-actions">
          <Button
            type="button"
            variant="secondary"
            className="sd-small"
            aria-label={`Edit ${calendar.name}`}
            onClick={() => setEditing(true)}
          >
            Edit
          </Button>
          {calendar.isDefault ? null : (
            <Button
              type="button"
              variant="secondary"
              className="sd-small"
              aria-label={`Make ${calendar.name} the default`}
              busy={makeDefault.isPending}
              onClick={() => makeDefault.mutate({ id: calendar.id, isDefault: true })}
            >
              Make default
            </Button>
          )}
          <ConfirmButton
            label="Delete"
            aria-label={`Delete ${calendar.name}`}
            question={`Delete “${calendar.name}”?`}
            confirmLabel="Delete"
            variant="ghost"
            busy={remove.isPending}
            onConfirm={() => remove.mutate({ id: calendar.id })}
          />
        </span>
      </div>
      <p className="bh-summary">{weekSummary(calendar.weekly)}</p>
      {calendar.holidays.length > 0 ? (
        <ul className="bh-holiday-list" aria-label={`Holidays of ${calendar.name}`}>
          {calendar.holidays.map((holiday) => (
            <HolidayLabel key={`${holiday.date}-${holiday.name}`} holiday={holiday} />
          ))}
        </ul>
      ) : (
        <p className="sd-muted bh-summary">No holidays.</p>
      )}
      <InlineError message={failure ? errorMessage(failure) : null} />
    </section>
  );
}
