// Beside the reply box: the "Canned replies" button (the same list as `/`, with a filter box, for
// those who would rather click) and the notes on what was inserted — what each will also do to
// the ticket when the reply is sent, with an Undo.
import { type KeyboardEvent, useId, useRef, useState } from "react";
import { Button } from "../../ui";
import { MacroListbox, type MacroOption, optionId } from "./MacroListbox";
import type { MacroPicker } from "./MacroPicker";
import { actionsSentence, describeActions } from "./macro-format";
import { filterMacros, moveActive } from "./macro-trigger";

export function MacroButton({ picker }: { picker: MacroPicker }) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const menuRef = useRef<HTMLSpanElement>(null);
  const panelId = useId();
  const listId = useId();
  const options = filterMacros(picker.macros, query, 50);
  const index = Math.min(active, Math.max(options.length - 1, 0));
  const close = (refocus: boolean) => {
    setOpen(false);
    setQuery("");
    setActive(0);
    if (refocus) menuRef.current?.querySelector("button")?.focus();
  };
  const choose = (macro: MacroOption) => {
    close(false);
    picker.insertAtSelection(macro);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      setActive(moveActive(index, event.key === "ArrowDown" ? 1 : -1, options.length));
    } else if (event.key === "Enter") {
      const macro = options[index];
      if (macro) choose(macro);
    } else if (event.key === "Escape") {
      event.stopPropagation();
      close(true);
    } else {
      return;
    }
    event.preventDefault();
  };
  return (
    <span className="macro-menu" ref={menuRef}>
      <Button
        type="button"
        variant="secondary"
        className="macro-button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        busy={picker.inserting}
        onClick={() => (open ? close(true) : setOpen(true))}
      >
        Canned replies
      </Button>
      {open ? (
        <div id={panelId} className="macro-menu-panel">
          <input
            // The panel opens on a press of the button: typing filters at once.
            // biome-ignore lint/a11y/noAutofocus: the panel exists to be typed in
            autoFocus
            type="search"
            role="combobox"
            aria-label="Find a canned reply"
            aria-autocomplete="list"
            aria-expanded="true"
            aria-controls={listId}
            aria-activedescendant={options.length > 0 ? optionId(listId, index) : undefined}
            placeholder="Find a canned reply"
            value={query}
            onChange={(event) => {
              setQuery(event.target.value);
              setActive(0);
            }}
            onKeyDown={onKeyDown}
            // Focus leaving the menu (not to its own button, which toggles it) closes it.
            onBlur={(event) => {
              if (!menuRef.current?.contains(event.relatedTarget as Node | null)) close(false);
            }}
          />
          <MacroListbox
            listId={listId}
            options={options}
            active={index}
            query={query}
            loading={picker.macrosLoading}
            onChoose={choose}
            onActive={setActive}
          />
        </div>
      ) : null}
    </span>
  );
}

/** "Canned reply: Refund — will also: set status to resolved, add tag billing" with an Undo. */
export function MacroNotes({ picker }: { picker: MacroPicker }) {
  if (picker.chosen.length === 0 && !picker.failure) return null;
  return (
    <div className="macro-notes">
      {picker.chosen.map((entry) => {
        const also = describeActions(entry.actions, { applying: true });
        return (
          <p key={entry.key} className="macro-note">
            <span>
              Canned reply: <strong>{entry.name}</strong>
              {also.length > 0 ? ` — will also: ${also.join(", ")} when sent` : null}
            </span>
            <Button
              type="button"
              variant="ghost"
              aria-label={`Undo canned reply ${entry.name}`}
              onClick={() => picker.undo(entry.key)}
            >
              Undo
            </Button>
          </p>
        );
      })}
      {picker.failure ? (
        <p className="error" role="alert">
          {picker.failure}
        </p>
      ) : null}
      <span className="visually-hidden" role="status">
        {picker.chosen.length > 0
          ? `Inserted ${picker.chosen.map((c) => c.name).join(", ")}.${
              picker.chosen.some((c) => describeActions(c.actions).length > 0)
                ? ` When sent it will also ${actionsSentence(
                    picker.chosen.flatMap((c) => describeActions(c.actions, { applying: true })),
                  )}.`
                : ""
            }`
          : ""}
      </span>
    </div>
  );
}
