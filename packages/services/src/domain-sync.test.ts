// The domain's enums (what the browser sees) and the database's enums hold the same values.
import { expect, test } from "bun:test";
import {
  articleStatus,
  slaClockStatus,
  slaMetric,
  tenantPlan,
  tenantRole,
  ticketChannel,
  ticketPriority,
  ticketStatus,
} from "@supportdesk/database";
import {
  BUILT_IN_ROLES,
  KB_ARTICLE_STATUSES,
  SLA_CLOCK_STATUSES,
  SLA_METRICS,
  TENANT_PLANS,
  TICKET_CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
} from "@supportdesk/domain";

test("ticket statuses, priorities, channels, plans and article statuses match the database's enums", () => {
  expect([...TICKET_CHANNELS]).toEqual(ticketChannel.enumValues);
  expect([...TICKET_STATUSES]).toEqual(ticketStatus.enumValues);
  expect([...TICKET_PRIORITIES]).toEqual(ticketPriority.enumValues);
  expect([...TENANT_PLANS]).toEqual(tenantPlan.enumValues);
  expect([...KB_ARTICLE_STATUSES]).toEqual(articleStatus.enumValues);
});

test("the database's roles are the built-in roles plus 'custom'", () => {
  expect(tenantRole.enumValues).toEqual([...BUILT_IN_ROLES, "custom"]);
});

test("SLA metrics and clock statuses match the database's enums", () => {
  expect([...SLA_METRICS]).toEqual(slaMetric.enumValues);
  expect([...SLA_CLOCK_STATUSES]).toEqual(slaClockStatus.enumValues);
});
