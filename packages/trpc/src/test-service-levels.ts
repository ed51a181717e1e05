// Test support: one of each service-level record in a tenant — a business-hours calendar, an SLA
// policy on it, an automation rule (switched off, so it never acts during a matrix), and a rated
// survey on a ticket — written straight to the tables so the matrices do not depend on the
// procedures they test.
import {
  automationRules,
  businessHours,
  csatSurveys,
  slaPolicies,
  type TenantDb,
} from "@supportdesk/database";

export type ServiceLevelIds = {
  businessHoursId: string;
  slaPolicyId: string;
  automationRuleId: string;
  csatSurveyId: string;
};

function one<T>(rows: T[], what: string): T {
  const row = rows[0];
  if (!row) throw new Error(`fixture: no ${what}`);
  return row;
}

export async function serviceLevelFixtures(
  tx: TenantDb,
  label: string,
  ticketId: string,
): Promise<ServiceLevelIds> {
  const nine = [{ start: "09:00", end: "17:00" }];
  const calendar = one(
    await tx
      .insert(businessHours)
      .values({
        name: `${label} hours`,
        timezone: "Europe/London",
        weekly: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine },
        holidays: [{ date: "2026-12-25", name: "Christmas Day", yearly: true }],
      })
      .returning({ id: businessHours.id }),
    "business hours",
  );
  const policy = one(
    await tx
      .insert(slaPolicies)
      .values({
        name: `${label} SLA`,
        businessHoursId: calendar.id,
        targets: {
          urgent: {
            first_response: { minutes: 60, businessHours: true },
            resolution: { minutes: 480, businessHours: true },
          },
        },
      })
      .returning({ id: slaPolicies.id }),
    "SLA policy",
  );
  const rule = one(
    await tx
      .insert(automationRules)
      .values({
        name: `${label} rule`,
        enabled: false,
        triggerType: "ticket.created",
        trigger: { type: "ticket.created" },
        conditions: { all: [], any: [] },
        actions: [{ type: "add_tags", tags: ["matrix"] }],
      })
      .returning({ id: automationRules.id }),
    "automation rule",
  );
  const survey = one(
    await tx
      .insert(csatSurveys)
      .values({
        ticketId,
        tokenHash: `fixture-${crypto.randomUUID()}`,
        sentAt: new Date(),
        rating: 4,
        ratedAt: new Date(),
      })
      .returning({ id: csatSurveys.id }),
    "survey",
  );
  return {
    businessHoursId: calendar.id,
    slaPolicyId: policy.id,
    automationRuleId: rule.id,
    csatSurveyId: survey.id,
  };
}
