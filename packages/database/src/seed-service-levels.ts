// Service levels in the demo: per tenant two business-hours calendars (office hours in the
// tenant's zone, the default; weekend cover), two SLA policies, believable automation rules,
// satisfaction surveys switched on, ~90 days of ticket history (seed-history.ts), and the jobs
// that build the reports' rollup and start the tenant's service-level sweep. Idempotent.
import { eq, sql } from "drizzle-orm";
import type { Database, TenantDb } from "./client";
import { automationRules, businessHours, csatSettings, slaPolicies, teams } from "./schema";
import { type HistoryAgent, seedHistory } from "./seed-history";

/** Each demo tenant's time zone (its calendars and the reports' default). */
export const DEMO_TIMEZONES: Readonly<Record<string, string>> = {
  acme: "Europe/London",
  globex: "America/New_York",
  initech: "Europe/Berlin",
};

const OFFICE = [{ start: "09:00", end: "17:30" }];
const HOLIDAYS = [
  { date: "2026-12-25", name: "Christmas Day", yearly: true },
  { date: "2027-01-01", name: "New Year's Day", yearly: true },
  { date: "2026-12-24", name: "Christmas Eve (office closed)", yearly: false },
];

const business = (minutes: number) => ({ minutes, businessHours: true });
const calendar = (minutes: number) => ({ minutes, businessHours: false });

const STANDARD_TARGETS = {
  urgent: { first_response: business(30), next_response: business(60), resolution: business(240) },
  high: { first_response: business(60), next_response: business(120), resolution: business(480) },
  normal: {
    first_response: business(240),
    next_response: business(480),
    resolution: business(1530),
  },
  low: { first_response: business(480), next_response: business(960), resolution: business(3060) },
};

const INCIDENT_TARGETS = {
  urgent: { first_response: calendar(15), resolution: calendar(120) },
  high: { first_response: calendar(30), resolution: calendar(360) },
};

/** The demo's rules, in order (the automation schema of @supportdesk/services). */
function demoRules(billing: string, technical: string) {
  const when = (type: string, extra: Record<string, unknown> = {}) => ({ type, ...extra });
  return [
    {
      name: "Outages are urgent",
      description: "A new ticket about an outage goes to Technical as urgent.",
      trigger: when("ticket.created"),
      conditions: {
        all: [],
        any: [
          { field: "subject", op: "contains", value: "outage" },
          { field: "subject", op: "contains", value: "down" },
          { field: "message.text", op: "contains", value: "outage" },
        ],
      },
      actions: [
        { type: "set_priority", value: "urgent" },
        { type: "set_team", teamId: technical },
        { type: "add_tags", tags: ["outage"] },
      ],
    },
    {
      name: "Refunds to Billing",
      description: "Refund requests go to the Billing team.",
      trigger: when("ticket.created"),
      conditions: {
        all: [],
        any: [
          { field: "subject", op: "contains", value: "refund" },
          { field: "message.text", op: "contains", value: "refund" },
        ],
      },
      actions: [
        { type: "set_team", teamId: billing },
        { type: "add_tags", tags: ["refund"] },
      ],
    },
    {
      name: "Tag after-hours messages",
      description:
        "A customer message outside office hours is tagged so the morning shift sees it.",
      trigger: when("message.received", { from: "customer" }),
      conditions: { all: [{ field: "businessHours", op: "is", value: false }], any: [] },
      actions: [{ type: "add_tags", tags: ["after-hours"] }],
    },
    {
      name: "Nudge after 3 days pending",
      description: "Asks the customer once whether they still need help.",
      trigger: when("time", { after: "pending", minutes: 3 * 24 * 60 }),
      conditions: { all: [], any: [] },
      actions: [
        {
          type: "email_customer",
          subject: "Do you still need help with #{{ticket.number}}?",
          body: "Hi {{customer.name}},\n\nWe haven't heard back about \"{{ticket.subject}}\". Just reply if you still need help; otherwise we'll close the request in a few days.",
        },
        { type: "add_tags", tags: ["nudged"] },
      ],
    },
    {
      name: "Resolve 4 days after a nudge",
      description: "Resolves a nudged ticket that nobody touched for 4 more days.",
      // From the last update (the nudge tagged it), so it never fires in the nudge's own sweep.
      trigger: when("time", { after: "updated", minutes: 4 * 24 * 60 }),
      conditions: {
        all: [
          { field: "status", op: "is", value: "pending" },
          { field: "tags", op: "contains", value: "nudged" },
        ],
        any: [],
      },
      actions: [
        { type: "set_status", value: "resolved" },
        { type: "add_note", body: "Resolved automatically: no answer for 4 days after a nudge." },
      ],
    },
    {
      name: "Follow up a low rating",
      description: "A rating of 1 or 2 tags the ticket and tells the Billing team.",
      trigger: when("csat.received"),
      conditions: { all: [{ field: "csat.rating", op: "lt", value: 3 }], any: [] },
      actions: [
        { type: "add_tags", tags: ["unhappy"] },
        {
          type: "notify",
          teamIds: [billing],
          message: "A customer rated their support 1 or 2: please follow up.",
        },
      ],
    },
  ];
}

async function upsertCalendar(
  tx: TenantDb,
  values: typeof businessHours.$inferInsert,
): Promise<string> {
  const [found] = await tx
    .select({ id: businessHours.id })
    .from(businessHours)
    .where(sql`lower(${businessHours.name}) = lower(${values.name})`);
  if (found) return found.id;
  const [row] = await tx.insert(businessHours).values(values).returning({ id: businessHours.id });
  if (!row) throw new Error("demo seed: calendar insert returned nothing");
  return row.id;
}

async function teamId(tx: TenantDb, name: string): Promise<string> {
  const [row] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.name, name));
  if (!row) throw new Error(`demo seed: no team ${name}`);
  return row.id;
}

export async function seedServiceLevels(
  db: Database,
  tenantIds: Map<string, string>,
  agentsBySlug: Map<string, HistoryAgent[]>,
  anchor: Date,
): Promise<{ tickets: number; messages: number }> {
  let tickets = 0;
  let messages = 0;
  for (const [slug, tenantId] of tenantIds) {
    const timezone = DEMO_TIMEZONES[slug] ?? "UTC";
    const counts = await db.withTenant(tenantId, async (tx) => {
      const [hasDefault] = await tx
        .select({ id: businessHours.id })
        .from(businessHours)
        .where(eq(businessHours.isDefault, true));
      const office = await upsertCalendar(tx, {
        name: "Office hours",
        timezone,
        weekly: { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE },
        holidays: HOLIDAYS,
        isDefault: !hasDefault,
      });
      const weekend = [{ start: "10:00", end: "16:00" }];
      await upsertCalendar(tx, {
        name: "Weekend cover",
        timezone,
        weekly: { sat: weekend, sun: weekend },
        holidays: [],
      });
      const billing = await teamId(tx, "Billing");
      const technical = await teamId(tx, "Technical");
      for (const [position, policy] of [
        {
          name: "Technical incidents",
          description: "Urgent and high technical tickets, around the clock.",
          teamIds: [technical],
          targets: INCIDENT_TARGETS,
        },
        {
          name: "Standard",
          description: "Every other ticket, in office hours.",
          businessHoursId: office,
          targets: STANDARD_TARGETS,
        },
      ].entries()) {
        await tx
          .insert(slaPolicies)
          .values({ ...policy, position, warnMinutes: 30 })
          .onConflictDoNothing();
      }
      for (const [position, rule] of demoRules(billing, technical).entries()) {
        await tx
          .insert(automationRules)
          .values({ ...rule, position, triggerType: rule.trigger.type })
          .onConflictDoNothing();
      }
      await tx
        .insert(csatSettings)
        .values({ enabled: true, delayMinutes: 60 })
        .onConflictDoNothing();
      const history = await seedHistory(tx, {
        slug,
        agents: agentsBySlug.get(slug) ?? [],
        teams: { billing, technical },
        anchor,
      });
      await queueServiceLevelJobs(tx, tenantId);
      return history;
    });
    tickets += counts.tickets;
    messages += counts.messages;
  }
  return { tickets, messages };
}

/**
 * The rollup refresh of every ticket (the worker fills `ticket_facts`; a re-seed moves dates, so
 * every ticket, at most one waiting refresh each) and the tenant's sweep
 * (SLA alerts, time-based rules), as the services would queue them: rows in the outbox.
 */
async function queueServiceLevelJobs(tx: TenantDb, tenantId: string): Promise<void> {
  await tx.execute(sql`
    insert into outbox (id, tenant_id, queue, job_name, payload, job_key)
    select gen_random_uuid(), ${tenantId}::uuid, 'automation', 'report.fact',
           jsonb_build_object('tenantId', ${tenantId}::text, 'ticketId', t.id::text),
           'fact:' || t.id
    from tickets t
    on conflict (job_key) where dispatched_at is null and job_key is not null do nothing`);
  await tx.execute(sql`
    insert into outbox (id, tenant_id, queue, job_name, payload, job_key)
    values (gen_random_uuid(), ${tenantId}::uuid, 'automation', 'service-levels.sweep',
            jsonb_build_object('tenantId', ${tenantId}::text), ${`sweep:${tenantId}`})
    on conflict (job_key) where dispatched_at is null and job_key is not null do nothing`);
}
