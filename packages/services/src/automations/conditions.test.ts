// Conditions without a database: the all/any truth table, each operator on each kind of field,
// and the schema refusing operators and values a field does not take (naming the path).
import { describe, expect, test } from "bun:test";
import { conditionHolds, conditionsHold, type Facts } from "./evaluate";
import { type Condition, ruleInputSchema } from "./schema";

const fieldId = "0190a0e0-0000-7000-8000-000000000001";
const facts: Facts = {
  ticket: {
    id: "t",
    number: 7,
    subject: "Refund for my invoice",
    status: "open",
    priority: "urgent",
    assigneeId: null,
    teamId: "0190a0e0-0000-7000-8000-0000000000aa",
    tags: ["billing", "vip"],
    channel: "email",
    inquiryTypeId: "refunds",
    customFields: { [fieldId]: 12 },
    customerId: "c",
    mergedIntoId: null,
    createdAt: new Date(),
    updatedAt: new Date(),
    statusChangedAt: new Date(),
    slaDueAt: null,
  },
  customer: { email: "ada@example.com", name: "Ada Lovelace" },
  message: { text: "I want my MONEY back", author: "customer" },
  csatRating: 2,
  withinBusinessHours: true,
};

const yes: Condition = { field: "priority", op: "is", value: "urgent" };
const no: Condition = { field: "priority", op: "is", value: "low" };

describe("all and any", () => {
  test.each([
    ["nothing at all", [], [], true],
    ["all true, no any", [yes, yes], [], true],
    ["one of all false", [yes, no], [], false],
    ["all true, one any true", [yes], [no, yes], true],
    ["all true, every any false", [yes], [no, no], false],
    ["no all, one any true", [], [no, yes], true],
    ["all false, any true", [no], [yes], false],
  ] as const)("%s", (_, all, any, expected) => {
    expect(conditionsHold({ all: [...all], any: [...any] }, facts)).toBe(expected);
  });
});

describe("operators", () => {
  test.each([
    [{ field: "status", op: "is", value: "open" }, true],
    [{ field: "status", op: "is_not", value: "open" }, false],
    [{ field: "priority", op: "in", value: ["high", "urgent"] }, true],
    [{ field: "priority", op: "not_in", value: ["high", "urgent"] }, false],
    [{ field: "assignee", op: "is", value: "none" }, true],
    [{ field: "assignee", op: "not_set" }, true],
    [{ field: "team", op: "is_set" }, true],
    [{ field: "tags", op: "contains", value: "vip" }, true],
    [{ field: "tags", op: "not_contains", value: "vip" }, false],
    [{ field: "channel", op: "is", value: "email" }, true],
    [{ field: "inquiryType", op: "is", value: "refunds" }, true],
    [{ field: "subject", op: "contains", value: "INVOICE" }, true],
    [{ field: "subject", op: "starts_with", value: "refund" }, true],
    [{ field: "subject", op: "starts_with", value: "invoice" }, false],
    [{ field: "message.text", op: "contains", value: "money back" }, true],
    [{ field: "message.author", op: "is", value: "customer" }, true],
    [{ field: "customer.email", op: "contains", value: "@example.com" }, true],
    [{ field: "customer.name", op: "is", value: "ada lovelace" }, true],
    [{ field: "businessHours", op: "is", value: false }, false],
    [{ field: "csat.rating", op: "lt", value: 3 }, true],
    [{ field: "csat.rating", op: "gt", value: 3 }, false],
    [{ field: `field:${fieldId}`, op: "gt", value: 10 }, true],
    [{ field: `field:${fieldId}`, op: "is", value: 12 }, true],
    [{ field: `field:${fieldId}`, op: "not_set" }, false],
    [{ field: "field:0190a0e0-0000-7000-8000-0000000000ff", op: "is_set" }, false],
  ] as [Condition, boolean][])("%j is %p", (condition, expected) => {
    expect(conditionHolds(condition, facts)).toBe(expected);
  });

  test("a missing message or customer never contains anything", () => {
    const bare = { ...facts, message: null, customer: null };
    expect(conditionHolds({ field: "message.text", op: "contains", value: "x" }, bare)).toBe(false);
    expect(conditionHolds({ field: "customer.email", op: "not_set" }, bare)).toBe(true);
  });
});

describe("the schema", () => {
  const base = {
    name: "R",
    trigger: { type: "ticket.created" },
    actions: [{ type: "set_status", value: "open" }],
  };
  const pathOf = (conditions: unknown, rest: object = {}) => {
    const result = ruleInputSchema.safeParse({ ...base, conditions, ...rest });
    return result.success ? "ok" : result.error.issues[0]?.path.join(".");
  };

  test.each([
    [{ all: [{ field: "status", op: "gt", value: "open" }], any: [] }, "conditions.all.0.op"],
    [{ all: [], any: [{ field: "priority", op: "is", value: "soon" }] }, "conditions.any.0.value"],
    [{ all: [{ field: "status", op: "in", value: "open" }], any: [] }, "conditions.all.0.value"],
    [{ all: [{ field: "colour", op: "is", value: "red" }], any: [] }, "conditions.all.0.field"],
    [{ all: [{ field: "csat.rating", op: "gt", value: 9 }], any: [] }, "conditions.all.0.value"],
    [{ all: [{ field: "assignee", op: "is", value: "bob" }], any: [] }, "conditions.all.0.value"],
    [{ all: [{ field: "businessHours", op: "is", value: true }], any: [] }, "ok"],
    [{ all: [{ field: "tags", op: "is_set" }], any: [] }, "ok"],
  ])("%j → %s", (conditions, path) => {
    expect(pathOf(conditions)).toBe(path);
  });

  test("actions: at least one, webhooks only over http(s), time within a year", () => {
    expect(pathOf(undefined, { actions: [] })).toBe("actions");
    expect(pathOf(undefined, { actions: [{ type: "webhook", url: "ftp://x.test/" }] })).toBe(
      "actions.0.url",
    );
    expect(pathOf(undefined, { trigger: { type: "time", after: "pending", minutes: 0 } })).toBe(
      "trigger.minutes",
    );
    expect(pathOf(undefined, { actions: [{ type: "notify", message: "hi" }] })).toBe(
      "actions.0.userIds",
    );
  });
});
