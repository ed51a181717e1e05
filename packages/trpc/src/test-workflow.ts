// Test support: one of each of the agents' workflow records in a tenant (a shared canned reply, a
// shared view, a custom select field, a team holding `memberUserId`) and a second ticket and
// customer for merges, written straight to the tables so the matrices do not depend on the
// procedures they test.
import {
  customers,
  macros,
  messages,
  nextNumber,
  savedViews,
  teamMembers,
  teams,
  ticketFields,
  tickets,
} from "@supportdesk/database";
import type { TrpcDeps } from "./context";
import { serviceLevelFixtures } from "./test-service-levels";

export type WorkflowIds = {
  macroId: string;
  viewId: string;
  fieldId: string;
  teamId: string;
  otherTicketId: string;
  otherCustomerId: string;
  businessHoursId: string;
  slaPolicyId: string;
  automationRuleId: string;
  csatSurveyId: string;
};

export async function workflowFixtures(
  deps: TrpcDeps,
  tenantId: string,
  memberUserId: string,
  label: string,
): Promise<WorkflowIds> {
  return deps.db.withTenant(tenantId, async (tx) => {
    const one = <T>(rows: T[], what: string): T => {
      const row = rows[0];
      if (!row) throw new Error(`fixture: no ${what}`);
      return row;
    };
    const macro = one(
      await tx
        .insert(macros)
        .values({ name: `${label} thanks`, body: "Thanks, {{customer.name}}!" })
        .returning({ id: macros.id }),
      "macro",
    );
    const view = one(
      await tx
        .insert(savedViews)
        .values({ name: `${label} open`, filters: { status: ["open"] } })
        .returning({ id: savedViews.id }),
      "view",
    );
    const field = one(
      await tx
        .insert(ticketFields)
        .values({ label: `${label} plan`, type: "select", options: ["Free", "Pro"] })
        .returning({ id: ticketFields.id }),
      "field",
    );
    const team = one(
      await tx
        .insert(teams)
        .values({ name: `${label} team` })
        .returning({ id: teams.id }),
      "team",
    );
    await tx.insert(teamMembers).values({ teamId: team.id, userId: memberUserId });
    const customer = one(
      await tx
        .insert(customers)
        .values({ email: `other-${crypto.randomUUID()}@example.com`, name: `${label} other` })
        .returning({ id: customers.id }),
      "customer",
    );
    const ticket = one(
      await tx
        .insert(tickets)
        .values({
          number: await nextNumber(tx, "ticket"),
          subject: `${label} other ticket`,
          customerId: customer.id,
        })
        .returning({ id: tickets.id }),
      "ticket",
    );
    await tx.insert(messages).values({
      ticketId: ticket.id,
      authorType: "customer",
      authorCustomerId: customer.id,
      body: `${label} other message`,
    });
    const levels = await serviceLevelFixtures(tx, label, ticket.id);
    return {
      ...levels,
      macroId: macro.id,
      viewId: view.id,
      fieldId: field.id,
      teamId: team.id,
      otherTicketId: ticket.id,
      otherCustomerId: customer.id,
    };
  });
}
