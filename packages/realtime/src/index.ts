// @supportdesk/realtime: the realtime event contract, publishing, and (server side) delivery.
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
