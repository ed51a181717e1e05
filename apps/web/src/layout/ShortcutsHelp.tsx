// `?` opens the list of keyboard shortcuts (a native <dialog>: focus is trapped, Escape closes).
import { useState } from "react";
import { SHORTCUTS, useShortcuts } from "../lib/shortcuts";
import { useModal } from "../lib/use-modal";

export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  useShortcuts({ "?": () => setOpen(true) });
  return open ? <ShortcutsDialog onClose={() => setOpen(false)} /> : null;
}

function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialog = useModal();
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="shortcuts-title" onClose={onClose}>
      <header className="dialog-head">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      </header>
      <table className="shortcuts">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Where</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys + s.where}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.where}</td>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <footer className="dialog-actions">
        <button type="button" className="btn btn-primary" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </footer>
    </dialog>
  );
}
