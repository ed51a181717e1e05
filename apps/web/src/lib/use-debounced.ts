// A value that follows another once it has stopped changing (search boxes, live checks), and a
// search box kept in step with the URL.
import { useEffect, useRef, useState } from "react";

export function useDebounced<T>(value: T, ms = 300): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * A search box's text kept in step with the URL: what is typed goes to `onChange` (trimmed) once
 * it stops changing, and a change of `value` from elsewhere (Clear, back) replaces the text.
 *
 * @example
 * const [text, setText] = useUrlSyncedText(filters.q, (q) => setFilters({ ...filters, q }));
 */
export function useUrlSyncedText(
  value: string,
  onChange: (value: string) => void,
  ms = 300,
): [string, (text: string) => void] {
  const [text, setText] = useState(value);
  const debounced = useDebounced(text, ms);
  const pushed = useRef(value);
  useEffect(() => {
    if (debounced.trim() !== pushed.current) {
      pushed.current = debounced.trim();
      onChange(debounced.trim());
    }
  }, [debounced, onChange]);
  useEffect(() => {
    if (value !== pushed.current) {
      pushed.current = value;
      setText(value);
    }
  }, [value]);
  return [text, setText];
}
