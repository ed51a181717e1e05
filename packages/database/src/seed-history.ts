// About 90 days of a demo tenant's past tickets, so the reports show real shapes on first run:
// tickets on weekdays and (fewer) weekends, the customer's message, the agent's first reply, a
// follow-up now and then, the resolution, SLA clocks met or breached, and survey ratings.
// Deterministic (a PRNG seeded by the tenant) and idempotent: fixed ids, upserts.
import { sql } from "drizzle-orm";
import type { TenantDb } from "./client";
import type { csatSurveys, messages, slaClocks, tickets } from "./schema";
import { tenantCounters } from "./schema";
import { demoUuid, fill, pickPriority, ticketVars } from "./seed";
import { CUSTOMER_THANKS, DEMO_TENANTS, type Priority } from "./seed-data";
import { upsertAll } from "./seed-history-write";
import { at, between, MINUTE, mulberry32, pick, type Rng, seedOf, weighted } from "./seed-random";

export type HistoryAgent = { id: string; firstName: string };

const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SPAN_DAYS = 90;
/** History tickets are numbered from here, after the live demo tickets. */
const FIRST_NUMBER = 1001;

/** Office hours' start in UTC, per tenant (09:00 local, standard time; the demo ignores DST). */
const OFFICE_START_UTC: Record<string, number> = { acme: 9, globex: 14, initech: 8 };
const OFFICE_MINUTES = 8.5 * 60;

/** The Standard policy's targets in office minutes (seed-service-levels.ts says the same). */
const FIRST_RESPONSE: Record<Priority, number> = { urgent: 30, high: 60, normal: 240, low: 480 };
const RESOLUTION: Record<Priority, number> = { urgent: 240, high: 480, normal: 1530, low: 3060 };

const COMMENTS = [
  "Quick and friendly, thank you!",
  "Sorted on the first reply.",
  "Took a while, but it's fixed.",
  "I had to explain the problem twice.",
  "Great help, really appreciated.",
  "Still not sure it's fixed properly.",
];

/** `minutes` of office time after `from` (weekdays, 8.5 hours from the tenant's start hour). */
function addOffice(from: Date, minutes: number, startUtc: number): Date {
  let t = from.getTime();
  let left = minutes * MINUTE;
  for (let guard = 0; guard < 400 && left > 0; guard++) {
    const day = new Date(Math.floor(t / DAY) * DAY);
    const weekday = day.getUTCDay();
    const open = day.getTime() + startUtc * HOUR;
    const close = open + OFFICE_MINUTES * MINUTE;
    if (weekday === 0 || weekday === 6 || t >= close) {
      t = day.getTime() + DAY + startUtc * HOUR;
      continue;
    }
    const start = Math.max(t, open);
    const room = close - start;
    if (left <= room) return new Date(start + left);
    left -= room;
    t = day.getTime() + DAY + startUtc * HOUR;
  }
  return new Date(t);
}

/** How long the first reply took, in minutes: mostly within the hour, a tail of slow ones. */
function firstReplyMinutes(rng: Rng): number {
  const bucket = weighted(rng, [
    [[5, 45], 0.4],
    [[45, 180], 0.33],
    [[180, 600], 0.2],
    [[600, 1800], 0.07],
  ] as const);
  return Math.round(between(rng, bucket[0], bucket[1]));
}

export type Built = {
  tickets: (typeof tickets.$inferInsert)[];
  messages: (typeof messages.$inferInsert)[];
  clocks: (typeof slaClocks.$inferInsert)[];
  surveys: (typeof csatSurveys.$inferInsert)[];
};

export async function seedHistory(
  tx: TenantDb,
  input: {
    slug: string;
    agents: HistoryAgent[];
    teams: { billing: string; technical: string };
    anchor: Date;
  },
): Promise<{ tickets: number; messages: number }> {
  const spec = DEMO_TENANTS.find((t) => t.slug === input.slug);
  if (!spec || input.agents.length === 0) return { tickets: 0, messages: 0 };
  const rng = mulberry32(seedOf(`${input.slug}:history`));
  const startUtc = OFFICE_START_UTC[input.slug] ?? 9;
  const built: Built = { tickets: [], messages: [], clocks: [], surveys: [] };
  const now = input.anchor.getTime();
  let n = 0;
  for (let daysAgo = SPAN_DAYS; daysAgo >= 1; daysAgo--) {
    const day = now - daysAgo * DAY;
    const weekend = [0, 6].includes(new Date(day).getUTCDay());
    const count = Math.floor(weekend ? between(rng, 1, 3) : between(rng, 6, 11));
    const openings = Array.from(
      { length: count },
      () => day + (startUtc - 2) * HOUR + Math.floor(between(rng, 0, 12 * 60)) * MINUTE,
    ).sort((a, b) => a - b);
    for (const opened of openings) {
      buildOne(rng, built, { ...input, spec, number: FIRST_NUMBER + n, opened, startUtc, now });
      n++;
    }
  }
  await upsertAll(tx, built, FIRST_NUMBER);
  await tx
    .insert(tenantCounters)
    .values({ name: "ticket", value: FIRST_NUMBER + n })
    .onConflictDoUpdate({
      target: [tenantCounters.tenantId, tenantCounters.name],
      set: { value: sql`greatest(${tenantCounters.value}, excluded.value)` },
    });
  return { tickets: built.tickets.length, messages: built.messages.length };
}

type One = {
  slug: string;
  spec: (typeof DEMO_TENANTS)[number];
  agents: HistoryAgent[];
  teams: { billing: string; technical: string };
  number: number;
  opened: number;
  startUtc: number;
  now: number;
};

function buildOne(rng: Rng, out: Built, input: One): void {
  const { spec, slug, number, opened, now } = input;
  const key = `${slug}:history:${number}`;
  const id = demoUuid(key);
  const topic = pick(rng, spec.topics);
  const customerIndex = Math.floor(rng() * spec.customers.length);
  const customer = at(spec.customers, customerIndex);
  const customerId = demoUuid(`${slug}:customer:${customerIndex + 1}`);
  const agent = pick(rng, input.agents);
  const vars = ticketVars(rng, spec, customer.name, agent.firstName);
  const priority = pickPriority(rng, topic.priority);
  const billing = topic.tags.some((t) => /refund|billing|invoice|payment|charge/.test(t));
  const teamId = billing ? input.teams.billing : rng() < 0.5 ? input.teams.technical : null;
  const incident = teamId === input.teams.technical && ["urgent", "high"].includes(priority);
  const due = (from: number, minutes: number) =>
    incident
      ? new Date(from + (priority === "urgent" ? minutes / 2 : minutes) * MINUTE)
      : addOffice(new Date(from), minutes, input.startUtc);
  const ageDays = (now - opened) / DAY;
  const replyAt = opened + firstReplyMinutes(rng) * MINUTE;
  const followUp = rng() < 0.45;
  const customerAgainAt = replyAt + Math.floor(between(rng, 30, 20 * 60)) * MINUTE;
  const solvedAt =
    (followUp ? customerAgainAt : replyAt) + Math.floor(between(rng, 10, 360)) * MINUTE;
  const state: "open" | "pending" | "solved" =
    ageDays < 3 && rng() < 0.45 ? (rng() < 0.5 ? "open" : "pending") : "solved";
  const status = state === "solved" ? (ageDays > 7 && rng() < 0.5 ? "closed" : "resolved") : state;
  const thread: { at: number; author: "customer" | "agent" | "system"; body: string }[] = [
    { at: opened, author: "customer", body: fill(topic.opening, vars) },
  ];
  if (state !== "open")
    thread.push({ at: replyAt, author: "agent", body: fill(topic.reply, vars) });
  if (state === "solved") {
    if (followUp) {
      thread.push({ at: customerAgainAt, author: "customer", body: fill(topic.followUp, vars) });
    }
    thread.push({ at: solvedAt, author: "agent", body: fill(topic.resolution, vars) });
    thread.push({
      at: solvedAt + MINUTE,
      author: "system",
      body: "Status changed from open to resolved.",
    });
  }
  const last = thread.at(-1)?.at ?? opened;
  out.tickets.push({
    id,
    number,
    subject: fill(topic.subject, vars),
    status,
    priority,
    assigneeId: state === "open" && rng() < 0.4 ? null : agent.id,
    customerId,
    tags: [...topic.tags],
    channel: (["agent", "helpcentre", "email"] as const)[number % 3] ?? "agent",
    teamId,
    statusChangedAt: new Date(state === "solved" ? solvedAt + MINUTE : last),
    createdAt: new Date(opened),
    updatedAt: new Date(last),
  });
  thread.forEach((m, k) => {
    out.messages.push({
      id: demoUuid(`${key}:message:${k + 1}`),
      ticketId: id,
      authorType: m.author,
      authorUserId: m.author === "agent" ? agent.id : null,
      authorCustomerId: m.author === "customer" ? customerId : null,
      isInternal: false,
      body: m.author === "customer" && k > 0 && rng() < 0.3 ? pick(rng, CUSTOMER_THANKS) : m.body,
      createdAt: new Date(m.at),
    });
  });
  clocksFor(out, { id, key, opened, replyAt, solvedAt, state, now, priority, due, incident });
  if (state === "solved" && rng() < 0.8)
    surveyFor(rng, out, { id, key, customerId, teamId, agent, solvedAt, now });
}

function clocksFor(
  out: Built,
  c: {
    id: string;
    key: string;
    opened: number;
    replyAt: number;
    solvedAt: number;
    state: "open" | "pending" | "solved";
    now: number;
    priority: Priority;
    due: (from: number, minutes: number) => Date;
    incident: boolean;
  },
): void {
  const policyName = c.incident ? "Technical incidents" : "Standard";
  const clock = (metric: "first_response" | "resolution", minutes: number, end: number | null) => {
    const dueAt = c.due(c.opened, minutes);
    const late = (end ?? c.now) > dueAt.getTime();
    const running = end === null;
    const paused = running && c.state === "pending" && metric === "resolution";
    out.clocks.push({
      id: demoUuid(`${c.key}:clock:${metric}`),
      ticketId: c.id,
      metric,
      policyName,
      targetMinutes: minutes,
      status: running
        ? paused
          ? "paused"
          : "active"
        : metric === "resolution"
          ? "stopped"
          : "met",
      startedAt: new Date(c.opened),
      dueAt: paused ? null : dueAt,
      remainingSeconds:
        running && !paused ? null : Math.round((dueAt.getTime() - (end ?? c.now)) / 1000),
      completedAt: end === null ? null : new Date(end),
      breachedAt: late && !paused ? dueAt : null,
      warnedAt: late && !paused ? new Date(dueAt.getTime() - 30 * MINUTE) : null,
    });
  };
  clock("first_response", FIRST_RESPONSE[c.priority], c.state === "open" ? null : c.replyAt);
  clock("resolution", RESOLUTION[c.priority], c.state === "solved" ? c.solvedAt : null);
}

function surveyFor(
  rng: Rng,
  out: Built,
  s: {
    id: string;
    key: string;
    customerId: string;
    teamId: string | null;
    agent: HistoryAgent;
    solvedAt: number;
    now: number;
  },
): void {
  const sentAt = s.solvedAt + HOUR;
  if (sentAt > s.now) return;
  const answered = rng() < 0.45;
  const rating = weighted(rng, [
    [1, 0.05],
    [2, 0.07],
    [3, 0.13],
    [4, 0.3],
    [5, 0.45],
  ] as const);
  const ratedAt = Math.min(s.now, sentAt + Math.floor(between(rng, 10, 2 * 24 * 60)) * MINUTE);
  out.surveys.push({
    id: demoUuid(`${s.key}:survey`),
    ticketId: s.id,
    customerId: s.customerId,
    agentUserId: s.agent.id,
    teamId: s.teamId,
    tokenHash: demoUuid(`${s.key}:survey-token`),
    sentAt: new Date(sentAt),
    rating: answered ? rating : null,
    comment: answered && rng() < 0.3 ? pick(rng, COMMENTS) : null,
    ratedAt: answered ? new Date(ratedAt) : null,
  });
}
