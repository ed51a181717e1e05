// The holidays of a calendar form: a row per closed day with its date, name and whether it comes
// back every year (same month and day).
import { useId } from "react";
import { Button } from "../../../ui";
import { InlineError } from "../shared";
import type { HolidayState } from "./calendar-form";

type Props = {
  holidays: HolidayState[];
  onChange: (holidays: HolidayState[]) => void;
  errorFor: (field: string) => string | null;
};

export function HolidaysEditor({ holidays, onChange, errorFor }: Props) {
  const base = useId();
  const update = (i: number, patch: Partial<HolidayState>) =>
    onChange(holidays.map((h, k) => (k === i ? { ...h, ...patch } : h)));
  return (
    <fieldset className="bh-holidays">
      <legend>Holidays</legend>
      <p className="sd-muted bh-hint">
        Closed all day. A yearly holiday closes the same date every year.
      </p>
      {holidays.length === 0 ? <p className="sd-muted">No holidays.</p> : null}
      {holidays.map((holiday, i) => {
        const dateError = errorFor(`holidays.${i}.date`);
        const nameError = errorFor(`holidays.${i}.name`);
        const errorId = `${base}-holiday-${i}-error`;
        const described = dateError || nameError ? errorId : undefined;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: holidays have no id; order is their identity
          <div key={i} className="bh-holiday">
            <label>
              <span className="visually-hidden">{`Holiday ${i + 1}, `}</span>Date
              <input
                type="date"
                value={holiday.date}
                required
                aria-invalid={dateError ? true : undefined}
                aria-describedby={described}
                onChange={(event) => update(i, { date: event.target.value })}
              />
            </label>
            <label className="bh-holiday-name">
              <span className="visually-hidden">{`Holiday ${i + 1}, `}</span>Name
              <input
                type="text"
                value={holiday.name}
                maxLength={80}
                required
                placeholder="e.g. New Year's Day"
                aria-invalid={nameError ? true : undefined}
                aria-describedby={described}
                onChange={(event) => update(i, { name: event.target.value })}
              />
            </label>
            <label className="sd-check">
              <input
                type="checkbox"
                checked={holiday.yearly}
                onChange={(event) => update(i, { yearly: event.target.checked })}
              />
              Every year
            </label>
            <Button
              type="button"
              variant="ghost"
              className="sd-small"
              aria-label={`Remove holiday ${holiday.name || i + 1}`}
              onClick={() => onChange(holidays.filter((_, k) => k !== i))}
            >
              Remove
            </Button>
            <div id={errorId} className="bh-interval-error">
              <InlineError message={dateError ?? nameError} />
            </div>
          </div>
        );
      })}
      <div>
        <Button
          type="button"
          variant="secondary"
          className="sd-small"
          onClick={() => onChange([...holidays, { date: "", name: "", yearly: false }])}
        >
          Add holiday
        </Button>
      </div>
      <InlineError message={errorFor("holidays")} />
    </fieldset>
  );
}
