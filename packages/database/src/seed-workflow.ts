// The agents' workflow in the demo: per tenant two teams of its agents (round-robin and
// least-loaded), shared and personal canned replies, two custom fields (one asked on the contact
// form), two shared views, and some tickets filed under a team with field values. Idempotent,
// as the rest of the seed (upserts by each table's unique key).
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "./client";
import {
  macros,
  savedViews,
  teamMembers,
  teams,
  ticketFields,
  tickets,
  userTenantRoles,
} from "./schema";

const TEAMS = [
  { name: "Billing", description: "Invoices, refunds and plans", assignment: "round_robin" },
  { name: "Technical", description: "Sign-in, exports and bugs", assignment: "least_loaded" },
] as const;

const SHARED_MACROS = [
  {
    name: "Thanks, resolved",
    body: "Hi {{customer.firstName}},\n\nGlad that's sorted — I've marked ticket #{{ticket.number}} as resolved. Just reply if anything else comes up.\n\n{{agent.name}}",
    actions: { status: "resolved" },
  },
  {
    name: "Need more details",
    body: "Hi {{customer.firstName}},\n\nThanks for reaching out to {{tenant.name}}. Could you tell us the steps that lead to the problem, and paste any error message you see?\n\n{{agent.name}}",
    actions: { status: "pending", addTags: ["needs-info"] },
  },
  {
    name: "Refund issued",
    body: "Hi {{customer.firstName}},\n\nI've issued the refund; it shows on your statement within 5–10 business days.\n\n{{agent.name}}",
    actions: { addTags: ["refund"], status: "resolved" },
  },
] as const;

const PERSONAL_MACRO = {
  name: "Looking into it",
  body: "Hi {{customer.firstName}}, I'm looking into this now and will update you within the hour. — {{agent.firstName}}",
  actions: { assignee: "me" },
};

export async function seedWorkflow(db: Database, tenantIds: Map<string, string>): Promise<void> {
  for (const tenantId of tenantIds.values()) {
    const agents = await db.platform
      .select({ userId: userTenantRoles.userId })
      .from(userTenantRoles)
      .where(
        and(
          eq(userTenantRoles.tenantId, tenantId),
          inArray(userTenantRoles.role, ["owner", "admin", "member"]),
        ),
      )
      .orderBy(userTenantRoles.userId);
    await db.withTenant(tenantId, async (tx) => {
      const teamIds: string[] = [];
      for (const [i, team] of TEAMS.entries()) {
        const [row] = await tx
          .insert(teams)
          .values({ ...team, capacity: 8 })
          .onConflictDoUpdate({
            target: [teams.tenantId, teams.name],
            set: { description: team.description },
          })
          .returning({ id: teams.id });
        if (!row) continue;
        teamIds.push(row.id);
        // Billing: everyone; Technical: all but the first agent (so the two teams differ).
        const members = i === 0 ? agents : agents.slice(1);
        if (members.length) {
          await tx
            .insert(teamMembers)
            .values(members.map((a) => ({ teamId: row.id, userId: a.userId })))
            .onConflictDoNothing();
        }
      }
      for (const macro of SHARED_MACROS) {
        await tx
          .insert(macros)
          .values({ ...macro, actions: { ...macro.actions } })
          .onConflictDoNothing();
      }
      for (const agent of agents) {
        await tx
          .insert(macros)
          .values({ ...PERSONAL_MACRO, ownerUserId: agent.userId, createdByUserId: agent.userId })
          .onConflictDoNothing();
      }
      const fieldIds: string[] = [];
      for (const field of [
        {
          label: "Plan",
          type: "select" as const,
          options: ["Free", "Pro", "Enterprise"],
          description: "The customer's subscription plan",
          position: 0,
        },
        {
          label: "Order number",
          type: "text" as const,
          onContactForm: true,
          description: "From the order confirmation email",
          position: 1,
        },
      ]) {
        const [row] = await tx
          .insert(ticketFields)
          .values(field)
          .onConflictDoUpdate({
            target: [ticketFields.tenantId, ticketFields.label],
            set: { description: field.description },
          })
          .returning({ id: ticketFields.id });
        if (row) fieldIds.push(row.id);
      }
      for (const [position, view] of [
        { name: "Urgent and open", filters: { status: ["open"], priority: ["urgent", "high"] } },
        { name: "Unassigned", filters: { status: ["open", "pending"], assignee: "unassigned" } },
      ].entries()) {
        await tx
          .insert(savedViews)
          .values({ ...view, position, sort: "oldest" })
          .onConflictDoNothing();
      }
      // Tickets by subject word: billing words to Billing, the rest of every third to Technical;
      // a plan on every other ticket and an order number on the billing ones.
      const [billing, technical] = teamIds;
      const [plan, order] = fieldIds;
      if (billing && technical && plan && order) {
        await tx.execute(sql`
          update ${tickets} set
            team_id = case
              when subject ~* '(invoice|refund|charge|billing|plan|payment)' then ${billing}::uuid
              when number % 3 = 0 then ${technical}::uuid
              else team_id end,
            custom_fields = custom_fields
              || case when number % 2 = 0 then jsonb_build_object(${plan}::text,
                   (array['Free','Pro','Enterprise'])[1 + number % 3]) else '{}'::jsonb end
              || case when subject ~* '(invoice|refund|charge|order)' then jsonb_build_object(${order}::text,
                   'SO-' || (10000 + number * 37)::text) else '{}'::jsonb end
          where team_id is null and custom_fields = '{}'::jsonb`);
      }
    });
  }
}
