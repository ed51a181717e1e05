// Ticket presence and reply collisions in React: announce the open ticket over the tab's socket
// (a heartbeat while visible), hear who else is here, report typing, and hold a reply that would
// cross a message someone else sent meanwhile.
import {
  PRESENCE_HEARTBEAT_MS,
  PRESENCE_TYPING_THROTTLE_MS,
  type PresenceTypingMode,
  type PresenceViewer,
} from "@supportdesk/domain";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTRPC } from "../../lib/trpc";
import { useCurrentTenant, useSession } from "../../lib/use-session";
import { sendRealtime, subscribePresence } from "../settings/notifications/realtime";
import {
  type Baseline,
  baselineOf,
  collisionText,
  createTypingThrottle,
  newerMessages,
} from "./presence";

/**
 * Everyone with the ticket open (the signed-in user included), live. While the page is open and
 * the tab visible it says `presence.view` (again every 20 s and after each reconnect), and
 * `presence.leave` when hidden or left. Empty while hidden or disconnected.
 */
export function useTicketViewers(ticketId: string): PresenceViewer[] {
  const tenantId = useCurrentTenant()?.id;
  const [viewers, setViewers] = useState<PresenceViewer[]>([]);
  useEffect(() => {
    if (!tenantId) return;
    const ticket = { tenantId, ticketId };
    const visible = () => document.visibilityState === "visible";
    const view = () => {
      if (visible()) sendRealtime({ type: "presence.view", ...ticket });
    };
    const unsubscribe = subscribePresence((message) => {
      if (message.type === "open") view();
      else if (message.type === "closed") setViewers([]);
      else if (
        message.tenantId === tenantId.toLowerCase() &&
        message.ticketId === ticketId.toLowerCase()
      ) {
        setViewers(message.viewers);
      }
    });
    const onVisibility = () => {
      if (visible()) return view();
      sendRealtime({ type: "presence.leave", ...ticket });
      setViewers([]);
    };
    view();
    const heartbeat = setInterval(view, PRESENCE_HEARTBEAT_MS);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      clearInterval(heartbeat);
      document.removeEventListener("visibilitychange", onVisibility);
      sendRealtime({ type: "presence.leave", ...ticket });
      unsubscribe();
      setViewers([]);
    };
  }, [tenantId, ticketId]);
  return viewers;
}

/** A function to call on each keystroke in the composer: says "typing", at most every 3 s. */
export function useTypingReporter(ticketId: string): (mode: PresenceTypingMode) => void {
  const tenantId = useCurrentTenant()?.id;
  // A new throttle per ticket (and tenant): the first keystroke on another ticket is reported.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the ids are what renews it.
  const throttle = useMemo(
    () => createTypingThrottle(PRESENCE_TYPING_THROTTLE_MS),
    [tenantId, ticketId],
  );
  return useCallback(
    (mode) => {
      if (tenantId && throttle.due(mode)) {
        sendRealtime({ type: "presence.typing", tenantId, ticketId, mode });
      }
    },
    [tenantId, ticketId, throttle],
  );
}

export type CollisionGuard = {
  /** The warning to show ("Ana replied 1 minute ago while you were typing. Send anyway?"). */
  warning: string | null;
  /** Called on Send: true (and the warning shown) when someone else wrote since typing began. */
  hold(): boolean;
  /** The agent saw the warning (Send anyway, Review): later messages only count from now. */
  acknowledge(): void;
};

/**
 * Remembers the thread's newest message when the agent starts typing (`body` turns non-empty) and,
 * on Send, holds the reply if the ticket (refetched on ticket events) has a newer message by
 * someone else. Emptying the composer (sent, or cleared) starts over.
 */
export function useCollisionGuard(ticketId: string, body: string): CollisionGuard {
  const trpc = useTRPC();
  const messages = useQuery(trpc.tickets.get.queryOptions({ id: ticketId })).data?.messages;
  const selfId = useSession()?.user.id;
  /** undefined: not typing; null: typing began on an empty thread. */
  const baseline = useRef<Baseline | undefined>(undefined);
  const [warning, setWarning] = useState<string | null>(null);
  const typing = body.trim() !== "";
  useEffect(() => {
    if (!typing) {
      baseline.current = undefined;
      setWarning(null);
    } else if (baseline.current === undefined && messages) {
      baseline.current = baselineOf(messages);
    }
  }, [typing, messages]);

  const hold = useCallback(() => {
    if (baseline.current === undefined || !messages) return false;
    const text = collisionText(newerMessages(messages, baseline.current, selfId));
    setWarning(text);
    return text !== null;
  }, [messages, selfId]);
  const acknowledge = useCallback(() => {
    if (messages) baseline.current = baselineOf(messages);
    setWarning(null);
  }, [messages]);
  return { warning, hold, acknowledge };
}
