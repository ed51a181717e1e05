// The inbox's filter controls: chips for status and priority, the URL-synced search box, the SLA
// filter and the sort options' words.
import type { TicketSort } from "@supportdesk/domain";
import { useUrlSyncedText } from "../../lib/use-debounced";
import { SelectField } from "../../ui";
import { MAX_QUERY_LENGTH, SLA_FILTERS, type SlaFilter } from "./filters";
import { label } from "./shared";

export function ChipGroup<T extends string>({
  legend,
  values,
  selected,
  onToggle,
}: {
  legend: string;
  values: readonly T[];
  selected: T[];
  onToggle: (value: T) => void;
}) {
  return (
    <fieldset className="chip-group">
      <legend>{legend}</legend>
      <div className="chips">
        {values.map((value) => (
          <button
            key={value}
            type="button"
            className={`chip chip-${value}`}
            aria-pressed={selected.includes(value)}
            onClick={() => onToggle(value)}
          >
            {label(value)}
          </button>
        ))}
      </div>
    </fieldset>
  );
}

export function SearchBox({
  value,
  onChange,
}: {
  value: string;
  onChange: (value: string) => void;
}) {
  const [text, setText] = useUrlSyncedText(value, onChange);
  return (
    <div className="field search-field">
      <label htmlFor="ticket-search">Search tickets</label>
      <input
        id="ticket-search"
        type="search"
        placeholder="Subject or #number"
        maxLength={MAX_QUERY_LENGTH}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
    </div>
  );
}

/** The inbox's sort options in words ("due": earliest SLA due time first, none last). */
export const SORT_LABELS: Record<TicketSort, string> = {
  newest: "Newest first",
  oldest: "Oldest first",
  updated: "Recently updated",
  due: "Due first",
};

const SLA_LABELS: Record<SlaFilter, string> = {
  breached: "Breached",
  due_soon: "Due soon",
  on_track: "On track",
  paused: "Paused",
};

/** The SLA filter: any, or tickets breached, due soon, on track or paused. */
export function SlaFilterSelect({
  value,
  onChange,
}: {
  value: SlaFilter | undefined;
  onChange: (value: SlaFilter | undefined) => void;
}) {
  return (
    <SelectField
      label="SLA"
      value={value ?? ""}
      onChange={(event) => onChange(SLA_FILTERS.find((state) => state === event.target.value))}
    >
      <option value="">Any</option>
      {SLA_FILTERS.map((state) => (
        <option key={state} value={state}>
          {SLA_LABELS[state]}
        </option>
      ))}
    </SelectField>
  );
}
