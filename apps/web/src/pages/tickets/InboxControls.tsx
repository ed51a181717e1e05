// The inbox's filter controls: chips for status and priority, the URL-synced search box.
import { useUrlSyncedText } from "../../lib/use-debounced";
import { MAX_QUERY_LENGTH } from "./filters";
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
