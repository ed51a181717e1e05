// Realtime over /ws: event types and their wire shape, ticket presence messages, and the socket's
// close codes. Types and constants only: the browser imports this, and the server's validators
// live in `@supportdesk/realtime`.

export const REALTIME_EVENT_TYPES = [
  "notification.created",
  "ticket.created",
  "ticket.updated",
  "message.created",
] as const;
export type RealtimeEventType = (typeof REALTIME_EVENT_TYPES)[number];

/** What workers publish and servers deliver; a socket receives `{ type, tenantId, payload }`. */
export type RealtimeEvent = {
  type: RealtimeEventType;
  tenantId: string;
  /** The users it is for; null means every member of the tenant. */
  userIds: string[] | null;
  payload: Record<string, unknown>;
};

/** Close code when the access token expired or the session ended: reconnect with a fresh token. */
export const WS_CLOSE_UNAUTHORIZED = 4401;
/** Close code when the server shuts down (standard "going away"): reconnect, maybe elsewhere. */
export const WS_CLOSE_GOING_AWAY = 1001;

// ---------------------------------------------------------------------------------------------
// Ticket presence: who else has a ticket open and who is typing on it (collision detection).
// Clients send `PresenceClientMessage`s over the same socket; servers answer `PresenceMessage`s.

/** What an agent can be typing on a ticket: a reply to the customer or an internal note. */
export const PRESENCE_TYPING_MODES = ["reply", "note"] as const;
export type PresenceTypingMode = (typeof PRESENCE_TYPING_MODES)[number];

/** Client → server over /ws: "I have this ticket open", "I am typing on it", "I left it". */
export type PresenceClientMessage =
  | { type: "presence.view"; tenantId: string; ticketId: string }
  | { type: "presence.typing"; tenantId: string; ticketId: string; mode: PresenceTypingMode }
  | { type: "presence.leave"; tenantId: string; ticketId: string };

/** One person with the ticket open (each user once, however many tabs). */
export type PresenceViewer = { userId: string; name: string; typing: PresenceTypingMode | null };

/**
 * Server → client over /ws: everyone who has the ticket open now, the receiver included (clients
 * leave themselves out). Sent to the sockets viewing the ticket on every change and expiry.
 */
export type PresenceMessage = {
  type: "presence";
  tenantId: string;
  ticketId: string;
  viewers: PresenceViewer[];
};

/** How often an open, visible ticket page repeats `presence.view`. */
export const PRESENCE_HEARTBEAT_MS = 20_000;
/** A viewer is gone this long after their last `presence.view` (two missed heartbeats, and some). */
export const PRESENCE_VIEW_TTL_MS = 45_000;
/** The least time between two `presence.typing` from one composer. */
export const PRESENCE_TYPING_THROTTLE_MS = 3_000;
/** "Typing" ends this long after the last `presence.typing`. */
export const PRESENCE_TYPING_TTL_MS = 6_000;
