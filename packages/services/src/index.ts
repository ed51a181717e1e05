// @supportdesk/services: the business rules; tRPC procedures, jobs and CLIs are thin doors onto these.
export * as apiKeys from "./api-keys";
export * as attachments from "./attachments";
export { audit, listAudit } from "./audit";
export * as auth from "./auth";
export * as automations from "./automations";
export * as bulk from "./bulk";
export * as businessHours from "./business-hours";
export {
  type Actor,
  authorize,
  builtInGrant,
  type Grant,
  signedInUser,
  type TenantScope,
} from "./context";
export * as csat from "./csat";
export * as roles from "./custom-roles";
export * as customers from "./customers";
export * as email from "./email";
export { AppError, type AppErrorCode, notFound } from "./errors";
export * as fields from "./fields";
export * as helpCentre from "./helpcentre";
export * as invitations from "./invitations";
export * as kb from "./kb";
export * as macros from "./macros";
export * as members from "./members";
export * as merge from "./merge";
export * as notifications from "./notifications";
export { decodeCursor, encodeCursor, type Page } from "./pagination";
export * as reports from "./reports";
export { permissionSet, type RoleRef } from "./roles";
export * as search from "./search";
export { runSweep, scheduleSweep } from "./service-levels-sweep";
export * as sla from "./sla";
export { slugify, uniqueSlugFor } from "./slugs";
export * as teams from "./teams";
export * as tenants from "./tenants";
export { type AutomationOrigin, recordTicketEvent, type TicketEvent } from "./ticket-events";
export * as tickets from "./tickets";
export * as views from "./views";
