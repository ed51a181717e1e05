// Agent notifications: who a ticket event concerns (per preferences), the in-app inbox, and its settings.
export type { TicketEventPayload } from "./audience";
export { handleTicketEvent, notificationIdFor } from "./handle-event";
export { listNotifications, markAllRead, markRead, unreadCount } from "./inbox";
export { getPreferences, updatePreferences } from "./preferences";
export {
  type Channels,
  DEFAULT_PREFERENCES,
  NOTIFICATION_TYPES,
  type NotificationType,
} from "./types";
