// Evaluating a rule's conditions against what is known about a ticket and its event (pure: the
// facts are loaded by facts.ts). Text compares ignore case; a missing value never "contains".
import type { Condition, Conditions } from "./schema";

/** What conditions read: the ticket as it is now, its customer, the event's message, and more. */
export type Facts = {
  ticket: {
    id: string;
    number: number;
    subject: string;
    status: string;
    priority: string;
    assigneeId: string | null;
    teamId: string | null;
    tags: string[];
    channel: string;
    inquiryTypeId: string | null;
    customFields: Record<string, unknown>;
    customerId: string | null;
    mergedIntoId: string | null;
    createdAt: Date;
    updatedAt: Date;
    statusChangedAt: Date;
    slaDueAt: Date | null;
  };
  customer: { email: string; name: string } | null;
  message: { text: string; author: "customer" | "agent" | "note" } | null;
  csatRating: number | null;
  withinBusinessHours: boolean;
};

type Scalar = string | number | boolean;
type Actual = Scalar | Scalar[] | null;

/** The value a condition's field has in these facts. */
export function actualOf(field: string, facts: Facts): Actual {
  const { ticket } = facts;
  if (field.startsWith("field:")) {
    const value = ticket.customFields[field.slice("field:".length)];
    if (value === undefined || value === null) return null;
    return Array.isArray(value) ? value.map(String) : (value as Scalar);
  }
  switch (field) {
    case "status":
      return ticket.status;
    case "priority":
      return ticket.priority;
    case "assignee":
      return ticket.assigneeId ?? "none";
    case "team":
      return ticket.teamId ?? "none";
    case "tags":
      return ticket.tags;
    case "channel":
      return ticket.channel;
    case "inquiryType":
      return ticket.inquiryTypeId;
    case "subject":
      return ticket.subject;
    case "message.text":
      return facts.message?.text ?? null;
    case "message.author":
      return facts.message?.author ?? null;
    case "customer.email":
      return facts.customer?.email ?? null;
    case "customer.name":
      return facts.customer?.name ?? null;
    case "businessHours":
      return facts.withinBusinessHours;
    case "csat.rating":
      return facts.csatRating;
    default:
      return null;
  }
}

const fold = (value: Scalar) => (typeof value === "string" ? value.toLowerCase() : value);

function same(actual: Scalar, expected: Scalar): boolean {
  if (typeof actual === "number" && typeof expected === "string") {
    return actual === Number(expected);
  }
  if (typeof actual === "string" && typeof expected === "number") {
    return Number(actual) === expected;
  }
  return fold(actual) === fold(expected);
}

function isSet(actual: Actual, field: string): boolean {
  if (actual === null || actual === "") return false;
  if ((field === "assignee" || field === "team") && actual === "none") return false;
  return !(Array.isArray(actual) && actual.length === 0);
}

function equals(actual: Actual, expected: Scalar): boolean {
  if (actual === null) return false;
  return Array.isArray(actual) ? actual.some((a) => same(a, expected)) : same(actual, expected);
}

function contains(actual: Actual, expected: Scalar): boolean {
  if (actual === null) return false;
  if (Array.isArray(actual)) return actual.some((a) => same(a, expected));
  return String(actual).toLowerCase().includes(String(expected).toLowerCase());
}

function compare(actual: Actual, expected: Scalar, sign: 1 | -1): boolean {
  const a = typeof actual === "number" ? actual : Number(actual);
  const b = Number(expected);
  if (actual === null || Array.isArray(actual) || Number.isNaN(a) || Number.isNaN(b)) return false;
  return sign === 1 ? a > b : a < b;
}

/** Whether one condition holds. */
export function conditionHolds(condition: Condition, facts: Facts): boolean {
  const actual = actualOf(condition.field, facts);
  const value = condition.value;
  const list = (Array.isArray(value) ? value : value === undefined ? [] : [value]) as Scalar[];
  const one = list[0];
  switch (condition.op) {
    case "is_set":
      return isSet(actual, condition.field);
    case "not_set":
      return !isSet(actual, condition.field);
    case "is":
      return one !== undefined && equals(actual, one);
    case "is_not":
      return one === undefined || !equals(actual, one);
    case "in":
      return list.some((v) => equals(actual, v));
    case "not_in":
      return !list.some((v) => equals(actual, v));
    case "contains":
      return one !== undefined && contains(actual, one);
    case "not_contains":
      return one === undefined || !contains(actual, one);
    case "starts_with":
      return (
        one !== undefined &&
        typeof actual === "string" &&
        actual.toLowerCase().startsWith(String(one).toLowerCase())
      );
    case "gt":
      return one !== undefined && compare(actual, one, 1);
    case "lt":
      return one !== undefined && compare(actual, one, -1);
  }
}

/**
 * Whether a rule's conditions hold: every one of `all`, and — when `any` has conditions — at
 * least one of those.
 *
 * @example
 * conditionsHold({ all: [{ field: "priority", op: "is", value: "urgent" }], any: [] }, facts);
 */
export function conditionsHold(conditions: Conditions, facts: Facts): boolean {
  return (
    conditions.all.every((c) => conditionHolds(c, facts)) &&
    (conditions.any.length === 0 || conditions.any.some((c) => conditionHolds(c, facts)))
  );
}
