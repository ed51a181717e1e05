// Enumerations the server and the browser share (the database's enums hold the same values).

export const TICKET_STATUSES = ["open", "pending", "resolved", "closed"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/** Where a ticket came from: an agent (or API key), the public help centre, or email. */
export const TICKET_CHANNELS = ["agent", "helpcentre", "email"] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];

/** A knowledge-base article's lifecycle: what one writes, what customers see, what is put away. */
export const KB_ARTICLE_STATUSES = ["draft", "published", "archived"] as const;
export type KbArticleStatus = (typeof KB_ARTICLE_STATUSES)[number];

export const TENANT_PLANS = ["free", "pro", "enterprise"] as const;
export type TenantPlan = (typeof TENANT_PLANS)[number];

/** The domain error codes; the tRPC layer maps each to one wire code in one table. */
export const APP_ERROR_CODES = [
  "BAD_REQUEST",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "PRECONDITION_FAILED",
  "RATE_LIMITED",
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];
