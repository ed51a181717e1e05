// @supportdesk/realtime: the event contract, publishing, delivery (server side), ticket presence.
export {
  EVENTS_CHANNEL,
  parseEvent,
  publishEvent,
  type RealtimeEvent,
  realtimeEventSchema,
} from "./events";
export {
  createRealtimeHub,
  type RealtimeHub,
  type RealtimeHubOptions,
  type RealtimeLog,
  type RealtimeMessage,
  type RealtimeSocket,
} from "./hub";
export {
  PRESENCE_CHANNEL,
  type PresenceClientMessage,
  parsePresenceChange,
  parsePresenceClientMessage,
  presenceClientMessageSchema,
  publishPresenceChange,
} from "./presence";
export {
  createPresenceHub,
  type PresenceAccess,
  type PresenceConnection,
  type PresenceHub,
  type PresenceHubOptions,
} from "./presence-hub";
export {
  createPresenceStore,
  type PresenceKey,
  type PresenceMember,
  type PresenceStore,
  type PresenceStoreOptions,
  presenceKey,
} from "./presence-store";
