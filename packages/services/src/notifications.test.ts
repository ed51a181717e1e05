// Notifications against the real database (app role): who a ticket event reaches, preferences,
// idempotent redelivery, and the inbox. Jobs are the ones the tickets service records.
import { afterAll, describe, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import {
  and,
  createDatabase,
  createTenant,
  customers,
  desc,
  eq,
  messages,
  notifications as notificationsTable,
  outbox,
  users,
  userTenantRoles,
} from "@supportdesk/database";
import type { BuiltInRole } from "@supportdesk/domain";
import { builtInGrant, type TenantScope } from "./context";
import { AppError } from "./errors";
import * as notifications from "./notifications";
import * as tickets from "./tickets";

// The trpc harness (`createTestDeps`, `signUp`) is not a dependency of this package, so these
// tests build their fixtures with the database package and the services themselves.
const db = createDatabase({ url: env().DATABASE_URL, max: 4 });
afterAll(() => db.close());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const unique = () => crypto.randomUUID().slice(0, 12);

async function person(name: string) {
  const [user] = await db.platform
    .insert(users)
    .values({ email: `${name.toLowerCase()}-${unique()}@example.test`, name, passwordHash: "x" })
    .returning({ id: users.id, name: users.name });
  if (!user) throw new Error("user insert returned nothing");
  return user;
}

/** A tenant with its owner; `join` adds people; `as(user).run(fn)` runs a service as them. */
async function desk() {
  const ownerUser = await person("Olivia Owner");
  const tenant = await createTenant(db.platform, {
    slug: `notif-${unique()}`,
    name: "Notify Co",
    ownerUserId: ownerUser.id,
  });
  const as = (userId: string, role: BuiltInRole) => ({
    userId,
    run: <T>(fn: (scope: TenantScope) => Promise<T>) =>
      db.withTenant(tenant.id, (tx) =>
        fn({
          tx,
          tenantId: tenant.id,
          ...builtInGrant(role),
          actor: { userId, apiKeyId: null, ip: null, userAgent: null },
        }),
      ),
  });
  const join = async (role: BuiltInRole, name: string) => {
    const user = await person(name);
    await db.platform
      .insert(userTenantRoles)
      .values({ userId: user.id, tenantId: tenant.id, role });
    return { ...as(user.id, role), name: user.name };
  };
  /** The newest ticket.event job the tickets service recorded for this tenant. */
  const lastEvent = async () => {
    const [row] = await db.platform
      .select({ id: outbox.id, payload: outbox.payload })
      .from(outbox)
      .where(and(eq(outbox.tenantId, tenant.id), eq(outbox.jobName, "ticket.event")))
      .orderBy(desc(outbox.createdAt), desc(outbox.id))
      .limit(1);
    if (!row) throw new Error("no ticket.event job recorded");
    return { id: row.id, payload: row.payload as notifications.TicketEventPayload };
  };
  /** Runs the newest ticket.event job, as the notification worker would. */
  const deliver = async () => notifications.handleTicketEvent(db, await lastEvent());
  const emailJobs = async () =>
    (
      await db.platform
        .select({ payload: outbox.payload })
        .from(outbox)
        .where(and(eq(outbox.tenantId, tenant.id), eq(outbox.jobName, "email.agent-notification")))
    ).map((r) => r.payload as { tenantId: string; userId: string; notificationId: string });
  const inbox = (user: { run: ReturnType<typeof as>["run"]; userId: string }) =>
    user.run((scope) => notifications.listNotifications(scope, user.userId, { perPage: 100 }));
  return {
    tenant,
    owner: { ...as(ownerUser.id, "owner"), name: ownerUser.name },
    join,
    lastEvent,
    deliver,
    emailJobs,
    inbox,
  };
}

type Events = Awaited<ReturnType<typeof notifications.handleTicketEvent>>;
/** Who got a notification.created, and as what type. */
const notified = (events: Events) =>
  Object.fromEntries(
    events
      .filter((e) => e.type === "notification.created")
      .map((e) => [
        e.userIds?.[0],
        (e.payload.notification as { type: string; payload: { title: string } }).type,
      ]),
  );

describe("handleTicketEvent", () => {
  test("a new ticket notifies every agent but the actor, never a viewer; its assignee gets ticket.assigned and an email", async () => {
    const { tenant, owner, join, deliver, emailJobs, lastEvent, inbox } = await desk();
    const admin = await join("admin", "Adam Admin");
    const member = await join("member", "Mia Member");
    const viewer = await join("viewer", "Vic Viewer");
    const ticket = await owner.run((s) =>
      tickets.createTicket(s, {
        subject: "Printer on fire",
        body: "Help",
        assigneeId: member.userId,
      }),
    );
    const job = await lastEvent();
    const events = await deliver();

    expect(events[0]).toEqual({
      type: "ticket.created",
      tenantId: tenant.id,
      userIds: null,
      payload: { ticketId: ticket.id, number: 1, subject: "Printer on fire", status: "open" },
    });
    expect(notified(events)).toEqual({
      [admin.userId]: "ticket.created",
      [member.userId]: "ticket.assigned",
    });
    expect(notified(events)[viewer.userId]).toBeUndefined();
    expect(notified(events)[owner.userId]).toBeUndefined();

    const toAdmin = events.find((e) => e.userIds?.[0] === admin.userId);
    expect(toAdmin?.payload).toMatchObject({
      unreadCount: 1,
      notification: {
        id: notifications.notificationIdFor(job.id, admin.userId),
        type: "ticket.created",
        readAt: null,
        payload: {
          ticketId: ticket.id,
          number: 1,
          subject: "Printer on fire",
          title: "New ticket #1: Printer on fire",
          actorName: "Olivia Owner",
        },
      },
    });
    // Only the assignment asks for an email by default.
    expect(await emailJobs()).toEqual([
      {
        tenantId: tenant.id,
        userId: member.userId,
        notificationId: notifications.notificationIdFor(job.id, member.userId),
      },
    ]);
    expect((await inbox(viewer)).data).toEqual([]);
    expect((await inbox(owner)).data).toEqual([]);
    const [mine] = (await inbox(member)).data;
    expect(mine?.payload.title).toBe("Ticket #1 assigned to you: Printer on fire");
  });

  test("an assignment notifies the new assignee (with email); later updates only the assignee, in-app; never the actor", async () => {
    const { owner, join, deliver, emailJobs } = await desk();
    const admin = await join("admin", "Adam Admin");
    const member = await join("member", "Mia Member");
    const ticket = await owner.run((s) => tickets.createTicket(s, { subject: "Slow", body: "x" }));
    await deliver();

    await owner.run((s) => tickets.updateTicket(s, { id: ticket.id, assigneeId: member.userId }));
    const assigned = await deliver();
    expect(assigned[0]).toMatchObject({ type: "ticket.updated", userIds: null });
    expect(notified(assigned)).toEqual({ [member.userId]: "ticket.assigned" });
    expect((await emailJobs()).map((j) => j.userId)).toEqual([member.userId]);

    await owner.run((s) => tickets.updateTicket(s, { id: ticket.id, status: "pending" }));
    const updated = await deliver();
    expect(notified(updated)).toEqual({ [member.userId]: "ticket.updated" });
    expect((await emailJobs()).length).toBe(1);

    // The assignee changing their own ticket tells nobody.
    await member.run((s) => tickets.updateTicket(s, { id: ticket.id, priority: "high" }));
    expect(notified(await deliver())).toEqual({});
    // Someone else taking it off them tells them (in the app only, by default).
    await admin.run((s) => tickets.updateTicket(s, { id: ticket.id, assigneeId: null }));
    expect(notified(await deliver())).toEqual({ [member.userId]: "ticket.unassigned" });
    expect((await emailJobs()).length).toBe(1);
  });

  test("a reassignment tells the new assignee and the previous one; giving a ticket away tells only the new one", async () => {
    const { owner, join, deliver, inbox } = await desk();
    const admin = await join("admin", "Adam Admin");
    const member = await join("member", "Mia Member");
    const ticket = await owner.run((s) =>
      tickets.createTicket(s, { subject: "Refund", body: "x", assigneeId: member.userId }),
    );
    await deliver();

    await admin.run((s) => tickets.updateTicket(s, { id: ticket.id, assigneeId: owner.userId }));
    expect(notified(await deliver())).toEqual({
      [owner.userId]: "ticket.assigned",
      [member.userId]: "ticket.unassigned",
    });
    const [latest] = (await inbox(member)).data;
    expect(latest?.payload.title).toBe("Ticket #1 is no longer assigned to you: Refund");

    // The assignee handing it on is the actor: only the new assignee hears of it.
    await owner.run((s) => tickets.updateTicket(s, { id: ticket.id, assigneeId: admin.userId }));
    expect(notified(await deliver())).toEqual({ [admin.userId]: "ticket.assigned" });
  });

  test("a reply notifies every agent while unassigned, then only the assignee, by email too; a customer's reply names them", async () => {
    const { tenant, owner, join, deliver, emailJobs, inbox } = await desk();
    const admin = await join("admin", "Adam Admin");
    const member = await join("member", "Mia Member");
    const viewer = await join("viewer", "Vic Viewer");
    const ticket = await owner.run((s) =>
      tickets.createTicket(s, { subject: "Refund", body: "x" }),
    );
    await deliver();

    const reply = await member.run((s) =>
      tickets.addMessage(s, { ticketId: ticket.id, body: "On it", internal: false }),
    );
    const events = await deliver();
    expect(events[0]).toEqual({
      type: "message.created",
      tenantId: tenant.id,
      userIds: null,
      payload: {
        ticketId: ticket.id,
        number: 1,
        subject: "Refund",
        status: "pending",
        messageId: reply.id,
        isInternal: false,
      },
    });
    expect(notified(events)).toEqual({
      [owner.userId]: "message.created",
      [admin.userId]: "message.created",
    });
    expect((await emailJobs()).map((j) => j.userId).sort()).toEqual(
      [owner.userId, admin.userId].sort(),
    );
    const [first] = (await inbox(admin)).data;
    expect(first?.payload).toMatchObject({
      title: "New reply on #1: Refund",
      actorName: "Mia Member",
      messageId: reply.id,
    });
    expect((await inbox(viewer)).data).toEqual([]);

    await owner.run((s) => tickets.updateTicket(s, { id: ticket.id, assigneeId: member.userId }));
    await deliver();
    await owner.run((s) =>
      tickets.addMessage(s, { ticketId: ticket.id, body: "Done", internal: false }),
    );
    expect(notified(await deliver())).toEqual({ [member.userId]: "message.created" });

    // A customer's message (no acting user): the assignee hears of it, with the customer's name.
    const fromCustomer = await owner.run(async ({ tx }) => {
      const [customer] = await tx
        .insert(customers)
        .values({ email: `pat-${unique()}@example.net`, name: "Pat Customer" })
        .returning();
      const [message] = await tx
        .insert(messages)
        .values({
          ticketId: ticket.id,
          authorType: "customer",
          authorCustomerId: customer?.id,
          body: "Thanks",
        })
        .returning();
      return message;
    });
    const customerEvents = await notifications.handleTicketEvent(db, {
      id: crypto.randomUUID(),
      payload: {
        tenantId: tenant.id,
        ticketId: ticket.id,
        kind: "message",
        actorUserId: null,
        messageId: fromCustomer?.id,
      },
    });
    expect(notified(customerEvents)).toEqual({ [member.userId]: "message.created" });
    expect(customerEvents[1]?.payload).toMatchObject({
      notification: { payload: { actorName: "Pat Customer" } },
    });
  });

  test("an internal note notifies only the assignee, in-app only; on an unassigned ticket nobody", async () => {
    const { owner, join, deliver, emailJobs } = await desk();
    await join("admin", "Adam Admin");
    const member = await join("member", "Mia Member");
    const loose = await owner.run((s) => tickets.createTicket(s, { subject: "Loose", body: "x" }));
    await deliver();
    await owner.run((s) =>
      tickets.addMessage(s, { ticketId: loose.id, body: "hmm", internal: true }),
    );
    const unassigned = await deliver();
    expect(unassigned).toHaveLength(1);
    expect(unassigned[0]?.payload).toMatchObject({ isInternal: true });

    const held = await owner.run((s) =>
      tickets.createTicket(s, { subject: "Held", body: "x", assigneeId: member.userId }),
    );
    await deliver();
    const emailsBefore = (await emailJobs()).length;
    await owner.run((s) =>
      tickets.addMessage(s, { ticketId: held.id, body: "psst", internal: true }),
    );
    const events = await deliver();
    expect(notified(events)).toEqual({ [member.userId]: "note.created" });
    expect(events[1]?.payload).toMatchObject({
      notification: { payload: { title: "New internal note on #2: Held" } },
    });
    expect((await emailJobs()).length).toBe(emailsBefore);
  });

  test("preferences override the defaults: email only when on, in-app off keeps it out of the inbox, both off stores nothing", async () => {
    const { owner, join, deliver, emailJobs, lastEvent, inbox } = await desk();
    const admin = await join("admin", "Adam Admin");
    const member = await join("member", "Mia Member");
    const quiet = await join("member", "Quinn Quiet");
    await admin.run((s) =>
      notifications.updatePreferences(s, admin.userId, [
        { eventType: "ticket.created", inApp: true, email: true },
      ]),
    );
    await member.run((s) =>
      notifications.updatePreferences(s, member.userId, [
        { eventType: "ticket.created", inApp: false, email: true },
        { eventType: "message.created", inApp: true, email: false },
      ]),
    );
    await quiet.run((s) =>
      notifications.updatePreferences(s, quiet.userId, [
        { eventType: "ticket.created", inApp: false, email: false },
      ]),
    );

    const ticket = await owner.run((s) => tickets.createTicket(s, { subject: "Prefs", body: "x" }));
    const job = await lastEvent();
    const events = await deliver();
    // In-app: only the admin (the member asked for email only, Quinn for nothing).
    expect(notified(events)).toEqual({ [admin.userId]: "ticket.created" });
    expect((await emailJobs()).map((j) => [j.userId, j.notificationId]).sort()).toEqual(
      [
        [admin.userId, notifications.notificationIdFor(job.id, admin.userId)],
        [member.userId, notifications.notificationIdFor(job.id, member.userId)],
      ].sort(),
    );
    // The member's email-only row exists (the email names it) but is not in their inbox.
    expect((await inbox(member)).data).toEqual([]);
    expect(await member.run((s) => notifications.unreadCount(s, member.userId))).toMatchObject({
      count: 0,
    });
    expect((await inbox(quiet)).data).toEqual([]);
    const stored = await owner.run(({ tx }) =>
      tx.select({ userId: notificationsTable.userId }).from(notificationsTable),
    );
    expect(stored.map((r) => r.userId).sort()).toEqual([admin.userId, member.userId].sort());

    // The member turned reply emails off: in-app only.
    await owner.run((s) => tickets.updateTicket(s, { id: ticket.id, assigneeId: member.userId }));
    await deliver();
    const emails = (await emailJobs()).length;
    await owner.run((s) =>
      tickets.addMessage(s, { ticketId: ticket.id, body: "x", internal: false }),
    );
    expect(notified(await deliver())).toEqual({ [member.userId]: "message.created" });
    expect((await emailJobs()).length).toBe(emails);
  });

  test("a redelivered job adds nothing and records no email: it returns the tenant-wide event again, but no notification.created", async () => {
    const { owner, join, lastEvent, emailJobs, inbox } = await desk();
    const admin = await join("admin", "Adam Admin");
    const member = await join("member", "Mia Member");
    await owner.run((s) =>
      tickets.createTicket(s, { subject: "Twice", body: "x", assigneeId: member.userId }),
    );
    const job = await lastEvent();
    const first = await notifications.handleTicketEvent(db, job);
    expect(first.map((e) => e.type)).toEqual([
      "ticket.created",
      "notification.created",
      "notification.created",
    ]);
    const emails = await emailJobs();
    expect(emails).toHaveLength(1);

    const again = await notifications.handleTicketEvent(db, job);
    expect(again).toEqual([first[0] as Events[number]]);
    expect(await emailJobs()).toEqual(emails);
    expect((await inbox(admin)).data).toHaveLength(1);
    expect((await inbox(member)).data).toHaveLength(1);
    expect((await inbox(member)).data[0]?.id).toBe(
      notifications.notificationIdFor(job.id, member.userId),
    );
  });

  test("a ticket (or message) gone before the job runs gives no events and stores nothing", async () => {
    const { tenant, owner, join, inbox } = await desk();
    const admin = await join("admin", "Adam Admin");
    const ticket = await owner.run((s) => tickets.createTicket(s, { subject: "Gone", body: "x" }));
    const noTicket = await notifications.handleTicketEvent(db, {
      id: crypto.randomUUID(),
      payload: {
        tenantId: tenant.id,
        ticketId: crypto.randomUUID(),
        kind: "created",
        actorUserId: owner.userId,
      },
    });
    expect(noTicket).toEqual([]);
    const noMessage = await notifications.handleTicketEvent(db, {
      id: crypto.randomUUID(),
      payload: {
        tenantId: tenant.id,
        ticketId: ticket.id,
        kind: "message",
        actorUserId: owner.userId,
        messageId: crypto.randomUUID(),
      },
    });
    expect(noMessage).toEqual([]);
    expect((await inbox(admin)).data).toEqual([]);
  });

  test("ids derive from job and user: stable, distinct per user, valid UUIDs", () => {
    const job = crypto.randomUUID();
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    expect(notifications.notificationIdFor(job, a)).toBe(notifications.notificationIdFor(job, a));
    expect(notifications.notificationIdFor(job, a)).not.toBe(
      notifications.notificationIdFor(job, b),
    );
    for (let i = 0; i < 200; i++) {
      expect(notifications.notificationIdFor(crypto.randomUUID(), a)).toMatch(UUID);
    }
  });
});

describe("the inbox", () => {
  test("unread counts, cursor pages, unread-only, marking one's own read (others' ids ignored) and mark all", async () => {
    const { owner, join, deliver, inbox } = await desk();
    const admin = await join("admin", "Adam Admin");
    const member = await join("member", "Mia Member");
    for (const subject of ["One", "Two", "Three"]) {
      await owner.run((s) => tickets.createTicket(s, { subject, body: "x" }));
      await deliver();
    }
    const count = (user: typeof member) =>
      user.run((s) => notifications.unreadCount(s, user.userId)).then((r) => r.count);
    expect(await count(member)).toBe(3);

    const page = await member.run((s) =>
      notifications.listNotifications(s, member.userId, { perPage: 2 }),
    );
    expect(page.data.map((n) => n.payload.subject)).toEqual(["Three", "Two"]);
    expect(page.pagination).toMatchObject({ has_next: true, per_page: 2, cursor: null });
    const next = await member.run((s) =>
      notifications.listNotifications(s, member.userId, {
        perPage: 2,
        cursor: page.pagination.next_cursor ?? "",
      }),
    );
    expect(next.data.map((n) => n.payload.subject)).toEqual(["One"]);
    expect(next.pagination.has_next).toBe(false);

    const adminsFirst = (await inbox(admin)).data[0]?.id as string;
    const membersFirst = page.data[0]?.id as string;
    const marked = await member.run((s) =>
      notifications.markRead(s, member.userId, { ids: [adminsFirst, membersFirst, membersFirst] }),
    );
    expect(marked).toMatchObject({ updated: 1, count: 2 });
    expect(await count(admin)).toBe(3);
    // Marking again changes nothing.
    expect(
      await member.run((s) => notifications.markRead(s, member.userId, { ids: [membersFirst] })),
    ).toMatchObject({ updated: 0, count: 2 });

    const unread = await member.run((s) =>
      notifications.listNotifications(s, member.userId, { perPage: 10, unreadOnly: true }),
    );
    expect(unread.data.map((n) => n.payload.subject)).toEqual(["Two", "One"]);

    expect(await member.run((s) => notifications.markAllRead(s, member.userId))).toMatchObject({
      updated: 2,
      count: 0,
    });
    expect(await count(member)).toBe(0);
    expect(await count(admin)).toBe(3);
    expect((await inbox(member)).data.every((n) => n.readAt instanceof Date)).toBe(true);
  });

  test("preferences: every type with its default, saved per user, upserted, the last of a repeated type wins", async () => {
    const { owner, join } = await desk();
    const member = await join("member", "Mia Member");
    const defaults = await member.run((s) => notifications.getPreferences(s, member.userId));
    expect(
      defaults.data.map(({ eventType, inApp, email, isDefault }) => ({
        eventType,
        inApp,
        email,
        isDefault,
      })),
    ).toEqual([
      { eventType: "ticket.created", inApp: true, email: false, isDefault: true },
      { eventType: "ticket.assigned", inApp: true, email: true, isDefault: true },
      { eventType: "ticket.unassigned", inApp: true, email: false, isDefault: true },
      { eventType: "ticket.updated", inApp: true, email: false, isDefault: true },
      { eventType: "message.created", inApp: true, email: true, isDefault: true },
      { eventType: "note.created", inApp: true, email: false, isDefault: true },
      { eventType: "sla.warning", inApp: true, email: false, isDefault: true },
      { eventType: "sla.breach", inApp: true, email: true, isDefault: true },
      { eventType: "automation.notify", inApp: true, email: false, isDefault: true },
    ]);

    const saved = await member.run((s) =>
      notifications.updatePreferences(s, member.userId, [
        { eventType: "ticket.assigned", inApp: false, email: false },
        { eventType: "note.created", inApp: true, email: true },
        { eventType: "ticket.assigned", inApp: true, email: false },
      ]),
    );
    const pick = (p: typeof saved, type: string) => p.data.find((e) => e.eventType === type);
    expect(pick(saved, "ticket.assigned")).toMatchObject({
      inApp: true,
      email: false,
      isDefault: false,
    });
    expect(pick(saved, "note.created")).toMatchObject({ email: true, isDefault: false });
    expect(pick(saved, "ticket.created")).toMatchObject({ isDefault: true });

    const again = await member.run((s) =>
      notifications.updatePreferences(s, member.userId, [
        { eventType: "ticket.assigned", inApp: true, email: true },
      ]),
    );
    expect(pick(again, "ticket.assigned")).toMatchObject({ email: true, isDefault: false });
    expect(pick(again, "note.created")).toMatchObject({ email: true });

    // Someone else's settings are untouched.
    const owners = await owner.run((s) => notifications.getPreferences(s, owner.userId));
    expect(owners.data.every((p) => p.isDefault)).toBe(true);

    const bad = await member
      .run((s) =>
        notifications.updatePreferences(s, member.userId, [
          { eventType: "ticket.deleted", inApp: true, email: true },
        ]),
      )
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(AppError);
    expect(bad).toMatchObject({ code: "BAD_REQUEST", field: "eventType" });
  });
});
