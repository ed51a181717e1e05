// The weekly hours of a calendar form: a fieldset per weekday, open or closed, with one or more
// opening intervals (time inputs; 00:00 as a closing time means midnight at the end of the day).
import { WEEKDAYS, type Weekday } from "@supportdesk/domain";
import { useId } from "react";
import { Button } from "../../../ui";
import { InlineError } from "../shared";
import { DAY_NAMES, type DayState } from "./calendar-form";

type Props = {
  days: Record<Weekday, DayState>;
  onChange: (days: Record<Weekday, DayState>) => void;
  /** Client and server messages by field ("weekly.mon.0.end"). */
  errorFor: (field: string) => string | null;
};

export function WeekEditor({ days, onChange, errorFor }: Props) {
  // Two forms may be open at once (a new calendar and an edit): ids start with this one's.
  const base = useId();
  const setDay = (day: Weekday, next: DayState) => onChange({ ...days, [day]: next });
  return (
    <fieldset className="bh-week">
      <legend>Weekly hours</legend>
      <p className="sd-muted bh-hint">
        In the calendar's time zone. A closing time of 00:00 means midnight at the end of the day.
      </p>
      {WEEKDAYS.map((day) => {
        const state = days[day];
        const name = DAY_NAMES[day].long;
        return (
          <fieldset key={day} className="bh-day">
            <legend className="bh-day-name">{name}</legend>
            <label className="sd-check">
              <input
                type="checkbox"
                checked={state.open}
                onChange={(event) => setDay(day, { ...state, open: event.target.checked })}
              />
              Open
            </label>
            {state.open ? (
              <div className="bh-intervals">
                {state.intervals.map((interval, i) => {
                  const startError = errorFor(`weekly.${day}.${i}.start`);
                  const endError = errorFor(`weekly.${day}.${i}.end`);
                  const errorId = `${base}-${day}-${i}-error`;
                  const update = (patch: Partial<typeof interval>) =>
                    setDay(day, {
                      ...state,
                      intervals: state.intervals.map((x, k) => (k === i ? { ...x, ...patch } : x)),
                    });
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: intervals have no id; order is their identity
                    <div key={i} className="bh-interval">
                      <label>
                        <span className="visually-hidden">{`${name}, hours ${i + 1}, `}</span>opens
                        <input
                          type="time"
                          value={interval.start}
                          required
                          aria-invalid={startError ? true : undefined}
                          aria-describedby={startError || endError ? errorId : undefined}
                          onChange={(event) => update({ start: event.target.value })}
                        />
                      </label>
                      <label>
                        <span className="visually-hidden">{`${name}, hours ${i + 1}, `}</span>closes
                        <input
                          type="time"
                          value={interval.end}
                          required
                          aria-invalid={endError ? true : undefined}
                          aria-describedby={startError || endError ? errorId : undefined}
                          onChange={(event) => update({ end: event.target.value })}
                        />
                      </label>
                      {state.intervals.length > 1 ? (
                        <Button
                          type="button"
                          variant="ghost"
                          className="sd-small"
                          aria-label={`Remove ${name}'s hours ${interval.start}–${interval.end}`}
                          onClick={() =>
                            setDay(day, {
                              ...state,
                              intervals: state.intervals.filter((_, k) => k !== i),
                            })
                          }
                        >
                          Remove
                        </Button>
                      ) : null}
                      <div id={errorId} className="bh-interval-error">
                        <InlineError message={startError ?? endError} />
                      </div>
                    </div>
                  );
                })}
                <Button
                  type="button"
                  variant="secondary"
                  className="sd-small"
                  aria-label={`Add hours on ${name}`}
                  onClick={() => {
                    const last = state.intervals[state.intervals.length - 1];
                    const start = last && last.end !== "00:00" ? last.end : "";
                    setDay(day, { ...state, intervals: [...state.intervals, { start, end: "" }] });
                  }}
                >
                  Add hours
                </Button>
              </div>
            ) : (
              <span className="sd-muted">Closed</span>
            )}
          </fieldset>
        );
      })}
      <InlineError message={errorFor("weekly")} />
    </fieldset>
  );
}
