// The engine against the real database: rules run in order, each at most once per event; every
// action through the services; loops end at the depth limit, bursts at the per-ticket rate; a
// failed action rolls the rule back and is logged.
import { afterAll, describe, expect, test } from "bun:test";
import {
  and,
  eq,
  messages,
  notifications,
  outbox,
  tickets as ticketsTable,
} from "@supportdesk/database";
import * as customers from "../customers";
import { createField } from "../fields/definitions";
import { removeMember } from "../members";
import { createTeam } from "../teams-write";
import * as tickets from "../tickets";
import { MAX_DEPTH, RATE_PER_MINUTE } from "./engine";
import { runAutomationEvent } from "./event-run";
import { automationEvents, drain, openDesks, rule, runsOf, unique } from "./test-kit";
import type { WebhookDelivery, WebhookSender } from "./webhooks";

const { db, desk } = openDesks();
afterAll(() => db.close());

const recording = () => {
  const calls: WebhookDelivery[] = [];
  const sender: WebhookSender = {
    async deliver(delivery) {
      calls.push(delivery);
      return { status: "200 OK (test)" };
    },
  };
  return { calls, sender };
};

describe("running an event's rules", () => {
  test("in order (each sees the one before), each at most once per event, disabled ones never", async () => {
    const { owner, tenant } = await desk("Order Co");
    const tagger = await rule(owner, {
      name: "Tag everything",
      trigger: { type: "ticket.created" },
      actions: [{ type: "add_tags", tags: ["triaged"] }],
    });
    const escalate = await rule(owner, {
      name: "Escalate triaged",
      trigger: { type: "ticket.created" },
      conditions: { all: [{ field: "tags", op: "contains", value: "triaged" }], any: [] },
      actions: [{ type: "set_priority", value: "high" }],
    });
    const off = await rule(owner, {
      name: "Switched off",
      enabled: false,
      trigger: { type: "ticket.created" },
      actions: [{ type: "set_status", value: "closed" }],
    });
    const ticket = await owner.run((s) => tickets.createTicket(s, { subject: "Hi", body: "x" }));
    const [created] = await automationEvents(db, tenant.id);
    await drain(db, tenant.id);
    const after = await owner.run((s) => tickets.getTicket(s, { id: ticket.id }));
    expect(after).toMatchObject({ tags: ["triaged"], priority: "high", status: "open" });
    const runs = await runsOf(db, tenant.id);
    const eventId = (created?.payload as { eventId?: string } | undefined)?.eventId;
    const first = runs.filter((r) => r.eventKey === eventId);
    expect(first.map((r) => r.ruleId)).toEqual([tagger.id, escalate.id]);
    expect(runs.some((r) => r.ruleId === off.id)).toBe(false);

    // The same event delivered again runs nothing.
    const again = await runAutomationEvent(db, created?.payload);
    expect(again.outcomes.map((o) => o.status)).toEqual(["duplicate", "duplicate"]);
    expect((await runsOf(db, tenant.id)).length).toBe(runs.length);
  });

  test("every action does its work through the services; the run records each", async () => {
    const { owner, join, tenant } = await desk("Action Co");
    const agent = await join("member", "Ann Agent");
    const team = await owner.run((s) =>
      createTeam(s, { name: "Billing", memberIds: [String(agent.userId)] }),
    );
    const plan = await owner.run((s) =>
      createField(s, { label: "Plan", type: "select", options: ["Free", "Pro"] }),
    );
    const customer = await owner.run((s) =>
      customers.createCustomer(s, { email: `ada-${unique()}@example.com`, name: "Ada Lovelace" }),
    );
    const { calls, sender } = recording();
    const all = await rule(owner, {
      name: "Everything",
      trigger: { type: "ticket.created" },
      actions: [
        { type: "set_status", value: "pending" },
        { type: "set_priority", value: "urgent" },
        { type: "set_assignee", userId: String(agent.userId) },
        { type: "set_team", teamId: team.id },
        { type: "add_tags", tags: ["billing", "auto"] },
        { type: "remove_tags", tags: ["vip"] },
        { type: "set_field", fieldId: plan.id, value: "Pro" },
        { type: "add_note", body: "Seen for {{customer.name}}" },
        {
          type: "email_customer",
          subject: "About #{{ticket.number}}",
          body: "Hi {{customer.name}}, re {{ticket.subject}}",
        },
        { type: "notify", userIds: [String(agent.userId)], message: "Look at this" },
        { type: "webhook", url: "https://hooks.example.test/in" },
      ],
    });
    const ticket = await owner.run((s) =>
      tickets.createTicket(s, {
        subject: "Invoice",
        body: "wrong",
        customerId: customer.id,
        tags: ["vip"],
      }),
    );
    await drain(db, tenant.id, { webhooks: sender });
    const after = await owner.run((s) => tickets.getTicket(s, { id: ticket.id }));
    expect(after).toMatchObject({
      status: "pending",
      priority: "urgent",
      assigneeId: String(agent.userId),
      teamId: team.id,
      tags: ["billing", "auto"],
      customFields: { [plan.id]: "Pro" },
    });
    expect(after.messages.some((m) => m.isInternal && m.body === "Seen for Ada Lovelace")).toBe(
      true,
    );
    const [email] = await db.platform
      .select({ payload: outbox.payload })
      .from(outbox)
      .where(and(eq(outbox.tenantId, tenant.id), eq(outbox.jobName, "email.automation")));
    expect(email?.payload).toMatchObject({
      ticketId: ticket.id,
      ruleId: all.id,
      subject: `About #${ticket.number}`,
      body: "Hi Ada Lovelace, re Invoice",
    });
    const bell = await db.withTenant(tenant.id, (tx) =>
      tx.select().from(notifications).where(eq(notifications.type, "automation.notify")),
    );
    expect(bell).toHaveLength(1);
    expect(bell[0]).toMatchObject({
      userId: String(agent.userId),
      payload: { message: "Look at this" },
    });
    expect(calls).toEqual([
      expect.objectContaining({
        url: "https://hooks.example.test/in",
        ruleId: all.id,
        ticketId: ticket.id,
      }),
    ]);
    const [run] = await runsOf(db, tenant.id, all.id);
    expect(run?.matched).toBe(true);
    expect(run?.error).toBeNull();
    expect(
      ((run?.actions ?? []) as { description: string; result: string }[]).map((a) => a.description),
    ).toEqual([
      "Set status to pending",
      "Set priority to urgent",
      "Assign to Ann Agent",
      "Set team to Billing",
      "Add tags: billing, auto",
      "Remove tags: vip",
      "Set Plan to Pro",
      "Add an internal note: “Seen for {{customer.name}}”",
      "Email the customer: “About #{{ticket.number}}”",
      "Notify Ann Agent: “Look at this”",
      "Call the webhook https://hooks.example.test/in",
    ]);
    expect(((run?.actions ?? []) as { result: string }[]).at(-1)?.result).toBe("200 OK (test)");
  });
});

describe("what ends a chain", () => {
  test("two rules undoing each other stop at the depth limit, and the run says why", async () => {
    const { owner, tenant } = await desk("Loop Co");
    await rule(owner, {
      name: "Raise low",
      trigger: { type: "ticket.updated", fields: ["priority"] },
      conditions: { all: [{ field: "priority", op: "is", value: "low" }], any: [] },
      actions: [{ type: "set_priority", value: "high" }],
    });
    await rule(owner, {
      name: "Lower high",
      trigger: { type: "ticket.updated", fields: ["priority"] },
      conditions: { all: [{ field: "priority", op: "is", value: "high" }], any: [] },
      actions: [{ type: "set_priority", value: "low" }],
    });
    const ticket = await owner.run((s) => tickets.createTicket(s, { subject: "Loop", body: "x" }));
    await owner.run((s) => tickets.updateTicket(s, { id: ticket.id, priority: "low" }));
    await drain(db, tenant.id);
    const runs = await runsOf(db, tenant.id);
    expect(Math.max(...runs.map((r) => r.depth))).toBe(MAX_DEPTH);
    const stopped = runs.filter((r) => r.error);
    expect(stopped.length).toBeGreaterThan(0);
    for (const run of stopped) {
      expect(run.depth).toBe(MAX_DEPTH);
      expect(run.error).toMatch(
        /^stopped: this change was caused by rule "(Raise low|Lower high)", depth limit 3$/,
      );
      expect(run.actions).toEqual([]);
    }
    expect(runs.filter((r) => r.depth < MAX_DEPTH).every((r) => r.error === null)).toBe(true);
  });

  test("more runs acting on one ticket in a minute than the rate allows are stopped", async () => {
    const { owner, tenant } = await desk("Rate Co");
    await rule(owner, {
      name: "Note each change",
      trigger: { type: "ticket.updated", fields: ["priority"] },
      actions: [{ type: "add_note", body: "Priority changed" }],
    });
    const ticket = await owner.run((s) => tickets.createTicket(s, { subject: "Busy", body: "x" }));
    for (let i = 0; i <= RATE_PER_MINUTE; i++) {
      await owner.run((s) =>
        tickets.updateTicket(s, { id: ticket.id, priority: i % 2 ? "low" : "high" }),
      );
    }
    await drain(db, tenant.id);
    const runs = await runsOf(db, tenant.id);
    expect(runs.filter((r) => r.error === null && r.matched)).toHaveLength(RATE_PER_MINUTE);
    expect(runs.filter((r) => r.error?.includes("rate limit"))).toHaveLength(1);
    const notes = await db.withTenant(tenant.id, (tx) =>
      tx
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.ticketId, ticket.id), eq(messages.isInternal, true))),
    );
    expect(notes).toHaveLength(RATE_PER_MINUTE);
  });

  test("a failing action rolls back the rule's changes and the run keeps the error", async () => {
    const { owner, join, tenant } = await desk("Failure Co");
    const agent = await join("member", "Gone Soon");
    const failing = await rule(owner, {
      name: "Tag then assign",
      trigger: { type: "ticket.created" },
      actions: [
        { type: "add_tags", tags: ["touched"] },
        { type: "set_assignee", userId: String(agent.userId) },
      ],
    });
    await owner.run((s) => removeMember(s, { userId: String(agent.userId) }));
    const ticket = await owner.run((s) => tickets.createTicket(s, { subject: "Fail", body: "x" }));
    const outcomes = await drain(db, tenant.id);
    expect(outcomes).toEqual([expect.objectContaining({ ruleId: failing.id, status: "failed" })]);
    const [row] = await db.withTenant(tenant.id, (tx) =>
      tx
        .select({ tags: ticketsTable.tags })
        .from(ticketsTable)
        .where(eq(ticketsTable.id, ticket.id)),
    );
    expect(row?.tags).toEqual([]);
    const [run] = await runsOf(db, tenant.id, failing.id);
    expect(run).toMatchObject({ matched: true, actions: [] });
    expect(run?.error).toContain("actions.1 (Assign to Gone Soon) failed");
    expect(run?.error).toContain("assigneeId must be a member");
  });
});
