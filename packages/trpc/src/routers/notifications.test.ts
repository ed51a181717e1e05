// Notifications through createCaller: the inbox, preferences, who may call, and tenant isolation.
import { afterAll, describe, expect, test } from "bun:test";
import { and, desc, eq, outbox, userTenantRoles } from "@supportdesk/database";
import { notifications } from "@supportdesk/services";
import { callerFor, createTestDeps, signUp } from "../testing";

const deps = await createTestDeps();
afterAll(() => deps.close());

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: { code?: string }) => error.code ?? String(error),
  );

async function desk(tenantName = "Bell Co") {
  const owner = await signUp(deps, { tenantName, name: "Olivia Owner" });
  const tenant = owner.tenant as { id: string; slug: string };
  const join = async (role: "admin" | "member" | "viewer", existing?: typeof owner) => {
    const person = existing ?? (await signUp(deps, { name: `A ${role}` }));
    await deps.db.platform
      .insert(userTenantRoles)
      .values({ userId: person.userId, tenantId: tenant.id, role });
    return { ...person, here: person.as(tenant.slug) };
  };
  /** Runs the newest ticket.event job of this tenant, as the notification worker would. */
  const deliver = async () => {
    const [job] = await deps.db.platform
      .select({ id: outbox.id, payload: outbox.payload })
      .from(outbox)
      .where(and(eq(outbox.tenantId, tenant.id), eq(outbox.jobName, "ticket.event")))
      .orderBy(desc(outbox.createdAt), desc(outbox.id))
      .limit(1);
    if (!job) throw new Error("no ticket.event job recorded");
    return notifications.handleTicketEvent(deps.db, {
      id: job.id,
      payload: job.payload as notifications.TicketEventPayload,
    });
  };
  return { owner: owner.as(tenant.slug), ownerId: owner.userId, tenant, join, deliver };
}

describe("notifications", () => {
  test("an agent lists, counts and reads their notifications in the tenant's envelope", async () => {
    const { owner, tenant, join, deliver } = await desk();
    const member = await join("member");
    const ticket = await owner.tickets.create({ subject: "Paper jam", body: "x" });
    await deliver();

    const page = await member.here.notifications.list();
    expect(page.tenant_id).toBe(tenant.id);
    expect(page.pagination).toMatchObject({ has_next: false, per_page: 25 });
    expect(page.data).toHaveLength(1);
    expect(page.data[0]).toMatchObject({
      type: "ticket.created",
      readAt: null,
      payload: {
        ticketId: ticket.id,
        number: 1,
        title: "New ticket #1: Paper jam",
        actorName: "Olivia Owner",
      },
    });
    expect(await member.here.notifications.unreadCount()).toEqual({
      count: 1,
      tenant_id: tenant.id,
    });
    const id = page.data[0]?.id as string;
    expect(await member.here.notifications.markRead({ ids: [id] })).toEqual({
      updated: 1,
      count: 0,
      tenant_id: tenant.id,
    });
    expect((await member.here.notifications.list({ perPage: 10, unreadOnly: true })).data).toEqual(
      [],
    );
    // The actor was not notified of their own ticket.
    expect((await owner.notifications.list()).data).toEqual([]);
  });

  test("markRead ignores someone else's notification; markAllRead touches only one's own", async () => {
    const { owner, join, deliver } = await desk();
    const admin = await join("admin");
    const member = await join("member");
    await owner.tickets.create({ subject: "One", body: "x" });
    await deliver();
    await owner.tickets.create({ subject: "Two", body: "x" });
    await deliver();
    const adminsIds = (await admin.here.notifications.list()).data.map((n) => n.id);
    expect(adminsIds).toHaveLength(2);

    expect(await member.here.notifications.markRead({ ids: adminsIds })).toMatchObject({
      updated: 0,
      count: 2,
    });
    expect(await member.here.notifications.markAllRead()).toMatchObject({ updated: 2, count: 0 });
    expect((await admin.here.notifications.unreadCount()).count).toBe(2);
    expect(
      (await admin.here.notifications.list({ perPage: 25, unreadOnly: true })).data,
    ).toHaveLength(2);
  });

  test("viewers may use every procedure (they are never notified of tickets)", async () => {
    const { owner, join, deliver } = await desk();
    const viewer = await join("viewer");
    await owner.tickets.create({ subject: "Seen", body: "x" });
    await deliver();
    const v = viewer.here.notifications;
    expect((await v.list()).data).toEqual([]);
    expect((await v.unreadCount()).count).toBe(0);
    expect(await v.markRead({ ids: [crypto.randomUUID()] })).toMatchObject({ updated: 0 });
    expect(await v.markAllRead()).toMatchObject({ updated: 0 });
    const saved = await v.preferences.update({
      preferences: [{ eventType: "ticket.created", inApp: false, email: false }],
    });
    expect(saved.data.find((p) => p.eventType === "ticket.created")).toMatchObject({
      inApp: false,
      isDefault: false,
    });
    expect((await v.preferences.get()).data).toHaveLength(notifications.NOTIFICATION_TYPES.length);
  });

  test("API keys are refused: notifications belong to a signed-in user", async () => {
    const { owner } = await desk();
    const key = await owner.apiKeys.create({ name: "Zapier", role: "admin" });
    const withKey = callerFor(deps, { authorization: `Bearer ${key.key}` }).notifications;
    expect(await codeOf(withKey.list())).toBe("FORBIDDEN");
    expect(await codeOf(withKey.unreadCount())).toBe("FORBIDDEN");
    expect(await codeOf(withKey.markRead({ ids: [crypto.randomUUID()] }))).toBe("FORBIDDEN");
    expect(await codeOf(withKey.markAllRead())).toBe("FORBIDDEN");
    expect(await codeOf(withKey.preferences.get())).toBe("FORBIDDEN");
    expect(
      await codeOf(
        withKey.preferences.update({
          preferences: [{ eventType: "ticket.created", inApp: true, email: true }],
        }),
      ),
    ).toBe("FORBIDDEN");
  });

  test("inputs are checked: 1 to 200 UUIDs for markRead, known event types, a valid cursor", async () => {
    const { owner } = await desk();
    const tooMany = Array.from({ length: 201 }, () => crypto.randomUUID());
    const bad = await owner.notifications.markRead({ ids: tooMany }).catch((e) => e);
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.message).toContain("ids");
    expect(await owner.notifications.markRead({ ids: tooMany.slice(0, 200) })).toMatchObject({
      updated: 0,
    });
    expect(await codeOf(owner.notifications.markRead({ ids: [] }))).toBe("BAD_REQUEST");
    expect(await codeOf(owner.notifications.markRead({ ids: ["42"] }))).toBe("BAD_REQUEST");
    const badType = await owner.notifications.preferences
      .update({
        preferences: [
          { eventType: "ticket.deleted" as "ticket.created", inApp: true, email: true },
        ],
      })
      .catch((e) => e);
    expect(badType.code).toBe("BAD_REQUEST");
    expect(badType.message).toContain("eventType");
    expect(
      await codeOf(owner.notifications.list({ perPage: 10, unreadOnly: false, cursor: "nope" })),
    ).toBe("BAD_REQUEST");
  });

  test("preferences round trip and decide what a ticket event does (email job in the outbox)", async () => {
    const { owner, tenant, join, deliver } = await desk();
    const member = await join("member");
    const defaults = await member.here.notifications.preferences.get();
    expect(defaults.tenant_id).toBe(tenant.id);
    expect(defaults.data.find((p) => p.eventType === "ticket.created")).toMatchObject({
      inApp: true,
      email: false,
      isDefault: true,
    });
    const saved = await member.here.notifications.preferences.update({
      preferences: [{ eventType: "ticket.created", inApp: true, email: true }],
    });
    expect(saved.data.find((p) => p.eventType === "ticket.created")).toMatchObject({
      email: true,
      isDefault: false,
    });
    expect(await member.here.notifications.preferences.get()).toEqual(saved);

    await owner.tickets.create({ subject: "Mail me", body: "x" });
    await deliver();
    const [notification] = (await member.here.notifications.list()).data;
    const emails = await deps.db.platform
      .select({ payload: outbox.payload })
      .from(outbox)
      .where(and(eq(outbox.tenantId, tenant.id), eq(outbox.jobName, "email.agent-notification")));
    expect(emails.map((e) => e.payload)).toEqual([
      { tenantId: tenant.id, userId: member.userId, notificationId: notification?.id },
    ]);
  });

  test("a notification of tenant A cannot be listed, counted or marked from tenant B, even by its owner", async () => {
    const a = await desk("Tenant A");
    const b = await desk("Tenant B");
    // One person in both tenants: a member of A, an admin of B.
    const both = await a.join("member");
    await b.join("admin", both);
    const inB = both.as(b.tenant.slug);
    await a.owner.tickets.create({ subject: "Only in A", body: "x" });
    await a.deliver();
    const [ofA] = (await both.here.notifications.list()).data;
    expect(ofA?.payload.subject).toBe("Only in A");
    const id = ofA?.id as string;

    expect((await inB.notifications.list()).data).toEqual([]);
    expect(await inB.notifications.unreadCount()).toEqual({ count: 0, tenant_id: b.tenant.id });
    expect(await inB.notifications.markRead({ ids: [id] })).toMatchObject({ updated: 0 });
    expect(await inB.notifications.markAllRead()).toMatchObject({ updated: 0 });
    // B's owner, naming A's id from B, changes nothing either.
    expect(await b.owner.notifications.markRead({ ids: [id] })).toMatchObject({ updated: 0 });

    expect((await both.here.notifications.unreadCount()).count).toBe(1);
    const [still] = (await both.here.notifications.list()).data;
    expect(still).toMatchObject({ id, readAt: null });
  });
});
