// Canned replies in the reply box: typing `/` (at a line's start or after a space) opens a list of
// them filtered by what follows; arrows move, Enter or Tab inserts the chosen one rendered for the
// ticket (macros.applyToTicket, changing nothing yet) in place of the `/query`, Escape closes. Each
// insertion is noted with what it will also do and an Undo; once the reply is sent, `afterSend`
// applies their actions to the ticket.
import type { MacroActions } from "@supportdesk/domain";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type KeyboardEvent, useId, useLayoutEffect, useRef, useState } from "react";
import { errorMessage, useTRPC } from "../../lib/trpc";
import { MacroListbox, type MacroOption, optionId } from "./MacroListbox";
import {
  filterMacros,
  findTrigger,
  type Insertion,
  insertText,
  moveActive,
  pickerOpen,
  undoInsertion,
} from "./macro-trigger";

/** A canned reply inserted into the reply: its actions apply when the reply is sent. */
export type ChosenMacro = {
  key: number;
  ticketId: string;
  macroId: string;
  name: string;
  actions: MacroActions;
  insertion: Insertion;
};

export function useMacroPicker({
  ticketId,
  enabled,
  body,
  setBody,
}: {
  ticketId: string;
  /** Canned replies need ticket.reply (the server refuses others). */
  enabled: boolean;
  body: string;
  setBody: (body: string) => void;
}) {
  const trpc = useTRPC();
  const listId = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const bodyRef = useRef(body);
  bodyRef.current = body;
  const macros = useQuery({ ...trpc.macros.list.queryOptions(), enabled });
  const [caret, setCaret] = useState(0);
  /** The active option, for the query it was chosen in (a new query starts at the top). */
  const [activeFor, setActiveFor] = useState({ query: "", index: 0 });
  /** The slash whose list was closed with Escape (it stays closed until another `/`). */
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [inserted, setInserted] = useState<ChosenMacro[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const nextKey = useRef(0);
  const pendingCaret = useRef<number | null>(null);
  const render = useMutation(trpc.macros.applyToTicket.mutationOptions());
  const apply = useMutation(trpc.macros.applyToTicket.mutationOptions());

  const trigger = enabled ? findTrigger(body, caret) : null;
  const options = trigger ? filterMacros(macros.data ?? [], trigger.query) : [];
  const open = pickerOpen(trigger, options.length) && dismissed !== trigger?.start;
  const query = trigger?.query ?? "";
  const active = activeFor.query === query ? activeFor.index : 0;
  const setActive = (index: number) => setActiveFor({ query, index });
  // What was inserted into this ticket's reply (the composer may move to another ticket).
  const chosen = inserted.filter((c) => c.ticketId === ticketId);
  // After an insertion (or its undo) has rendered, the caret goes to its place.
  useLayoutEffect(() => {
    const at = pendingCaret.current;
    const box = textareaRef.current;
    if (at === null || !box) return;
    pendingCaret.current = null;
    box.focus();
    box.setSelectionRange(at, at);
    setCaret(at);
  });

  /** Inserts `macro` rendered for the ticket over `[start, end)` of the text (the `/query`). */
  const insert = (macro: MacroOption, start: number, end: number) => {
    const expected = bodyRef.current.slice(start, end);
    setFailure(null);
    render.mutate(
      { macroId: macro.id, ticketId, applyActions: false },
      {
        onSuccess: (result) => {
          const current = bodyRef.current;
          // Typed on meanwhile: the query still there is replaced, else the text goes in at start.
          const same = current.slice(start, end) === expected;
          const at = Math.min(start, current.length);
          const done = insertText(current, at, same ? end : at, result.body);
          pendingCaret.current = done.caret;
          setBody(done.after);
          const key = nextKey.current++;
          const entry = { key, ticketId, macroId: macro.id, name: result.name };
          setInserted((list) => [...list, { ...entry, actions: result.actions, insertion: done }]);
        },
        onError: (error) => setFailure(`Could not insert “${macro.name}”: ${errorMessage(error)}`),
      },
    );
  };

  const choose = (macro: MacroOption) => {
    if (!trigger) return;
    setDismissed(trigger.start);
    insert(macro, trigger.start, trigger.end);
  };

  /** For the button's list: over the text box's selection (or at its caret). */
  const insertAtSelection = (macro: MacroOption) => {
    const box = textareaRef.current;
    const end = bodyRef.current.length;
    insert(macro, box?.selectionStart ?? end, box?.selectionEnd ?? end);
  };

  /** The text box's keys while the list is open; true when the key was the list's. */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || !trigger) return false;
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      setActive(moveActive(active, event.key === "ArrowDown" ? 1 : -1, options.length));
    } else if ((event.key === "Enter" || event.key === "Tab") && plain && options.length > 0) {
      const macro = options[Math.min(active, options.length - 1)];
      if (macro) choose(macro);
    } else if (event.key === "Escape") {
      setDismissed(trigger.start);
      event.stopPropagation();
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  };

  /** Takes an insertion back: the `/query` returns with its list open, to choose again. */
  const undo = (key: number) => {
    const entry = chosen.find((c) => c.key === key);
    if (!entry) return;
    const back = undoInsertion(bodyRef.current, entry.insertion);
    pendingCaret.current = back.caret;
    setDismissed(null);
    setBody(back.text);
    setInserted((list) => list.filter((c) => c.key !== key));
  };

  /** Once the reply is sent: each inserted canned reply's actions change the ticket. */
  const afterSend = async () => {
    const sent = chosen;
    setInserted([]);
    for (const entry of sent) {
      try {
        await apply.mutateAsync({ macroId: entry.macroId, ticketId, applyActions: true });
      } catch (error) {
        setFailure(
          `Your reply was sent, but “${entry.name}” could not change the ticket: ${errorMessage(error)}`,
        );
      }
    }
  };

  const activeIndex = Math.min(active, Math.max(options.length - 1, 0));
  const combobox = enabled
    ? {
        role: "combobox" as const,
        "aria-autocomplete": "list" as const,
        "aria-expanded": open,
        "aria-controls": open ? listId : undefined,
        "aria-activedescendant":
          open && options.length > 0 ? optionId(listId, activeIndex) : undefined,
      }
    : {};
  return {
    enabled,
    textareaRef,
    combobox,
    onKeyDown,
    /** Call with the text box on every change and selection move. */
    onCaret: (box: HTMLTextAreaElement) => {
      const at = box.selectionStart ?? box.value.length;
      setCaret(at);
      // A slash no longer there forgets its Escape.
      if (!findTrigger(box.value, at)) setDismissed(null);
    },
    listbox: open ? (
      <MacroListbox
        listId={listId}
        options={options}
        active={activeIndex}
        query={query}
        loading={macros.isPending}
        onChoose={choose}
        onActive={setActive}
      />
    ) : null,
    macros: macros.data ?? [],
    macrosLoading: macros.isPending,
    inserting: render.isPending,
    insertAtSelection,
    chosen,
    undo,
    afterSend,
    failure,
  };
}

export type MacroPicker = ReturnType<typeof useMacroPicker>;
