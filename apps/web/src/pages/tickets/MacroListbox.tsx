// The list of canned replies the reply box offers (after `/`, or from the "Canned replies" button):
// a listbox whose active option the combobox names with aria-activedescendant.
import type { RouterOutputs } from "@supportdesk/trpc";
import { Badge } from "../../ui";
import "./macro-picker.css";

export type MacroOption = RouterOutputs["macros"]["list"][number];

/** The id of option `index` of the listbox `listId`. */
export const optionId = (listId: string, index: number) => `${listId}-option-${index}`;

/** The start of a body, on one line, for the option's second line. */
export function snippet(body: string, max = 90): string {
  const line = body.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function MacroListbox({
  listId,
  options,
  active,
  query,
  loading,
  onChoose,
  onActive,
}: {
  listId: string;
  options: readonly MacroOption[];
  active: number;
  query: string;
  loading: boolean;
  onChoose: (macro: MacroOption) => void;
  onActive: (index: number) => void;
}) {
  const messageId = `${listId}-message`;
  const message = loading
    ? "Loading canned replies…"
    : query
      ? `No canned reply matches “${query}”.`
      : "No canned replies yet: add them in Settings → Canned replies.";
  return (
    <>
      <div
        id={listId}
        role="listbox"
        aria-label="Canned replies"
        aria-describedby={options.length === 0 ? messageId : undefined}
        className="macro-listbox"
      >
        {options.map((macro, index) => (
          <div
            key={macro.id}
            id={optionId(listId, index)}
            role="option"
            tabIndex={-1}
            aria-selected={index === active}
            className={`macro-option${index === active ? " macro-option-active" : ""}`}
            // The focus stays in the text box (a press would take it); choosing is on the press.
            onMouseDown={(event) => {
              event.preventDefault();
              onChoose(macro);
            }}
            onMouseMove={() => onActive(index)}
          >
            <span className="macro-option-head">
              <span className="macro-option-name">{macro.name}</span>
              {macro.shared ? <Badge>Shared</Badge> : <Badge tone="role">Personal</Badge>}
            </span>
            {macro.body ? <span className="macro-option-body">{snippet(macro.body)}</span> : null}
          </div>
        ))}
      </div>
      {options.length === 0 ? (
        <p id={messageId} className="macro-option-none" role="status">
          {message}
        </p>
      ) : null}
    </>
  );
}
