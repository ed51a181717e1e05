// Test support: the router's procedures by path (tenant-scoped or not), a valid input for each,
// and calling one by path. The cross-tenant and permission matrices are generated from these, so
// a procedure added later is covered (or fails with "add inputs for <path>") without anyone
// remembering to extend a list of procedures.
import type { Meta } from "./init";
import { appRouter } from "./root";
import * as automationInputs from "./test-inputs/automations";
import * as businessHoursInputs from "./test-inputs/business-hours";
import * as csatInputs from "./test-inputs/csat";
import * as fieldInputs from "./test-inputs/fields";
import * as macroInputs from "./test-inputs/macros";
import * as mergeInputs from "./test-inputs/merge";
import * as reportInputs from "./test-inputs/reports";
import * as slaInputs from "./test-inputs/sla";
import * as teamInputs from "./test-inputs/teams";
import * as viewInputs from "./test-inputs/views";
import { type callerFor, testEmail } from "./testing";

// ---------------------------------------------------------------------------------------------
// Classification: an explicit list of procedures that are NOT tenant-scoped; everything else is.

/** Procedures that do not act inside one tenant (accounts, the tenant registry, invitation links). */
// queues.* is for platform operators (users.platform_admin), across tenants by design.
export const NON_TENANT_PREFIXES = ["auth.", "queues."];
export const NON_TENANT_PATHS = new Set([
  "tenants.checkSlug",
  "tenants.create",
  "tenants.listMine",
  "tenants.switch",
  "invitations.preview",
  "invitations.accept",
]);
export const isTenantScoped = (path: string) =>
  !NON_TENANT_PATHS.has(path) && !NON_TENANT_PREFIXES.some((prefix) => path.startsWith(prefix));

export type ProcedureDef = {
  meta?: Meta;
  type: "query" | "mutation" | "subscription";
  inputs: { safeParse(input: unknown): { success: boolean; error?: unknown } }[];
  middlewares: unknown[];
};
export const procedures = appRouter._def.procedures as unknown as Record<
  string,
  { _def: ProcedureDef }
>;
export const allPaths = Object.keys(procedures).sort();
export const tenantPaths = allPaths.filter(isTenantScoped);
export const defOf = (path: string): ProcedureDef => {
  const procedure = procedures[path];
  if (!procedure) throw new Error(`no procedure ${path}`);
  return procedure._def;
};
export const isMutation = (path: string) => defOf(path).type === "mutation";

// ---------------------------------------------------------------------------------------------
// Inputs: for each tenant procedure, a valid input aimed at tenant A's records.

export type Ids = {
  tenantId: string;
  slug: string;
  ticketId: string;
  customerId: string;
  memberUserId: string;
  invitationId: string;
  apiKeyId: string;
  /** A custom role of the tenant (one nobody holds). */
  roleId: string;
  /** A knowledge-base category holding `kbArticleId`, a draft. */
  kbCategoryId: string;
  kbArticleId: string;
  /** A file on the ticket's first message, and an email received by the tenant. */
  attachmentId: string;
  inboundEmailId: string;
  /** A ticket message that came by email (its original is downloadable). */
  emailMessageId: string;
  /**
   * The agents' workflow (test-workflow.ts): a shared canned reply, a shared view, a custom
   * select field (options "Free" and "Pro"), a team, and a second ticket and customer (merges).
   */
  macroId: string;
  viewId: string;
  fieldId: string;
  teamId: string;
  otherTicketId: string;
  otherCustomerId: string;
  /**
   * Service levels (test-workflow.ts too): a business-hours calendar, an SLA policy using it, an
   * automation rule, and a rated survey on `ticketId`.
   */
  businessHoursId: string;
  slaPolicyId: string;
  automationRuleId: string;
  csatSurveyId: string;
};

/** The feature files' inputs (test-inputs/*), one file per area so areas grow apart. */
const AREA_INPUTS = [
  fieldInputs,
  macroInputs,
  mergeInputs,
  teamInputs,
  viewInputs,
  businessHoursInputs,
  slaInputs,
  automationInputs,
  csatInputs,
  reportInputs,
];
/** Inputs the permission matrix uses instead of INPUTS when a call is allowed (its HARMLESS). */
export const AREA_HARMLESS: Record<string, (ids: Ids) => unknown> = Object.assign(
  {},
  ...AREA_INPUTS.map((area) => area.harmless),
);

export const INPUTS: Record<string, (ids: Ids) => unknown> = {
  "tenants.current": () => undefined,
  "tenants.update": () => ({
    name: "Renamed by the matrix",
    branding: { primaryColor: "#000000" },
  }),
  "tenants.delete": (ids) => ({ confirmSlug: ids.slug }),
  "tenants.members.list": () => undefined,
  "tenants.members.updateRole": (ids) => ({ userId: ids.memberUserId, role: "admin" }),
  "tenants.members.remove": (ids) => ({ userId: ids.memberUserId }),
  "tenants.leave": () => undefined,
  "tenants.transferOwnership": (ids) => ({ userId: ids.memberUserId }),
  "invitations.create": () => ({ email: testEmail("matrix-invitee"), role: "member" }),
  "invitations.list": () => undefined,
  "invitations.revoke": (ids) => ({ id: ids.invitationId }),
  "invitations.resend": (ids) => ({ id: ids.invitationId }),
  "apiKeys.create": () => ({ name: "Matrix key", role: "member" }),
  "kb.categories.list": () => undefined,
  "kb.categories.create": () => ({ name: `Matrix category ${crypto.randomUUID().slice(0, 8)}` }),
  "kb.categories.update": (ids) => ({ id: ids.kbCategoryId, description: "Edited by the matrix" }),
  "kb.categories.delete": (ids) => ({ id: ids.kbCategoryId }),
  "kb.categories.reorder": (ids) => ({ ids: [ids.kbCategoryId] }),
  "kb.articles.list": (ids) => ({ perPage: 100, categoryId: ids.kbCategoryId }),
  "kb.articles.get": (ids) => ({ id: ids.kbArticleId }),
  "kb.articles.create": (ids) => ({
    title: `Matrix article ${crypto.randomUUID().slice(0, 8)}`,
    body: "Probe.",
    categoryId: ids.kbCategoryId,
  }),
  "kb.articles.update": (ids) => ({ id: ids.kbArticleId, body: "Edited by the matrix." }),
  "kb.articles.publish": (ids) => ({ id: ids.kbArticleId }),
  "kb.articles.unpublish": (ids) => ({ id: ids.kbArticleId }),
  "kb.articles.archive": (ids) => ({ id: ids.kbArticleId }),
  "kb.articles.delete": (ids) => ({ id: ids.kbArticleId }),
  "kb.articles.revisions": (ids) => ({ id: ids.kbArticleId }),
  "kb.articles.restore": (ids) => ({ id: ids.kbArticleId, revisionId: ids.kbArticleId }),
  "kb.articles.preview": () => ({ body: "# Probe" }),
  "kb.search": () => ({ q: "matrix" }),
  "helpCentre.settings.get": () => undefined,
  "helpCentre.settings.update": (ids) => ({
    notice: "Set by the matrix",
    inquiryTypes: [{ name: "Matrix inquiry", priority: "high", assigneeId: ids.memberUserId }],
  }),
  "roles.list": () => undefined,
  "roles.create": () => ({
    name: `Matrix role ${crypto.randomUUID().slice(0, 8)}`,
    permissions: ["ticket.read"],
  }),
  "roles.update": (ids) => ({ id: ids.roleId, description: "Edited by the matrix" }),
  "roles.delete": (ids) => ({ id: ids.roleId }),
  "apiKeys.list": () => undefined,
  "apiKeys.revoke": (ids) => ({ id: ids.apiKeyId }),
  "customers.list": () => ({ perPage: 100 }),
  "customers.create": () => ({ email: testEmail("matrix-customer"), name: "Matrix Customer" }),
  "customers.get": (ids) => ({ id: ids.customerId }),
  "tickets.list": (ids) => ({ perPage: 100, customerId: ids.customerId }),
  "tickets.get": (ids) => ({ id: ids.ticketId }),
  "tickets.create": (ids) => ({
    subject: "Matrix probe",
    body: "probe",
    customerId: ids.customerId,
    assigneeId: ids.memberUserId,
  }),
  "tickets.update": (ids) => ({
    id: ids.ticketId,
    status: "closed",
    priority: "urgent",
    assigneeId: ids.memberUserId,
    tags: ["matrix"],
  }),
  "tickets.addMessage": (ids) => ({ ticketId: ids.ticketId, body: "probe", internal: false }),
  "tickets.revokeLinks": (ids) => ({ ticketId: ids.ticketId }),
  "tickets.messageOriginal": (ids) => ({ messageId: ids.emailMessageId }),
  "tickets.updateCcs": (ids) => ({ ticketId: ids.ticketId, ccs: [{ email: "cc@example.com" }] }),
  "attachments.get": (ids) => ({ id: ids.attachmentId }),
  "attachments.createUpload": (ids) => ({ ticketId: ids.ticketId, filename: "a.txt", size: 1 }),
  "email.settings.get": () => undefined,
  "email.settings.update": () => ({ autoAcknowledge: true }),
  "email.inbound.list": () => ({ limit: 25 }),
  "email.inbound.retry": (ids) => ({ id: ids.inboundEmailId }),
  "email.inbound.discard": (ids) => ({ id: ids.inboundEmailId }),
  "email.inbound.original": (ids) => ({ id: ids.inboundEmailId }),
  "audit.list": () => ({ limit: 100 }),
  "notifications.list": () => ({ perPage: 100, unreadOnly: false }),
  "notifications.unreadCount": () => undefined,
  // A's fixtures hold no notification (no job runs here); a foreign id is ignored, never an
  // error, so this names none of A's markers. routers/notifications.test.ts covers A's real ids.
  "notifications.markRead": () => ({ ids: ["00000000-0000-4000-8000-00000000a11a"] }),
  "notifications.markAllRead": () => undefined,
  "notifications.preferences.get": () => undefined,
  "notifications.preferences.update": () => ({
    preferences: [{ eventType: "ticket.created", inApp: false, email: true }],
  }),
  "search.query": () => ({ q: "matrix" }),
  ...Object.assign({}, ...AREA_INPUTS.map((area) => area.inputs)),
};

export function inputsFor(path: string, ids: Ids): unknown {
  const make = INPUTS[path];
  if (!make) {
    throw new Error(
      `add inputs for ${path} to INPUTS in test-procedures.ts (a tenant procedure without inputs escapes the cross-tenant matrix), or list it in NON_TENANT_PATHS if it is not tenant-scoped`,
    );
  }
  return make(ids);
}

// ---------------------------------------------------------------------------------------------
// Calling a procedure by path, and what came back.

export type Caller = ReturnType<typeof callerFor>;
export type Outcome =
  | { ok: true; data: unknown }
  | { ok: false; code: string; message: string; inputError: boolean };

export async function attempt(caller: Caller, path: string, input: unknown): Promise<Outcome> {
  let node: unknown = caller;
  for (const key of path.split(".")) node = (node as Record<string, unknown>)[key];
  try {
    return { ok: true, data: await (node as (input: unknown) => Promise<unknown>)(input) };
  } catch (error) {
    const e = error as { code?: string; message?: string; cause?: { name?: string } };
    return {
      ok: false,
      code: e.code ?? String(error),
      message: e.message ?? "",
      inputError: e.cause?.name === "ZodError",
    };
  }
}

export const describeOutcome = (outcome: Outcome) =>
  outcome.ok
    ? `success ${JSON.stringify(outcome.data)?.slice(0, 300)}`
    : `${outcome.code} "${outcome.message}"`;

export function refusedWith(path: string, outcome: Outcome, codes: string[], what: string) {
  if (outcome.ok || !codes.includes(outcome.code) || outcome.inputError) {
    throw new Error(
      `${path} (${what}): expected ${codes.join(" or ")}, got ${describeOutcome(outcome)}${
        !outcome.ok && outcome.inputError ? " (an input validation error: fix INPUTS)" : ""
      }`,
    );
  }
}
