// Test support: one row of each service-level table for a tenant's ticket (makeTenantGraph calls
// this, so the catalog-driven isolation test finds rows of every table in both tenants).
import type { TenantDb } from "./client";
import {
  automationRules,
  automationRuns,
  businessHours,
  csatSettings,
  csatSurveys,
  slaClocks,
  slaPolicies,
  ticketFacts,
} from "./schema";

export async function makeServiceLevelRows(tx: TenantDb, ticketId: string): Promise<void> {
  const nine = [{ start: "09:00", end: "17:00" }];
  const [calendar] = await tx
    .insert(businessHours)
    .values({ name: "Office", timezone: "Europe/Paris", weekly: { mon: nine }, isDefault: true })
    .returning();
  const [policy] = await tx
    .insert(slaPolicies)
    .values({
      name: "Standard",
      businessHoursId: calendar?.id,
      targets: { normal: { resolution: { minutes: 480, businessHours: true } } },
    })
    .returning();
  await tx.insert(slaClocks).values({
    ticketId,
    metric: "resolution",
    policyId: policy?.id,
    targetMinutes: 480,
    dueAt: new Date(Date.now() + 3_600_000),
  });
  const [rule] = await tx
    .insert(automationRules)
    .values({ name: "Tag urgent", triggerType: "ticket.created", enabled: false })
    .returning();
  if (!rule) throw new Error("rule insert returned nothing");
  await tx.insert(automationRuns).values({
    ruleId: rule.id,
    ticketId,
    eventKey: "fixture",
    trigger: "ticket.created",
    matched: false,
  });
  await tx.insert(csatSettings).values({ enabled: true });
  await tx.insert(csatSurveys).values({ ticketId, tokenHash: `fixture-${crypto.randomUUID()}` });
  await tx.insert(ticketFacts).values({
    ticketId,
    createdAt: new Date(),
    channel: "agent",
    priority: "normal",
    status: "open",
  });
}
