// Ticket presence and reply collisions, the pure part: who else is here in words, a throttle for
// "typing", which messages arrived while the agent was typing, and how the composer says so.
import type { PresenceTypingMode, PresenceViewer } from "@supportdesk/domain";
import { relativeTime, type ThreadMessage } from "./shared";

const TYPING_WORDS: Record<PresenceTypingMode, string> = {
  reply: "typing a reply…",
  note: "writing a note…",
};

/**
 * The presence bar's text: "Also here: Ana (typing a reply…), Bo", leaving out the signed-in
 * user; null when no one else is here.
 */
export function describeViewers(
  viewers: readonly PresenceViewer[],
  selfId: string | null | undefined,
): string | null {
  const others = viewers.filter((viewer) => viewer.userId !== selfId);
  if (others.length === 0) return null;
  const names = others.map((viewer) =>
    viewer.typing ? `${viewer.name} (${TYPING_WORDS[viewer.typing]})` : viewer.name,
  );
  return `Also here: ${names.join(", ")}`;
}

/**
 * Whether a "typing" message is due: at once when the mode changes, otherwise at most once per
 * `throttleMs`. `due` records the send it allows.
 */
export function createTypingThrottle(throttleMs: number, now: () => number = Date.now) {
  let last: { mode: PresenceTypingMode; at: number } | undefined;
  return {
    due(mode: PresenceTypingMode): boolean {
      const at = now();
      if (last && last.mode === mode && at - last.at < throttleMs) return false;
      last = { mode, at };
      return true;
    },
  };
}

/** What the thread held when the agent started typing: its newest message (null: none). */
export type Baseline = { id: string; at: number } | null;

type Collidable = Pick<
  ThreadMessage,
  "id" | "authorType" | "authorUserId" | "authorName" | "isInternal" | "createdAt"
>;

/** The newest message of a thread (messages come oldest first). */
export function baselineOf(messages: readonly Collidable[]): Baseline {
  const newest = messages.at(-1);
  return newest ? { id: newest.id, at: new Date(newest.createdAt).getTime() } : null;
}

/**
 * The messages that arrived after `baseline` from someone else (a colleague, the customer), oldest
 * first. The signed-in user's own messages (another tab) and system lines do not count.
 */
export function newerMessages<M extends Collidable>(
  messages: readonly M[],
  baseline: Baseline,
  selfId: string | null | undefined,
): M[] {
  let after: readonly M[];
  if (!baseline) after = messages;
  else {
    const index = messages.findIndex((m) => m.id === baseline.id);
    after =
      index >= 0
        ? messages.slice(index + 1)
        : messages.filter((m) => new Date(m.createdAt).getTime() > baseline.at);
  }
  return after.filter((m) => m.authorType !== "system" && !(selfId && m.authorUserId === selfId));
}

/**
 * The composer's warning for messages that arrived while typing, about the newest:
 * "Ana replied 1 minute ago while you were typing. Send anyway?"
 */
export function collisionText(newer: readonly Collidable[], now = Date.now()): string | null {
  const newest = newer.at(-1);
  if (!newest) return null;
  const who =
    newest.authorName ?? (newest.authorType === "customer" ? "The customer" : "A colleague");
  const did = newest.isInternal ? "added a note" : "replied";
  const more = newer.length > 1 ? ` (${newer.length} new messages)` : "";
  return `${who} ${did} ${relativeTime(newest.createdAt, now)} while you were typing${more}. Send anyway?`;
}
