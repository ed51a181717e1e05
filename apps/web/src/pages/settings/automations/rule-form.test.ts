// The rule builder's state: a rule to the form and back keeps its conditions and actions.
import { describe, expect, test } from "bun:test";
import { formFor, opsFor, type Rule, toInput, triggerSentence } from "./rule-form";

const rule = {
  id: "r",
  name: "Escalate",
  description: "",
  enabled: true,
  position: 0,
  trigger: { type: "ticket.updated", fields: ["priority"] },
  conditions: { all: [], any: [{ field: "priority", op: "is", value: "urgent" }] },
  actions: [{ type: "set_priority", value: "high" }],
  createdAt: new Date(),
  updatedAt: new Date(),
} as unknown as Rule;

describe("rule form", () => {
  test("round-trips an any-of rule", () => {
    const state = formFor(rule);
    expect(state.mode).toBe("any");
    expect(toInput(state)).toMatchObject({
      conditions: { all: [], any: rule.conditions.any },
      actions: rule.actions,
    });
  });
  test("reads the trigger as a sentence", () => {
    expect(triggerSentence(rule.trigger)).toBe("When a ticket's priority changes");
    expect(triggerSentence({ type: "time", after: "pending", minutes: 30 })).toBe(
      "30 minutes after a ticket became pending",
    );
  });
  test("offers only the operators a field takes", () => {
    expect(opsFor("businessHours")).toEqual(["is"]);
    expect(opsFor("field:x", "number")).toContain("gt");
    expect(opsFor("subject")).not.toContain("gt");
  });
});
