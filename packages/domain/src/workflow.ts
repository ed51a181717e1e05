// The agents' workflow vocabulary the server and the browser share: custom field types, team
// assignment modes, agent availability, saved-view sorts and canned-reply placeholders.
import type { TicketPriority, TicketStatus } from "./enums";
import type { SlaState } from "./service-levels";

/** The kinds of custom ticket field an admin can define (the database enum holds the same). */
export const TICKET_FIELD_TYPES = [
  "text",
  "number",
  "select",
  "multiselect",
  "date",
  "checkbox",
] as const;
export type TicketFieldType = (typeof TICKET_FIELD_TYPES)[number];

/** A custom field's value as stored on a ticket (`tickets.custom_fields`, keyed by field id). */
export type TicketFieldValue = string | number | boolean | string[];

/** How a team's new tickets find an agent. */
export const ASSIGNMENT_MODES = ["manual", "round_robin", "least_loaded"] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** An agent's availability in a tenant: from the web app's presence, or set by hand. */
export const AGENT_AVAILABILITY = ["online", "away", "offline"] as const;
export type AgentAvailability = (typeof AGENT_AVAILABILITY)[number];

/** How a saved view (and the inbox) orders tickets. */
/** "due": the earliest SLA due time first; tickets with none (paused, met, no policy) last. */
export const TICKET_SORTS = ["newest", "oldest", "updated", "due"] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

/** The filters a saved view stores (the same the inbox and search take). */
export type TicketViewFilters = {
  status?: TicketStatus[];
  priority?: TicketPriority[];
  /** A user id, "me" (whoever opens the view) or "unassigned". */
  assignee?: string;
  /** A team id, or "none". */
  teamId?: string;
  tag?: string;
  customerId?: string;
  q?: string;
  /** Inclusive days (YYYY-MM-DD) the ticket was created or last updated in. */
  createdFrom?: string;
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
  /** Custom field id → the value it must hold. */
  fields?: Record<string, TicketFieldValue>;
  /** How the ticket stands against its next SLA target (any state but "met"). */
  sla?: Exclude<SlaState, "met">;
};

/** What a canned reply may do to the ticket besides inserting its text. */
export type MacroActions = {
  status?: TicketStatus;
  priority?: TicketPriority;
  addTags?: string[];
  /** A user id, "me" (the agent applying it) or null to unassign. */
  assignee?: string | null;
  teamId?: string | null;
};

/** The placeholders a canned reply's body may use, with what each becomes. */
export const MACRO_PLACEHOLDERS = {
  "customer.name": "The customer's name",
  "customer.firstName": "The customer's first name",
  "customer.email": "The customer's email address",
  "ticket.number": "The ticket's number",
  "ticket.subject": "The ticket's subject",
  "agent.name": "Your name",
  "agent.firstName": "Your first name",
  "tenant.name": "The organisation's name",
} as const;
export type MacroPlaceholder = keyof typeof MACRO_PLACEHOLDERS;
