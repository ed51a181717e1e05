// Test support for the reports: a tenant with two agents in two teams and a week of known tickets
// (messages, status changes, SLA clocks, surveys) written straight to the tables at fixed times.
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
import type { SlaMetric, TicketChannel, TicketPriority, TicketStatus } from "@supportdesk/domain";
import { desk } from "../teams-test-kit";

export const at = (iso: string) => new Date(iso);

type TicketSpec = {
  key: string;
  created: string;
  channel: TicketChannel;
  priority: TicketPriority;
  status: TicketStatus;
  statusChanged?: string;
  tags?: string[];
  agent?: "ada" | "bo";
  team?: "billing" | "technical";
  inquiryTypeId?: string;
  /** [time, author, internal, body] */
  thread?: [string, "agent" | "customer" | "system", boolean, string][];
  clocks?: {
    metric: SlaMetric;
    status: "active" | "met" | "superseded";
    started: string;
    due: string;
    completed?: string;
    breached?: string;
  }[];
  survey?: { sent: string | null; rating?: number; comment?: string; rated?: string };
};

/** The week of 2025-01-06 (Mon) to 2025-01-12, with one ticket before and one after. */
export const WEEK: TicketSpec[] = [
  {
    key: "t1",
    created: "2025-01-06T09:00:00Z",
    channel: "email",
    priority: "high",
    status: "resolved",
    statusChanged: "2025-01-07T12:00:00Z",
    tags: ["billing"],
    agent: "ada",
    team: "billing",
    thread: [
      ["2025-01-06T09:00:00Z", "customer", false, "My invoice is wrong"],
      ["2025-01-06T09:30:00Z", "agent", true, "Checking with finance"],
      ["2025-01-06T10:30:00Z", "agent", false, "Fixed it"],
      ["2025-01-07T12:00:00Z", "system", false, "Status changed from pending to resolved."],
    ],
    clocks: [
      {
        metric: "first_response",
        status: "met",
        started: "2025-01-06T09:00:00Z",
        due: "2025-01-06T13:00:00Z",
        completed: "2025-01-06T10:30:00Z",
      },
    ],
    survey: {
      sent: "2025-01-07T13:00:00Z",
      rating: 5,
      comment: "Great, thanks",
      rated: "2025-01-07T14:00:00Z",
    },
  },
  {
    // 23:30 UTC: the 7th in Berlin. Resolved, then reopened by the customer.
    key: "t2",
    created: "2025-01-06T23:30:00Z",
    channel: "helpcentre",
    priority: "normal",
    status: "open",
    statusChanged: "2025-01-08T09:00:00Z",
    tags: ["bug", "billing"],
    agent: "bo",
    team: "technical",
    inquiryTypeId: "it-bug",
    thread: [
      ["2025-01-06T23:30:00Z", "customer", false, "It crashes"],
      ["2025-01-07T01:00:00Z", "agent", false, "Try again now"],
      ["2025-01-07T08:00:00Z", "system", false, "Status changed from pending to resolved."],
      [
        "2025-01-08T09:00:00Z",
        "system",
        false,
        "Status changed from resolved to open (the customer replied).",
      ],
    ],
    clocks: [
      {
        metric: "first_response",
        status: "met",
        started: "2025-01-06T23:30:00Z",
        due: "2025-01-07T03:30:00Z",
        completed: "2025-01-07T01:00:00Z",
      },
      {
        metric: "resolution",
        status: "active",
        started: "2025-01-06T23:30:00Z",
        due: "2025-01-08T10:00:00Z",
        breached: "2025-01-08T10:00:00Z",
      },
    ],
  },
  {
    // Opened by an agent (the opening message is no response); never answered.
    key: "t3",
    created: "2025-01-08T15:00:00Z",
    channel: "agent",
    priority: "low",
    status: "open",
    thread: [["2025-01-08T15:00:00Z", "agent", false, "Customer called about a refund"]],
    clocks: [
      {
        metric: "first_response",
        status: "active",
        started: "2025-01-08T15:00:00Z",
        due: "2025-01-08T16:00:00Z",
        breached: "2025-01-08T16:00:00Z",
      },
    ],
  },
  {
    key: "t4",
    created: "2025-01-09T08:00:00Z",
    channel: "email",
    priority: "urgent",
    status: "closed",
    statusChanged: "2025-01-10T09:00:00Z",
    tags: ["billing"],
    agent: "ada",
    team: "billing",
    thread: [
      ["2025-01-09T08:00:00Z", "customer", false, "Charged twice"],
      ["2025-01-09T08:05:00Z", "agent", false, "Refunded"],
      ["2025-01-10T09:00:00Z", "system", false, "Status changed from pending to closed."],
    ],
    clocks: [
      {
        metric: "first_response",
        status: "met",
        started: "2025-01-09T08:00:00Z",
        due: "2025-01-09T08:30:00Z",
        completed: "2025-01-09T08:05:00Z",
      },
      {
        metric: "next_response",
        status: "superseded",
        started: "2025-01-09T08:05:00Z",
        due: "2025-01-09T12:00:00Z",
        completed: "2025-01-09T09:00:00Z",
      },
      {
        metric: "resolution",
        status: "met",
        started: "2025-01-09T08:00:00Z",
        due: "2025-01-10T12:00:00Z",
        completed: "2025-01-10T09:00:00Z",
      },
    ],
    survey: {
      sent: "2025-01-10T10:00:00Z",
      rating: 2,
      comment: '=HYPERLINK("x"), slow',
      rated: "2025-01-10T11:00:00Z",
    },
  },
  {
    // 23:30 UTC on Saturday: Sunday in Berlin.
    key: "t5",
    created: "2025-01-11T23:30:00Z",
    channel: "helpcentre",
    priority: "normal",
    status: "resolved",
    statusChanged: "2025-01-12T05:00:00Z",
    tags: ["bug"],
    agent: "bo",
    team: "technical",
    inquiryTypeId: "it-bug",
    thread: [
      ["2025-01-11T23:30:00Z", "customer", false, "Login fails"],
      ["2025-01-12T02:00:00Z", "agent", false, "Reset your password"],
      ["2025-01-12T05:00:00Z", "system", false, "Status changed from pending to resolved."],
    ],
    survey: { sent: "2025-01-12T06:00:00Z" },
  },
  {
    key: "t6",
    created: "2024-12-20T10:00:00Z",
    channel: "email",
    priority: "normal",
    status: "resolved",
    statusChanged: "2025-01-06T12:00:00Z",
    agent: "ada",
    team: "billing",
    thread: [
      ["2024-12-20T10:00:00Z", "customer", false, "Old question"],
      ["2025-01-06T11:00:00Z", "agent", false, "Sorry for the wait"],
    ],
    survey: { sent: null },
  },
  {
    key: "t7",
    created: "2025-01-20T10:00:00Z",
    channel: "email",
    priority: "high",
    status: "pending",
    tags: ["billing"],
    agent: "bo",
    thread: [["2025-01-20T10:00:00Z", "customer", false, "Later question"]],
  },
];

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
