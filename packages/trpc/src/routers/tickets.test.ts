// Tickets, customers and the audit trail through createCaller.
import { afterAll, describe, expect, test } from "bun:test";
import { callerFor, codeOf, createTeam, createTestDeps, signUp } from "../testing";

const deps = await createTestDeps();
afterAll(() => deps.close());

/** A tenant; `owner` is the owner's caller for it. */
async function desk() {
  const { owner, tenant, join } = await createTeam(deps, "Desk Co");
  return { owner: owner.here, ownerId: owner.userId, tenant, join };
}

describe("tickets", () => {
  test("numbers run per tenant from #1; list is newest first in seed 001's envelope", async () => {
    const { owner, tenant } = await desk();
    for (const subject of ["First", "Second", "Third"])
      await owner.tickets.create({ subject, body: "Body" });
    const page = await owner.tickets.list({ perPage: 2 });
    expect(page.tenant_id).toBe(tenant.id);
    expect(page.data.map((t) => [t.number, t.subject])).toEqual([
      [3, "Third"],
      [2, "Second"],
    ]);
    expect(page.pagination).toMatchObject({ has_next: true, per_page: 2, cursor: null });
    const next = await owner.tickets.list({
      perPage: 2,
      cursor: page.pagination.next_cursor ?? "",
    });
    expect(next.data.map((t) => t.number)).toEqual([1]);
    expect(next.pagination.has_next).toBe(false);
    const other = await desk();
    expect((await other.owner.tickets.create({ subject: "Mine", body: "x" })).number).toBe(1);
  });

  test("filters by status, priority, assignee, customer, tag and text (subject or #number)", async () => {
    const { owner, ownerId } = await desk();
    const customer = await owner.customers.create({ email: "pat@example.net", name: "Pat Doe" });
    await owner.tickets.create({
      subject: "Refund request",
      body: "x",
      priority: "high",
      tags: ["billing"],
      customerId: customer.id,
    });
    const assigned = await owner.tickets.create({
      subject: "Login broken",
      body: "x",
      assigneeId: ownerId,
    });
    await owner.tickets.update({ id: assigned.id, status: "pending" });
    const subjects = async (input: Parameters<typeof owner.tickets.list>[0]) =>
      (await owner.tickets.list(input)).data.map((t) => t.subject);
    expect(await subjects({ perPage: 25, status: ["pending"] })).toEqual(["Login broken"]);
    expect(await subjects({ perPage: 25, priority: ["high"] })).toEqual(["Refund request"]);
    expect(await subjects({ perPage: 25, assignee: ownerId })).toEqual(["Login broken"]);
    expect(await subjects({ perPage: 25, assignee: "unassigned" })).toEqual(["Refund request"]);
    expect(await subjects({ perPage: 25, customerId: customer.id })).toEqual(["Refund request"]);
    expect(await subjects({ perPage: 25, tag: "billing" })).toEqual(["Refund request"]);
    expect(await subjects({ perPage: 25, q: "LOGIN" })).toEqual(["Login broken"]);
    expect(await subjects({ perPage: 25, q: "#1" })).toEqual(["Refund request"]);
    expect(await subjects({ perPage: 25, q: "100%_\\" })).toEqual([]);
  });

  test("a thread: replies, visibly internal notes, status lines; an agent reply makes an open ticket pending", async () => {
    const { owner, join } = await desk();
    const agent = await join("member");
    const ticket = await owner.tickets.create({ subject: "Thread", body: "Opening message" });
    await agent.here.tickets.addMessage({
      ticketId: ticket.id,
      body: "We're on it",
      internal: false,
    });
    await agent.here.tickets.addMessage({
      ticketId: ticket.id,
      body: "Customer is VIP",
      internal: true,
    });
    await agent.here.tickets.update({ id: ticket.id, status: "resolved" });
    const full = await owner.tickets.get({ id: ticket.id });
    expect(full.messages.map((m) => [m.authorType, m.isInternal, m.body])).toEqual([
      ["agent", false, "Opening message"],
      ["agent", false, "We're on it"],
      ["agent", true, "Customer is VIP"],
      ["system", false, "Status changed from pending to resolved."],
    ]);
  });

  test("viewers read but cannot create, update or reply; assignees must be members who work tickets", async () => {
    const { owner, join } = await desk();
    const viewer = await join("viewer");
    const ticket = await owner.tickets.create({ subject: "Read only", body: "x" });
    expect(await codeOf(viewer.here.tickets.get({ id: ticket.id }))).toBe("ok");
    expect(await codeOf(viewer.here.tickets.create({ subject: "No", body: "x" }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(viewer.here.tickets.update({ id: ticket.id, status: "closed" }))).toBe(
      "FORBIDDEN",
    );
    expect(
      await codeOf(
        viewer.here.tickets.addMessage({ ticketId: ticket.id, body: "x", internal: false }),
      ),
    ).toBe("FORBIDDEN");
    const assignToViewer = await owner.tickets
      .update({ id: ticket.id, assigneeId: viewer.userId })
      .catch((e) => e);
    expect(assignToViewer).toMatchObject({ code: "BAD_REQUEST", field: "assigneeId" });
    const stranger = await signUp(deps);
    expect(
      await codeOf(owner.tickets.create({ subject: "x", body: "x", assigneeId: stranger.userId })),
    ).toBe("BAD_REQUEST");
  });

  test("an unknown ticket id is NOT_FOUND; a malformed one is BAD_REQUEST naming the field", async () => {
    const { owner } = await desk();
    expect(await codeOf(owner.tickets.get({ id: crypto.randomUUID() }))).toBe("NOT_FOUND");
    const bad = await owner.tickets.get({ id: "42" }).catch((e) => e);
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.message).toContain("id");
    expect(await codeOf(owner.tickets.list({ perPage: 25, cursor: "not-a-cursor" }))).toBe(
      "BAD_REQUEST",
    );
  });
});

describe("customers", () => {
  test("create, list with search and cursor, get with their tickets; duplicate email is CONFLICT", async () => {
    const { owner } = await desk();
    const ada = await owner.customers.create({
      email: "ada@example.net",
      name: "Ada Lovelace",
      company: "Engines",
    });
    await owner.customers.create({ email: "alan@example.net", name: "Alan Turing" });
    expect(await codeOf(owner.customers.create({ email: "ADA@example.net", name: "Dup" }))).toBe(
      "CONFLICT",
    );
    expect(
      (await owner.customers.list({ perPage: 25, q: "engines" })).data.map((c) => c.name),
    ).toEqual(["Ada Lovelace"]);
    const first = await owner.customers.list({ perPage: 1 });
    const second = await owner.customers.list({
      perPage: 1,
      cursor: first.pagination.next_cursor ?? "",
    });
    expect([...first.data, ...second.data].map((c) => c.name).sort()).toEqual([
      "Ada Lovelace",
      "Alan Turing",
    ]);
    await owner.tickets.create({ subject: "Engine noise", body: "x", customerId: ada.id });
    expect((await owner.customers.get({ id: ada.id })).tickets.map((t) => t.subject)).toEqual([
      "Engine noise",
    ]);
  });
});

describe("audit", () => {
  test("every mutation writes an audit row with actor and action; only admins read it", async () => {
    const { owner, ownerId, join } = await desk();
    const member = await join("member");
    const ticket = await member.here.tickets.create({ subject: "Audited", body: "x" });
    await member.here.tickets.update({ id: ticket.id, priority: "urgent" });
    await owner.invitations.create({ email: "someone@example.net", role: "viewer" });
    const trail = await owner.audit.list();
    expect(trail.data.map((a) => a.action)).toEqual([
      "invitation.create",
      "ticket.update",
      "ticket.create",
      "tenant.create",
    ]);
    expect(trail.data[1]).toMatchObject({
      actorUserId: member.userId,
      targetType: "ticket",
      targetId: ticket.id,
    });
    expect(trail.data[3]?.actorUserId).toBe(ownerId);
    expect(await codeOf(member.here.audit.list())).toBe("FORBIDDEN");
  });

  test("a mutation that fails leaves no audit row (same transaction)", async () => {
    const { owner } = await desk();
    const before = (await owner.audit.list()).data.length;
    await owner.tickets
      .create({ subject: "x", body: "x", assigneeId: crypto.randomUUID() })
      .catch(() => {});
    expect((await owner.audit.list()).data.length).toBe(before);
  });
});

describe("API keys", () => {
  test("shown once, bound to its tenant and role, listed by prefix, revoked at once", async () => {
    const { owner, tenant, join } = await desk();
    const member = await join("member");
    expect(await codeOf(member.here.apiKeys.create({ name: "ci", role: "member" }))).toBe(
      "FORBIDDEN",
    );
    const created = await owner.apiKeys.create({ name: "Zapier", role: "viewer" });
    expect(created.key).toStartWith(`sdk_${created.prefix}_`);
    const listed = await owner.apiKeys.list();
    expect(JSON.stringify(listed)).not.toContain(created.key);
    const keyCaller = callerFor(deps, { authorization: `Bearer ${created.key}` });
    expect((await keyCaller.tenants.current()).id).toBe(tenant.id);
    expect(await codeOf(keyCaller.tickets.create({ subject: "x", body: "x" }))).toBe("FORBIDDEN");
    expect(await codeOf(keyCaller.auth.me())).toBe("FORBIDDEN");
    await owner.apiKeys.revoke({ id: created.id });
    expect(await codeOf(keyCaller.tickets.list())).toBe("UNAUTHORIZED");
  });
});

describe("pagination and updates, edge cases", () => {
  test("tickets created in the same millisecond are neither skipped nor repeated across pages", async () => {
    const { owner, tenant } = await desk();
    // One transaction: every row gets the same now().
    await deps.db.withTenant(tenant.id, async (tx) => {
      const { tickets } = await import("@supportdesk/database");
      await tx
        .insert(tickets)
        .values([1, 2, 3, 4, 5].map((n) => ({ number: 100 + n, subject: `Same ${n}` })));
    });
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await owner.tickets.list({ perPage: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.data.map((t) => t.number));
      cursor = page.pagination.next_cursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual([101, 102, 103, 104, 105]);
  });

  test("an update that changes nothing records no audit row and no event", async () => {
    const { owner, ownerId } = await desk();
    const ticket = await owner.tickets.create({ subject: "Same", body: "x", assigneeId: ownerId });
    const before = (await owner.audit.list()).data.length;
    await owner.tickets.update({ id: ticket.id, assigneeId: ownerId, status: "open", tags: [] });
    expect((await owner.audit.list()).data.length).toBe(before);
  });
});
