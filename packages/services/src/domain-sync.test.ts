// The domain's enums (what the browser sees) and the database's enums hold the same values.
import { expect, test } from "bun:test";
import { tenantPlan, tenantRole, ticketPriority, ticketStatus } from "@supportdesk/database";
import {
  BUILT_IN_ROLES,
  TENANT_PLANS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
} from "@supportdesk/domain";

test("ticket statuses, priorities and plans match the database's enums", () => {
  expect([...TICKET_STATUSES]).toEqual(ticketStatus.enumValues);
  expect([...TICKET_PRIORITIES]).toEqual(ticketPriority.enumValues);
  expect([...TENANT_PLANS]).toEqual(tenantPlan.enumValues);
});

test("the database's roles are the built-in roles plus 'custom'", () => {
  expect(tenantRole.enumValues).toEqual([...BUILT_IN_ROLES, "custom"]);
});
