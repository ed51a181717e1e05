// The matrices' inputs for the automations procedures (spread into INPUTS in test-procedures.ts), and
// the harmless variants the permission matrix calls when a role is allowed (permission-matrix.test.ts).
import type { Ids } from "../test-procedures";

const fresh = (label: string) => `${label} ${crypto.randomUUID().slice(0, 8)}`;
const nowhere = () => crypto.randomUUID();

export const inputs: Record<string, (ids: Ids) => unknown> = {
  "automations.list": () => undefined,
  // Aimed at the tenant's team and member: from another tenant they are refused (BAD_REQUEST), so
  // nothing is created there naming them.
  "automations.create": (ids) => ({
    name: fresh("Matrix rule"),
    enabled: false,
    trigger: { type: "ticket.created" },
    conditions: { all: [{ field: "team", op: "is", value: ids.teamId }], any: [] },
    actions: [{ type: "set_assignee", userId: ids.memberUserId }],
  }),
  "automations.update": (ids) => ({
    id: ids.automationRuleId,
    description: "Edited by the matrix",
  }),
  "automations.reorder": (ids) => ({ ids: [ids.automationRuleId] }),
  "automations.toggle": (ids) => ({ id: ids.automationRuleId, enabled: false }),
  "automations.delete": (ids) => ({ id: ids.automationRuleId }),
  "automations.preview": (ids) => ({ id: ids.automationRuleId }),
  "automations.runs": (ids) => ({ ruleId: ids.automationRuleId }),
};

export const harmless: Record<string, (ids: Ids) => unknown> = {
  // The fixture rule stays (the other cells aim at it) and stays off.
  "automations.delete": () => ({ id: nowhere() }),
};
