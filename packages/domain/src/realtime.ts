// Realtime events over /ws: their types, their wire shape, and the socket's close codes. Types and
// constants only: the browser imports this, and the server's validator lives in `@supportdesk/realtime`.

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
