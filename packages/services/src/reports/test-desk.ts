// Test support for the reports: a tenant with two agents in two teams and a week of known tickets
// (test-week.ts) written straight to the tables at fixed times.
import {
  csatSurveys,
  type Database,
  eq,
  messages,
  nextNumber,
  slaClocks,
  tenants,
  tickets,
} from "@supportdesk/database";
import { desk } from "../teams-test-kit";
import { at, type TicketSpec, WEEK } from "./test-week";

export { at } from "./test-week";

/** A tenant holding `specs`; `ids[key]` maps fixture keys to ticket ids, people and teams. */
export async function reportDesk(db: Database, specs: TicketSpec[] = WEEK) {
  const d = await desk(db, "Reports");
  const ada = await d.join("member", "Ada");
  const bo = await d.join("member", "Bo");
  const viewer = await d.join("viewer", "Vi");
  const billing = await d.team("manual", 10, [ada.userId], "Billing");
  const technical = await d.team("manual", 10, [bo.userId], "Technical");
  await db.platform
    .update(tenants)
    .set({
      settings: {
        helpCentre: {
          inquiryTypes: [
            {
              id: "it-bug",
              name: "Bug report",
              description: "",
              priority: "normal",
              tags: [],
              assigneeId: null,
            },
          ],
        },
      },
    })
    .where(eq(tenants.id, d.tenant.id));
  const people = { ada: ada.userId, bo: bo.userId };
  const teamIds = { billing, technical };
  const ids: Record<string, string> = {};
  await db.withTenant(d.tenant.id, async (tx) => {
    for (const spec of specs) {
      const [row] = await tx
        .insert(tickets)
        .values({
          number: await nextNumber(tx, "ticket"),
          subject: `Ticket ${spec.key}`,
          status: spec.status,
          priority: spec.priority,
          channel: spec.channel,
          tags: spec.tags ?? [],
          assigneeId: spec.agent ? people[spec.agent] : null,
          teamId: spec.team ? teamIds[spec.team] : null,
          inquiryTypeId: spec.inquiryTypeId ?? null,
          createdAt: at(spec.created),
          statusChangedAt: at(spec.statusChanged ?? spec.created),
        })
        .returning({ id: tickets.id });
      if (!row) throw new Error("ticket insert returned nothing");
      ids[spec.key] = row.id;
      for (const [time, author, internal, body] of spec.thread ?? []) {
        await tx.insert(messages).values({
          ticketId: row.id,
          authorType: author,
          authorUserId: author === "agent" && spec.agent ? people[spec.agent] : null,
          isInternal: internal,
          body,
          createdAt: at(time),
        });
      }
      for (const clock of spec.clocks ?? []) {
        await tx.insert(slaClocks).values({
          ticketId: row.id,
          metric: clock.metric,
          policyName: "Standard",
          targetMinutes: 60,
          status: clock.status,
          startedAt: at(clock.started),
          dueAt: at(clock.due),
          completedAt: clock.completed ? at(clock.completed) : null,
          breachedAt: clock.breached ? at(clock.breached) : null,
        });
      }
      if (spec.survey) {
        await tx.insert(csatSurveys).values({
          ticketId: row.id,
          agentUserId: spec.agent ? people[spec.agent] : null,
          teamId: spec.team ? teamIds[spec.team] : null,
          tokenHash: crypto.randomUUID(),
          sentAt: spec.survey.sent ? at(spec.survey.sent) : null,
          rating: spec.survey.rating ?? null,
          comment: spec.survey.comment ?? null,
          ratedAt: spec.survey.rated ? at(spec.survey.rated) : null,
        });
      }
    }
  });
  return { ...d, ada, bo, viewer, people, teamIds, ids };
}
