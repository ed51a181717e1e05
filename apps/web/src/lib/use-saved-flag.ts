// "Saved." after a save, for a few seconds: the one flag every settings form and editor shows in
// its role="status" line.
import { useEffect, useState } from "react";

/** How long "Saved." stays up. */
export const SAVED_NOTICE_MS = 4000;

/** `[saved, setSaved]`: set true after a save; it turns itself off after SAVED_NOTICE_MS. */
export function useSavedFlag(): [boolean, (saved: boolean) => void] {
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!saved) return;
    const timer = setTimeout(() => setSaved(false), SAVED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [saved]);
  return [saved, setSaved];
}
