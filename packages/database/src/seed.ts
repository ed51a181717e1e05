// The re-runnable demo seed: three tenants, their agents and customers, tickets, knowledge bases,
// the agents' workflow, service levels and ~90 days of ticket history.
import { createHash } from "node:crypto";
import { and, inArray, isNull, notInArray, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Database, TenantDb } from "./client";
import {
  customers,
  customRoles,
  messages,
  tenantCounters,
  tenants,
  type ticketStatus,
  tickets,
  users,
  userTenantRoles,
} from "./schema";
import {
  AGENT_CHASERS,
  AGENT_UPDATES,
  CUSTOMER_NUDGES,
  CUSTOMER_THANKS,
  DEMO_INQUIRY_TYPES,
  DEMO_PASSWORD,
  DEMO_ROLES,
  DEMO_TENANTS,
  DEMO_USERS,
  type DemoMembershipSpec,
  type DemoTenantSpec,
  type DemoUserSpec,
  type Priority,
  type TopicSpec,
  TRIAGE_NOTES,
} from "./seed-data";
import { seedEmailThreads } from "./seed-email";
import { seedKnowledgeBase } from "./seed-kb";
import { mintDemoLink } from "./seed-links";
import {
  at,
  between,
  deal,
  MINUTE,
  minutes,
  mulberry32,
  pick,
  type Rng,
  seedOf,
  sum,
  weighted,
} from "./seed-random";
import { seedServiceLevels } from "./seed-service-levels";
import { seedWorkflow } from "./seed-workflow";

export { DEMO_PASSWORD } from "./seed-data";
export { KB_SEARCH_CASES, type KbSearchCase } from "./seed-kb-queries";

/** A demo account: sign in with `email` and `password` (the same `DEMO_PASSWORD` for all). */
export type DemoLogin = {
  email: string;
  password: string;
  name: string;
  /** `role` is a built-in role, or a custom role's name. */
  roles: { tenant: string; role: string }[];
};

/** What the seed left in place: counts are those of the seeded rows, the same on every run. */
export type SeedResult = {
  tenants: { slug: string; name: string; id: string }[];
  logins: DemoLogin[];
  tickets: number;
  messages: number;
  /** Knowledge-base articles seeded (published and drafts) across the demo tenants. */
  articles: number;
  /** Per tenant, a fresh link to its newest ticket's customer view (`/tickets/<token>`). */
  customerViews: { slug: string; number: number; token: string }[];
};

export type SeedOptions = {
  /** Dates are spread over the 60 days before the start of this day (UTC). Default: today. */
  now?: Date;
  /** The domain tenants receive mail on, for the emailed tickets' addresses. */
  inboundDomain?: string;
};

const TICKETS_PER_TENANT = 50;
const SPAN_DAYS = 60;
const SECOND = 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Status = (typeof ticketStatus.enumValues)[number];
type Agent = { id: string; firstName: string };
type CustomerRow = typeof customers.$inferInsert & { id: string; name: string };
type TicketRow = typeof tickets.$inferInsert & { id: string };
type MessageRow = typeof messages.$inferInsert & { id: string };
type TenantData = { customers: CustomerRow[]; tickets: TicketRow[]; messages: MessageRow[] };
type Step = { author: "customer" | "agent" | "note" | "system"; text: string };

/**
 * Creates or refreshes the demo data; safe to run again (upserts, same rows each time). Tenant
 * rows are written through `withTenant`, so it works as the owner or the app role. Dates are
 * relative to the start of the current UTC day, so the demo always looks recent.
 *
 * @example
 * const db = createDatabase({ url: adminUrl, max: 4 });
 * const { logins, tickets } = await seedDemo(db); // logins[0].email === "alice@example.com"
 */
export async function seedDemo(db: Database, options: SeedOptions = {}): Promise<SeedResult> {
  const anchor = startOfUtcDay(options.now ?? new Date());
  const tenantIds = await upsertTenants(db);
  const userIds = await ensureUsers(db);
  await upsertRoles(db, tenantIds);
  await upsertMemberships(db, tenantIds, userIds);
  const counts = await Promise.all(
    DEMO_TENANTS.map((spec) => seedTenant(db, spec, need(tenantIds, spec.slug), userIds, anchor)),
  );
  const kb = await seedKnowledgeBase(db, tenantIds, anchor);
  await seedWorkflow(db, tenantIds);
  const history = await seedServiceLevels(
    db,
    tenantIds,
    new Map(DEMO_TENANTS.map((spec) => [spec.slug, agentsOf(spec.slug, userIds)])),
    anchor,
  );
  // After the history: a third of its tickets came by email too.
  await seedEmailThreads(db, tenantIds, options.inboundDomain ?? "mail.supportdesk.localhost");
  const customerViews = await Promise.all(
    DEMO_TENANTS.map(async (spec) => ({
      slug: spec.slug,
      ...(await mintDemoLink(db, need(tenantIds, spec.slug), spec.slug, TICKETS_PER_TENANT)),
    })),
  );
  return {
    customerViews,
    tenants: DEMO_TENANTS.map((spec) => ({
      slug: spec.slug,
      name: spec.name,
      id: need(tenantIds, spec.slug),
    })),
    logins: DEMO_USERS.map(toLogin),
    tickets: sum(counts.map((c) => c.tickets)) + history.tickets,
    messages: sum(counts.map((c) => c.messages)) + history.messages,
    articles: kb.articles,
  };
}

// ---------------------------------------------------------------- platform rows

/** Tenants by slug; returns slug → id (an existing tenant keeps its id). */
async function upsertTenants(db: Database): Promise<Map<string, string>> {
  const rows = await db.platform
    .insert(tenants)
    .values(
      DEMO_TENANTS.map((spec) => ({
        id: demoUuid(`${spec.slug}:tenant`),
        slug: spec.slug,
        name: spec.name,
        plan: spec.plan,
        status: spec.status,
        settings: {
          branding: { primaryColor: spec.primaryColor },
          helpCentre: {
            enabled: true,
            language: "en",
            inquiryTypes: (DEMO_INQUIRY_TYPES[spec.slug] ?? []).map(({ key, ...type }) => ({
              id: demoUuid(`${spec.slug}:inquiry-type:${key}`),
              ...type,
              assigneeId: null,
            })),
          },
        },
      })),
    )
    .onConflictDoUpdate({
      target: tenants.slug,
      set: {
        name: excluded(tenants.name),
        plan: excluded(tenants.plan),
        status: excluded(tenants.status),
        // Merged, so settings someone changed during a demo survive apart from the branding and
        // the help centre (inquiry types, language), which a re-seed restores.
        settings: sql`${tenants.settings} || excluded.settings`,
      },
    })
    .returning({ id: tenants.id, slug: tenants.slug });
  return new Map(rows.map((row) => [row.slug, row.id]));
}

/**
 * Demo users by lower(email), inserting only the missing ones: hashing is slow on purpose, and
 * an existing account keeps its password. Returns lower(email) → id.
 */
async function ensureUsers(db: Database): Promise<Map<string, string>> {
  const emails = DEMO_USERS.map((user) => user.email.toLowerCase());
  const known = await findUserIds(db, emails);
  const missing = DEMO_USERS.filter((user) => !known.has(user.email.toLowerCase()));
  if (missing.length > 0) {
    const rows = await Promise.all(missing.map(newUserRow));
    // DO NOTHING: a concurrent seed may have inserted the same address in the meantime.
    await db.platform.insert(users).values(rows).onConflictDoNothing();
  }
  await db.platform
    .update(users)
    .set({ emailVerifiedAt: sql`now()` })
    .where(and(inArray(sql`lower(${users.email})`, emails), isNull(users.emailVerifiedAt)));
  return missing.length > 0 ? findUserIds(db, emails) : known;
}

async function findUserIds(db: Database, emails: string[]): Promise<Map<string, string>> {
  const rows = await db.platform
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(sql`lower(${users.email})`, emails));
  return new Map(rows.map((row) => [row.email.toLowerCase(), row.id]));
}

async function newUserRow(user: DemoUserSpec): Promise<typeof users.$inferInsert> {
  const email = user.email.toLowerCase();
  return {
    id: demoUuid(`user:${email}`),
    email,
    name: user.name,
    passwordHash: await hashDemoPassword(),
    emailVerifiedAt: new Date(),
  };
}

/** OWASP's argon2id parameters; the auth package verifies with `Bun.password.verify`. */
function hashDemoPassword(): Promise<string> {
  return Bun.password.hash(DEMO_PASSWORD, {
    algorithm: "argon2id",
    memoryCost: 19456,
    timeCost: 2,
  });
}

const roleId = (tenant: string, key: string) => demoUuid(`${tenant}:role:${key}`);

/** The demo's custom roles, written under their tenant (their table is tenant-owned). */
async function upsertRoles(db: Database, tenantIds: Map<string, string>): Promise<void> {
  for (const spec of DEMO_ROLES) {
    await db.withTenant(need(tenantIds, spec.tenant), (tx) =>
      tx
        .insert(customRoles)
        .values({
          id: roleId(spec.tenant, spec.key),
          name: spec.name,
          description: spec.description,
          permissions: spec.permissions,
        })
        .onConflictDoUpdate({
          target: [customRoles.tenantId, customRoles.id],
          set: {
            name: excluded(customRoles.name),
            description: excluded(customRoles.description),
            permissions: excluded(customRoles.permissions),
          },
        }),
    );
  }
}

const customRoleIdOf = (membership: DemoMembershipSpec) =>
  membership.role === "custom" ? roleId(membership.tenant, membership.customRole) : null;

async function upsertMemberships(
  db: Database,
  tenantIds: Map<string, string>,
  userIds: Map<string, string>,
): Promise<void> {
  const rows = DEMO_USERS.flatMap((user) =>
    user.roles.map((membership) => ({
      userId: need(userIds, user.email.toLowerCase()),
      tenantId: need(tenantIds, membership.tenant),
      role: membership.role,
      customRoleId: customRoleIdOf(membership),
    })),
  );
  await db.platform
    .insert(userTenantRoles)
    .values(rows)
    .onConflictDoUpdate({
      target: [userTenantRoles.userId, userTenantRoles.tenantId],
      set: {
        role: excluded(userTenantRoles.role),
        customRoleId: excluded(userTenantRoles.customRoleId),
      },
      // Untouched when the role is already right, so a re-run does not bump updated_at.
      setWhere: sql`(${userTenantRoles.role}, ${userTenantRoles.customRoleId}) is distinct from (excluded.role, excluded.custom_role_id)`,
    });
}

function toLogin(user: DemoUserSpec): DemoLogin {
  return {
    email: user.email,
    password: DEMO_PASSWORD,
    name: user.name,
    roles: user.roles.map((r) => ({
      tenant: r.tenant,
      role:
        r.role === "custom"
          ? (DEMO_ROLES.find((d) => d.tenant === r.tenant && d.key === r.customRole)?.name ??
            r.role)
          : r.role,
    })),
  };
}

// ---------------------------------------------------------------- tenant rows

async function seedTenant(
  db: Database,
  spec: DemoTenantSpec,
  tenantId: string,
  userIds: Map<string, string>,
  anchor: Date,
): Promise<{ tickets: number; messages: number }> {
  const data = buildTenantData(spec, agentsOf(spec.slug, userIds), anchor);
  await db.withTenant(tenantId, (tx) => writeTenantData(tx, data));
  return { tickets: data.tickets.length, messages: data.messages.length };
}

/** Whether a membership answers customers: not viewers, nor custom roles without replies. */
function answersTickets(r: DemoMembershipSpec): boolean {
  if (r.role !== "custom") return r.role !== "viewer";
  const role = DEMO_ROLES.find((d) => d.tenant === r.tenant && d.key === r.customRole);
  return role?.permissions.includes("ticket.reply") ?? false;
}

/** The tenant's people who answer tickets (owners, admins, members, custom roles that reply). */
function agentsOf(slug: string, userIds: Map<string, string>): Agent[] {
  return DEMO_USERS.filter((user) =>
    user.roles.some((r) => r.tenant === slug && answersTickets(r)),
  ).map((user) => ({
    id: need(userIds, user.email.toLowerCase()),
    firstName: firstName(user.name),
  }));
}

async function writeTenantData(tx: TenantDb, data: TenantData): Promise<void> {
  await tx
    .insert(customers)
    .values(data.customers)
    .onConflictDoUpdate({
      target: [customers.tenantId, customers.id],
      set: {
        email: excluded(customers.email),
        name: excluded(customers.name),
        company: excluded(customers.company),
        createdAt: excluded(customers.createdAt),
        updatedAt: excluded(customers.updatedAt),
      },
    });
  await tx
    .insert(tickets)
    .values(data.tickets)
    .onConflictDoUpdate({
      target: [tickets.tenantId, tickets.id],
      set: {
        number: excluded(tickets.number),
        subject: excluded(tickets.subject),
        status: excluded(tickets.status),
        priority: excluded(tickets.priority),
        assigneeId: excluded(tickets.assigneeId),
        customerId: excluded(tickets.customerId),
        tags: excluded(tickets.tags),
        channel: excluded(tickets.channel),
        createdAt: excluded(tickets.createdAt),
        updatedAt: excluded(tickets.updatedAt),
        statusChangedAt: excluded(tickets.statusChangedAt),
      },
    });
  await removeStaleMessages(tx, data);
  await tx
    .insert(messages)
    .values(data.messages)
    .onConflictDoUpdate({
      target: [messages.tenantId, messages.id],
      set: {
        ticketId: excluded(messages.ticketId),
        authorType: excluded(messages.authorType),
        authorUserId: excluded(messages.authorUserId),
        authorCustomerId: excluded(messages.authorCustomerId),
        isInternal: excluded(messages.isInternal),
        body: excluded(messages.body),
        createdAt: excluded(messages.createdAt),
      },
    });
  await raiseTicketCounter(tx, TICKETS_PER_TENANT);
}

/**
 * A refresh restores the demo conversations exactly: replies added to a demo ticket since the
 * last run would otherwise leave it with a last message later than its `updated_at`.
 */
async function removeStaleMessages(tx: TenantDb, data: TenantData): Promise<void> {
  const demoTickets = data.tickets.map((ticket) => ticket.id);
  const demoMessages = data.messages.map((message) => message.id);
  await tx
    .delete(messages)
    .where(and(inArray(messages.ticketId, demoTickets), notInArray(messages.id, demoMessages)));
}

/** New tickets continue after the seeded ones; a counter already past them is left alone. */
async function raiseTicketCounter(tx: TenantDb, atLeast: number): Promise<void> {
  await tx
    .insert(tenantCounters)
    .values({ name: "ticket", value: atLeast })
    .onConflictDoUpdate({
      target: [tenantCounters.tenantId, tenantCounters.name],
      set: { value: sql`greatest(${tenantCounters.value}, excluded.value)` },
    });
}

// ---------------------------------------------------------------- generated content

/** Everything the tenant's transaction writes, from its own PRNG so tenants don't shift each other. */
function buildTenantData(spec: DemoTenantSpec, agents: Agent[], anchor: Date): TenantData {
  if (agents.length === 0) throw new Error(`demo tenant ${spec.slug} has no agents`);
  const rng = mulberry32(seedOf(spec.slug));
  const customerRows = spec.customers.map((customer, index) => ({
    id: demoUuid(`${spec.slug}:customer:${index + 1}`),
    email: customer.email,
    name: customer.name,
    company: customer.company,
    ...sameTimes(anchor.getTime() - SPAN_DAYS * DAY - minutes(rng, 60, 400 * 24 * 60)),
  }));
  const topics = deal(rng, spec.topics, TICKETS_PER_TENANT);
  const built = ticketOpenings(rng, anchor).map((openedAt, index) =>
    buildTicket(rng, {
      spec,
      agents,
      anchor,
      number: index + 1,
      openedAt,
      topic: at(topics, index),
      customer: pick(rng, customerRows),
    }),
  );
  return {
    customers: customerRows,
    tickets: built.map((b) => b.ticket),
    messages: built.flatMap((b) => b.messages),
  };
}

type TicketInput = {
  spec: DemoTenantSpec;
  agents: Agent[];
  anchor: Date;
  number: number;
  openedAt: Date;
  topic: TopicSpec;
  customer: CustomerRow;
};

function buildTicket(rng: Rng, input: TicketInput): { ticket: TicketRow; messages: MessageRow[] } {
  const { spec, topic, customer, openedAt, anchor } = input;
  const age = (anchor.getTime() - openedAt.getTime()) / (SPAN_DAYS * DAY);
  const status = pickStatus(rng, age);
  const priority = pickPriority(rng, topic.priority);
  const assignee = status === "open" && rng() < 0.3 ? null : pick(rng, input.agents);
  // An unassigned ticket has no agent messages; this only gives `{agent}` a value.
  const responder = assignee ?? at(input.agents, 0);
  const vars = ticketVars(rng, spec, customer.name, responder.firstName);
  const steps = planConversation(rng, topic, status, priority, assignee !== null);
  const times = stepTimes(rng, steps, openedAt, anchor);
  const id = demoUuid(`${spec.slug}:ticket:${input.number}`);
  const thread = steps.map((step, k) => ({
    id: demoUuid(`${spec.slug}:ticket:${input.number}:message:${k + 1}`),
    ticketId: id,
    body: fill(step.text, vars),
    createdAt: at(times, k),
    ...authorship(step, customer.id, responder.id),
  }));
  const ticket = {
    id,
    number: input.number,
    subject: fill(topic.subject, vars),
    status,
    priority,
    assigneeId: assignee?.id ?? null,
    customerId: customer.id,
    tags: ticketTags(rng, spec, topic, priority),
    // A third each: typed in by agents, sent through the help centre, and emailed.
    channel: (["agent", "helpcentre", "email"] as const)[input.number % 3] ?? "agent",
    createdAt: openedAt,
    updatedAt: at(times, times.length - 1),
    // Its last step is the status change (reports read resolution times from this).
    statusChangedAt: at(times, times.length - 1),
  };
  return { ticket, messages: thread };
}

/** Opening times, oldest first, so ticket #1 is the oldest as real numbering would make it. */
function ticketOpenings(rng: Rng, anchor: Date): Date[] {
  return Array.from(
    { length: TICKETS_PER_TENANT },
    () => anchor.getTime() - minutes(rng, 60, SPAN_DAYS * 24 * 60),
  )
    .sort((a, b) => a - b)
    .map((time) => new Date(time));
}

/** Recent tickets are mostly still open; older ones have mostly been solved. */
function pickStatus(rng: Rng, age: number): Status {
  return weighted(rng, [
    ["open", 0.55 - 0.3 * age],
    ["pending", 0.3 - 0.1 * age],
    ["resolved", 0.15 + 0.15 * age],
    ["closed", 0.3 * age],
  ]);
}

export function pickPriority(rng: Rng, usual: Priority): Priority {
  if (rng() < 0.7) return usual;
  return weighted(rng, [
    ["low", 0.3],
    ["normal", 0.4],
    ["high", 0.25],
    ["urgent", 0.05],
  ]);
}

function ticketTags(rng: Rng, spec: DemoTenantSpec, topic: TopicSpec, priority: Priority) {
  const tags = [...topic.tags];
  if (rng() < 0.2) tags.push(pick(rng, spec.extraTags));
  if (priority === "urgent") tags.push("escalated");
  return [...new Set(tags)];
}

/** Placeholder values for one ticket, so its subject and messages name the same order. */
export function ticketVars(
  rng: Rng,
  spec: DemoTenantSpec,
  customerName: string,
  agentName: string,
) {
  const vars: Record<string, string> = {
    first: firstName(customerName),
    agent: firstName(agentName),
  };
  for (const [key, words] of Object.entries(spec.vocabulary)) vars[key] = pick(rng, words);
  for (const [key, prefix] of Object.entries(spec.references)) {
    vars[key] = `${prefix}${Math.floor(between(rng, 10000, 100000))}`;
  }
  return vars;
}

/**
 * The thread of a ticket in its status: an open one waits on the agent (the customer wrote
 * last), a pending one on the customer, a solved one ends with the status change. Nobody has
 * answered an unassigned ticket yet.
 */
function planConversation(
  rng: Rng,
  topic: TopicSpec,
  status: Status,
  priority: Priority,
  assigned: boolean,
) {
  const steps = assigned
    ? publicSteps(rng, topic, status)
    : [customer(topic.opening), customer(pick(rng, CUSTOMER_NUDGES))];
  const solved = status === "resolved" || status === "closed";
  if (solved) steps.push({ author: "system", text: `Status changed to ${status}` });
  if (priority === "urgent" && steps.length < 6) {
    steps.splice(1, 0, { author: "system", text: "Priority changed to urgent" });
  }
  if (assigned) addNote(rng, steps, solved ? topic.note : pick(rng, TRIAGE_NOTES), solved);
  return steps;
}

/**
 * A solved ticket's note (what the agent found) goes just before the answer that solved it;
 * a triage note before the first answer. A lone opening always gets one, so every ticket has
 * at least two messages.
 */
function addNote(rng: Rng, steps: Step[], text: string, solved: boolean): void {
  if (steps.length >= 6 || (steps.length > 1 && rng() >= 0.3)) return;
  const agentIndexes = steps.flatMap((step, i) => (step.author === "agent" ? [i] : []));
  const index = solved ? agentIndexes.at(-1) : agentIndexes[0];
  steps.splice(index ?? steps.length, 0, { author: "note", text });
}

function publicSteps(rng: Rng, topic: TopicSpec, status: Status): Step[] {
  const opened = [customer(topic.opening)];
  const asked = [...opened, agent(topic.reply)];
  const answered = [...asked, customer(topic.followUp)];
  if (status === "open") {
    const length = pick(rng, [1, 3, 3, 5]);
    if (length === 1) return opened;
    if (length === 3) return answered;
    return [...answered, agent(pick(rng, AGENT_UPDATES)), customer(pick(rng, CUSTOMER_NUDGES))];
  }
  // Pending: the agent asked and waits, chased an unanswered question, or awaits confirmation.
  if (status === "pending") {
    return pick(rng, [
      asked,
      [...asked, agent(pick(rng, AGENT_CHASERS))],
      [...answered, agent(topic.resolution)],
    ]);
  }
  const solved = [...answered, agent(topic.resolution)];
  return rng() < 0.4 ? [...solved, customer(pick(rng, CUSTOMER_THANKS))] : solved;
}

function customer(text: string): Step {
  return { author: "customer", text };
}

function agent(text: string): Step {
  return { author: "agent", text };
}

/**
 * Message times after the ticket's opening, with human-looking gaps; a conversation that would
 * run past the anchor is squeezed into the time it has.
 */
function stepTimes(rng: Rng, steps: Step[], openedAt: Date, anchor: Date): Date[] {
  const first = openedAt.getTime() + SECOND;
  const gaps = steps.slice(1).map((step) => gapBefore(rng, step));
  const room = anchor.getTime() - 10 * MINUTE - first;
  const scale = Math.min(1, room / Math.max(1, sum(gaps)));
  const times = [first];
  for (const gap of gaps) {
    const previous = at(times, times.length - 1);
    times.push(previous + Math.max(SECOND, Math.round((gap * scale) / SECOND) * SECOND));
  }
  return times.map((time) => new Date(time));
}

function gapBefore(rng: Rng, step: Step): number {
  switch (step.author) {
    case "customer":
      return minutes(rng, 20, 30 * 60);
    case "agent":
      return minutes(rng, 10, 8 * 60);
    case "note":
      return minutes(rng, 3, 60);
    case "system":
      return minutes(rng, 2, 20 * 60);
  }
}

function authorship(step: Step, customerId: string, agentId: string) {
  const author = { authorUserId: null, authorCustomerId: null, isInternal: false };
  switch (step.author) {
    case "customer":
      return { ...author, authorType: "customer" as const, authorCustomerId: customerId };
    case "agent":
      return { ...author, authorType: "agent" as const, authorUserId: agentId };
    case "note":
      return { ...author, authorType: "agent" as const, authorUserId: agentId, isInternal: true };
    case "system":
      return { ...author, authorType: "system" as const };
  }
}

export function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = vars[key];
    if (value === undefined) throw new Error(`seed text uses unknown placeholder {${key}}`);
    return value;
  });
}

// ---------------------------------------------------------------- small helpers

/**
 * A stable UUID for a seed row (sha256 of `key`, version 8, RFC 9562 variant): the same key
 * gives the same row on every run, which is what makes the upserts idempotent.
 */
export function demoUuid(key: string): string {
  const bytes = createHash("sha256").update(key).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20, 32),
  ].join("-");
}

function need<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo seed: nothing for ${String(key)}`);
  return value;
}

function excluded(column: PgColumn): SQL {
  return sql`excluded.${sql.identifier(column.name)}`;
}

function sameTimes(time: number): { createdAt: Date; updatedAt: Date } {
  return { createdAt: new Date(time), updatedAt: new Date(time) };
}

function startOfUtcDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY) * DAY);
}

function firstName(name: string): string {
  return name.split(" ")[0] ?? name;
}
