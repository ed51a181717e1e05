// Test-only helpers: connections to the test database and small fixtures (never exported).
import { env } from "@supportdesk/config";
import { eq } from "drizzle-orm";
import { createDatabase, type Database } from "./client";
import { nextNumber } from "./counters";
import {
  agentStatus,
  attachments,
  auditLog,
  contactDeflection,
  customers,
  customRoles,
  emailMessageIds,
  inboundEmails,
  kbArticleRevisions,
  kbArticles,
  kbCategories,
  macros,
  messages,
  notificationPreferences,
  notifications,
  savedViews,
  teamMembers,
  teams,
  tenants,
  ticketCcs,
  ticketFields,
  ticketLinks,
  tickets,
  users,
} from "./schema";
import { makeServiceLevelRows } from "./test-service-levels";

/** The app role's URL on the test database, for tests that open a pool of their own size. */
export const testDatabaseUrl = (): string => env().DATABASE_URL;

/** The app role's pool (what the server uses) and the owner's, on the test database. */
export function openTestDatabases(max = 4): { app: Database; admin: Database } {
  const config = env();
  if (!config.DATABASE_ADMIN_URL) throw new Error("DATABASE_ADMIN_URL is not set for tests");
  return {
    app: createDatabase({ url: config.DATABASE_URL, max }),
    admin: createDatabase({ url: config.DATABASE_ADMIN_URL, max: 2 }),
  };
}

/** A slug no other test run uses. */
export const uniqueSlug = (prefix = "t"): string => `${prefix}-${crypto.randomUUID().slice(0, 12)}`;

/** A tenant with a random slug, inserted through the platform handle. */
export async function makeTenant(db: Database, name = "Test tenant") {
  const [tenant] = await db.platform
    .insert(tenants)
    .values({ slug: uniqueSlug(), name })
    .returning();
  if (!tenant) throw new Error("tenant insert returned nothing");
  return tenant;
}

/** A user (with a placeholder hash: these tests never sign in). */
export async function makeUser(db: Database) {
  const [user] = await db.platform
    .insert(users)
    .values({ email: `${uniqueSlug("u")}@example.test`, name: "Test user", passwordHash: "x" })
    .returning();
  if (!user) throw new Error("user insert returned nothing");
  return user;
}

/**
 * One row in every tenant-owned table for `tenantId`: a customer, a numbered ticket, a message,
 * a notification, a preference, a custom role, a knowledge-base category, article and revision,
 * an audit row, a canned reply, a saved view, a custom field, a team with a member and the
 * member's availability (and, through numbering, a counter).
 */
export async function makeTenantGraph(db: Database, tenantId: string, userId: string) {
  return db.withTenant(tenantId, async (tx) => {
    const [customer] = await tx
      .insert(customers)
      .values({ email: `${uniqueSlug("c")}@example.test`, name: "Casey Customer" })
      .returning();
    if (!customer) throw new Error("customer insert returned nothing");
    const number = await nextNumber(tx, "ticket");
    const [ticket] = await tx
      .insert(tickets)
      .values({
        number,
        subject: `Ticket of ${tenantId}`,
        customerId: customer.id,
        assigneeId: userId,
      })
      .returning();
    if (!ticket) throw new Error("ticket insert returned nothing");
    await tx.insert(messages).values({
      ticketId: ticket.id,
      authorType: "customer",
      authorCustomerId: customer.id,
      body: "It is broken",
    });
    await tx
      .insert(notifications)
      .values({ userId, type: "ticket.created", payload: { ticketId: ticket.id } });
    await tx
      .insert(notificationPreferences)
      .values({ userId, eventType: "ticket.created", inApp: true, email: false });
    await tx.insert(customRoles).values({ name: "Triage", permissions: ["ticket.read"] });
    const [category] = await tx
      .insert(kbCategories)
      .values({ name: "Billing", slug: "billing" })
      .returning();
    const [article] = await tx
      .insert(kbArticles)
      .values({ categoryId: category?.id, title: "Refunds", slug: "refunds", body: "How to." })
      .returning();
    if (!article) throw new Error("article insert returned nothing");
    await tx
      .insert(kbArticleRevisions)
      .values({ articleId: article.id, title: "Refunds", body: "Old.", excerpt: "" });
    await tx
      .insert(ticketLinks)
      .values({ ticketId: ticket.id, tokenHash: `fixture-${crypto.randomUUID()}` });
    await tx.insert(contactDeflection).values({ day: "2026-01-01", shown: 2, clicked: 1 });
    const inboundId = crypto.randomUUID();
    await tx.insert(inboundEmails).values({
      id: inboundId,
      storageKey: `fixture/${inboundId}.eml`,
      size: 10,
      envelopeFrom: "ada@example.com",
      recipient: "fixture@mail.example",
    });
    await tx
      .insert(emailMessageIds)
      .values({ messageId: `${inboundId}@fixture`, ticketId: ticket.id, direction: "in" });
    await tx.insert(ticketCcs).values({ ticketId: ticket.id, email: "cc@example.com" });
    await tx.insert(attachments).values({
      ticketId: ticket.id,
      filename: "a.txt",
      contentType: "text/plain",
      size: 1,
      storageKey: `fixture/${inboundId}-0`,
    });
    await tx.insert(macros).values({ name: "Thanks", body: "Thanks, {{customer.name}}!" });
    await tx.insert(savedViews).values({ name: "Open", filters: { status: ["open"] } });
    const [field] = await tx
      .insert(ticketFields)
      .values({ label: "Plan", type: "select", options: ["Free", "Pro"] })
      .returning();
    const [team] = await tx.insert(teams).values({ name: "Billing" }).returning();
    if (!team || !field) throw new Error("workflow inserts returned nothing");
    await tx.insert(teamMembers).values({ teamId: team.id, userId });
    await tx.insert(agentStatus).values({ userId, presence: "online" });
    await tx
      .update(tickets)
      .set({ teamId: team.id, customFields: { [field.id]: "Pro" } })
      .where(eq(tickets.id, ticket.id));
    await tx.insert(auditLog).values({
      actorUserId: userId,
      action: "ticket.create",
      targetType: "ticket",
      targetId: ticket.id,
    });
    await makeServiceLevelRows(tx, ticket.id);
    return { customer, ticket };
  });
}
