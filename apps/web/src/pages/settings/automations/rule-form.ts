// Settings → Automations' vocabulary in words (triggers, fields, operators, actions) and the rule
// builder's state: from a rule to the form and back to the input the server takes.
import type { RouterInputs, RouterOutputs } from "@supportdesk/trpc";

export type Rule = RouterOutputs["automations"]["list"][number];
export type RuleCreate = RouterInputs["automations"]["create"];
export type Trigger = RuleCreate["trigger"];
export type Condition = NonNullable<NonNullable<RuleCreate["conditions"]>["all"]>[number];
export type Action = RuleCreate["actions"][number];
export type ActionType = Action["type"];
export type Run = RouterOutputs["automations"]["runs"]["data"][number];
export type PreviewRow = RouterOutputs["automations"]["preview"][number];

export const TRIGGERS: Record<Trigger["type"], string> = {
  "ticket.created": "a ticket is created",
  "ticket.updated": "a ticket is updated",
  "message.received": "a message is added",
  time: "time passes",
  "csat.received": "a customer rates their support",
};
export const UPDATED_FIELDS = {
  status: "Status",
  priority: "Priority",
  assigneeId: "Assignee",
  teamId: "Team",
  tags: "Tags",
  customFields: "Custom fields",
} as const;
export const MESSAGE_FROM = {
  any: "from anyone",
  customer: "from the customer",
  agent: "as an agent's reply",
  note: "as an internal note",
} as const;
export const TIME_AFTER = {
  pending: "minutes after a ticket became pending",
  unassigned: "minutes after an open ticket was created, still unassigned",
  created: "minutes after a ticket was created",
  updated: "minutes after a ticket was last updated",
  sla_due: "minutes before a ticket's SLA is due",
} as const;

/** The fields a condition can read (custom fields are added as `field:<id>`). */
export const FIELDS: Record<string, string> = {
  status: "Status",
  priority: "Priority",
  assignee: "Assignee",
  team: "Team",
  tags: "Tags",
  channel: "Channel",
  inquiryType: "Inquiry type",
  subject: "Subject",
  "message.text": "Message text",
  "message.author": "Message author",
  "customer.email": "Customer email",
  "customer.name": "Customer name",
  businessHours: "Within business hours",
  "csat.rating": "Satisfaction rating",
};

export const OPS: Record<Condition["op"], string> = {
  is: "is",
  is_not: "is not",
  contains: "contains",
  not_contains: "does not contain",
  starts_with: "starts with",
  in: "is one of",
  not_in: "is none of",
  gt: "is more than",
  lt: "is less than",
  is_set: "is set",
  not_set: "is not set",
};

const TEXT_OPS = ["is", "is_not", "contains", "not_contains", "starts_with", "is_set", "not_set"];
const CHOICE_OPS = ["is", "is_not", "in", "not_in"];
const REF_OPS = [...CHOICE_OPS, "is_set", "not_set"];

/** The operators the server accepts for a field (it checks again). */
export function opsFor(field: string, fieldType?: string): Condition["op"][] {
  const ops = (() => {
    if (field.startsWith("field:")) {
      return fieldType === "number"
        ? ["is", "is_not", "gt", "lt", "is_set", "not_set"]
        : ["is", "is_not", "contains", "not_contains", "is_set", "not_set"];
    }
    switch (field) {
      case "status":
      case "priority":
      case "channel":
      case "message.author":
        return CHOICE_OPS;
      case "assignee":
      case "team":
      case "inquiryType":
        return REF_OPS;
      case "tags":
        return ["contains", "not_contains", "is_set", "not_set"];
      case "businessHours":
        return ["is"];
      case "csat.rating":
        return ["is", "is_not", "gt", "lt", "is_set", "not_set"];
      default:
        return TEXT_OPS;
    }
  })();
  return ops as Condition["op"][];
}

export const needsValue = (op: string) => op !== "is_set" && op !== "not_set";
export const isList = (op: string) => op === "in" || op === "not_in";

/** A fresh condition on a field, with a sensible first operator and value. */
export function blankCondition(field: string): Condition {
  const op = opsFor(field)[0] ?? "is";
  const value: Condition["value"] =
    field === "businessHours"
      ? true
      : field === "csat.rating"
        ? 1
        : field === "status"
          ? "open"
          : "";
  return { field: field as Condition["field"], op, value };
}

export const ACTIONS: Record<ActionType, string> = {
  set_status: "Set status",
  set_priority: "Set priority",
  set_assignee: "Assign to",
  set_team: "Set team",
  add_tags: "Add tags",
  remove_tags: "Remove tags",
  set_field: "Set custom field",
  add_note: "Add internal note",
  email_customer: "Email the customer",
  notify: "Notify",
  webhook: "Call webhook",
};

/** A fresh action of a type, ready to fill in. */
export function blankAction(type: ActionType): Action {
  switch (type) {
    case "set_status":
      return { type, value: "pending" };
    case "set_priority":
      return { type, value: "high" };
    case "set_assignee":
      return { type, userId: null };
    case "set_team":
      return { type, teamId: null };
    case "add_tags":
    case "remove_tags":
      return { type, tags: [] };
    case "set_field":
      return { type, fieldId: "", value: "" };
    case "add_note":
      return { type, body: "" };
    case "email_customer":
      return { type, subject: "", body: "" };
    case "notify":
      return { type, userIds: [], teamIds: [], message: "" };
    case "webhook":
      return { type, url: "https://" };
  }
}

export type RuleFormState = {
  name: string;
  description: string;
  trigger: Trigger;
  mode: "all" | "any";
  conditions: Condition[];
  /** The other group, when a rule has both (kept as it is). */
  other: Condition[];
  actions: Action[];
};

export function formFor(rule?: Rule): RuleFormState {
  if (!rule) {
    return {
      name: "",
      description: "",
      trigger: { type: "ticket.created" },
      mode: "all",
      conditions: [],
      other: [],
      actions: [blankAction("set_team")],
    };
  }
  const mode = rule.conditions.all.length === 0 && rule.conditions.any.length > 0 ? "any" : "all";
  return {
    name: rule.name,
    description: rule.description,
    trigger: rule.trigger,
    mode,
    conditions: mode === "all" ? rule.conditions.all : rule.conditions.any,
    other: mode === "all" ? rule.conditions.any : [],
    actions: rule.actions,
  };
}

/** The input the server takes (it validates; its errors name the path). */
export function toInput(state: RuleFormState): RuleCreate {
  const conditions =
    state.mode === "all"
      ? { all: state.conditions, any: state.other }
      : { all: [], any: state.conditions };
  return {
    name: state.name,
    description: state.description,
    trigger: state.trigger,
    conditions,
    actions: state.actions,
  };
}

/** "When a ticket is created", for the list. */
export function triggerSentence(trigger: Trigger): string {
  switch (trigger.type) {
    case "ticket.updated":
      return trigger.fields?.length
        ? `When a ticket's ${trigger.fields.map((f) => UPDATED_FIELDS[f].toLowerCase()).join(" or ")} changes`
        : "When a ticket is updated";
    case "message.received":
      return `When a message is added ${MESSAGE_FROM[trigger.from]}`;
    case "time":
      return `${trigger.minutes} ${TIME_AFTER[trigger.after]}`;
    default:
      return `When ${TRIGGERS[trigger.type]}`;
  }
}
