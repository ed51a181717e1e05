// A native <dialog> shown as a modal while its component is mounted (focus is trapped, Escape
// closes it and fires its close event).
import { type RefObject, useEffect, useRef } from "react";

/**
 * The ref to put on the `<dialog>`; it opens with `showModal()` on mount. There is no close() on
 * cleanup: unmounting removes the dialog, and a close event would fire its `onClose` again.
 *
 * @example
 * const dialog = useModal();
 * return <dialog ref={dialog} onClose={onClose}>…</dialog>;
 */
export function useModal(): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);
  return dialog;
}
