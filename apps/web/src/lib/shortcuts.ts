// Keyboard shortcuts: which key a press means (never while typing, never with a modifier), the
// list `?` shows, and a hook a screen uses to bind its own.
import { useEffect, useRef } from "react";

/** Every shortcut, for the help dialog; screens bind the ones that apply to them. */
export const SHORTCUTS = [
  { keys: "/", where: "Anywhere", what: "Search" },
  { keys: "?", where: "Anywhere", what: "Show these shortcuts" },
  { keys: "j / k", where: "Inbox", what: "Next / previous ticket" },
  { keys: "Enter", where: "Inbox", what: "Open the ticket" },
  { keys: "x", where: "Inbox", what: "Select the ticket" },
  { keys: "r", where: "Ticket", what: "Reply" },
  { keys: "n", where: "Ticket", what: "Add an internal note" },
  { keys: "a", where: "Ticket", what: "Assign to me" },
  { keys: "e", where: "Ticket", what: "Close the ticket" },
] as const;

/** Whether a key press lands in something the user is typing into. */
export function isTyping(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== "string") return false;
  const element = target as HTMLElement;
  const tag = element.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || element.isContentEditable;
}

type KeyPress = Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "target"> & {
  defaultPrevented?: boolean;
};

/** The shortcut key a press means, or null (typing, a modifier held, or already handled). */
export function shortcutKey(event: KeyPress): string | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTyping(event.target)) return null;
  // A dialog open elsewhere owns the keyboard.
  if (typeof document !== "undefined" && document.querySelector("dialog[open]")) return null;
  return event.key.length === 1 || event.key === "Enter" ? event.key : null;
}

/**
 * Binds `keys` (key → action) while the component is mounted. The latest actions are used, so
 * callers may pass a new object on every render.
 *
 * @example
 * useShortcuts({ r: () => replyBox.current?.focus() });
 */
export function useShortcuts(keys: Record<string, () => void>): void {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const key = shortcutKey(event);
      const action = key ? latest.current[key] : undefined;
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}
