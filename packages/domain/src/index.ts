// @supportdesk/domain: what the server and the browser share — the permission table, enums,
// slug rules, realtime event types and error codes. Pure: no I/O, importable anywhere.
export {
  APP_ERROR_CODES,
  type AppErrorCode,
  KB_ARTICLE_STATUSES,
  type KbArticleStatus,
  TENANT_PLANS,
  type TenantPlan,
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketChannel,
  type TicketPriority,
  type TicketStatus,
} from "./enums";
export {
  BUILT_IN_ROLE_INFO,
  BUILT_IN_ROLES,
  type BuiltInRole,
  can,
  GRANTABLE_PERMISSIONS,
  type HasPermissions,
  isBuiltInRole,
  isPermission,
  missingPermissions,
  OWNER_ONLY_PERMISSIONS,
  PERMISSION_KEYS,
  PERMISSIONS,
  type Permission,
  ROLE_PERMISSIONS,
} from "./permissions";
export {
  REALTIME_EVENT_TYPES,
  type RealtimeEvent,
  type RealtimeEventType,
  WS_CLOSE_GOING_AWAY,
  WS_CLOSE_UNAUTHORIZED,
} from "./realtime";
export {
  checkSlug,
  PATH_SLUG_PATTERN,
  pathSlug,
  RESERVED_SLUGS,
  SLUG_MAX_LENGTH,
  type SlugCheck,
  slugify,
} from "./slugs";
