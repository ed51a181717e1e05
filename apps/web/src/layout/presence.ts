// Presence in the web app: the heartbeat that tells the server an agent has a visible tab (every
// minute while visible, at once on coming back), and the words for availability.
import type { AgentAvailability } from "@supportdesk/domain";

/** How often a visible tab beats; the server counts an agent present for three minutes after. */
export const HEARTBEAT_MS = 60_000;

export const AVAILABILITY_LABELS: Record<AgentAvailability, string> = {
  online: "Online",
  away: "Away",
  offline: "Offline",
};

/** What the heartbeat watches (the document, or a stand-in in tests). */
export type Visibility = {
  readonly visibilityState: string;
  addEventListener(type: "visibilitychange", listener: () => void): void;
  removeEventListener(type: "visibilitychange", listener: () => void): void;
};

export type Timers = {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
};

const browserTimers: Timers = {
  setInterval: (fn, ms) => window.setInterval(fn, ms),
  clearInterval: (id) => window.clearInterval(id as number),
};

/**
 * Calls `beat` now and every `intervalMs` while the page is visible; stops while it is hidden and
 * beats at once when it is shown again. Returns the function that stops it all.
 *
 * @example
 * useEffect(() => startHeartbeat(() => heartbeat.mutate()), []);
 */
export function startHeartbeat(
  beat: () => void,
  options: { visibility?: Visibility; timers?: Timers; intervalMs?: number } = {},
): () => void {
  const visibility = options.visibility ?? document;
  const timers = options.timers ?? browserTimers;
  let timer: unknown = null;
  const stop = () => {
    if (timer !== null) timers.clearInterval(timer);
    timer = null;
  };
  const sync = () => {
    if (visibility.visibilityState !== "visible") return stop();
    if (timer !== null) return;
    beat();
    timer = timers.setInterval(beat, options.intervalMs ?? HEARTBEAT_MS);
  };
  sync();
  visibility.addEventListener("visibilitychange", sync);
  return () => {
    stop();
    visibility.removeEventListener("visibilitychange", sync);
  };
}
