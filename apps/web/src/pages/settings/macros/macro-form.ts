// The canned-reply form's state and what it sends (`macros.create` / `macros.update` input): the
// actions the form edits (status, priority, tags to add, assigning) and those it keeps as they were.
import type { MacroActions, TicketPriority, TicketStatus } from "@supportdesk/domain";

/** How the form assigns: no change, to whoever uses it, unassign, or keep a teammate set elsewhere. */
export type AssignChoice = "" | "me" | "none" | "keep";

export type MacroFormState = {
  name: string;
  body: string;
  shared: boolean;
  status: "" | TicketStatus;
  priority: "" | TicketPriority;
  /** Tags to add, separated by commas. */
  tags: string;
  assign: AssignChoice;
};

/** The form for a canned reply (or a new one, shared when `shared`). */
export function formFor(
  macro?: { name: string; body: string; shared: boolean; actions: MacroActions },
  shared = false,
): MacroFormState {
  const actions = macro?.actions ?? {};
  const assignee = actions.assignee;
  return {
    name: macro?.name ?? "",
    body: macro?.body ?? "",
    shared: macro?.shared ?? shared,
    status: actions.status ?? "",
    priority: actions.priority ?? "",
    tags: (actions.addTags ?? []).join(", "),
    assign:
      assignee === undefined ? "" : assignee === null ? "none" : assignee === "me" ? "me" : "keep",
  };
}

/** "Billing, VIP ,, billing" → ["billing", "vip"] (the server lower-cases too). */
export function parseTags(text: string): string[] {
  const tags = text
    .split(",")
    .map((tag) => tag.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(tags)];
}

/**
 * The actions the form stands for. What it does not edit — a teammate assigned or a team set
 * through the API — is kept from `original`.
 */
export function actionsOf(state: MacroFormState, original: MacroActions = {}): MacroActions {
  const actions: MacroActions = {};
  if (state.status) actions.status = state.status;
  if (state.priority) actions.priority = state.priority;
  const tags = parseTags(state.tags);
  if (tags.length > 0) actions.addTags = tags;
  if (state.assign === "me") actions.assignee = "me";
  else if (state.assign === "none") actions.assignee = null;
  else if (state.assign === "keep" && original.assignee !== undefined) {
    actions.assignee = original.assignee;
  }
  if (original.teamId !== undefined) actions.teamId = original.teamId;
  return actions;
}

/** Where a placeholder goes: at the caret of the body (or over its selection). */
export function insertPlaceholder(
  body: string,
  selection: { start: number; end: number } | null,
  placeholder: string,
): { body: string; caret: number } {
  const start = selection?.start ?? body.length;
  const end = selection?.end ?? start;
  return {
    body: body.slice(0, start) + placeholder + body.slice(end),
    caret: start + placeholder.length,
  };
}
