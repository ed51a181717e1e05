// Applying a canned reply to a ticket against the real database: the body rendered for that
// ticket and agent without changing it, and with applyActions the ticket's changes (audited).
import { afterAll, describe, expect, test } from "bun:test";
import { and, auditLog, eq } from "@supportdesk/database";
import * as customers from "../customers";
import * as tickets from "../tickets";
import { applyMacro } from "./apply";
import { create, failure, list, openDesks, unique } from "./test-desk";

const { db, desk } = openDesks();
afterAll(() => db.close());

describe("applying to a ticket", () => {
  test("renders the body for the ticket and the agent, changing nothing", async () => {
    const { owner, join } = await desk("Render Co");
    const agent = await join("member", "Sam Agent");
    const customer = await owner.run((s) =>
      customers.createCustomer(s, { email: `ada-${unique()}@example.com`, name: "Ada Lovelace" }),
    );
    const ticket = await owner.run((s) =>
      tickets.createTicket(s, { subject: "Printer", body: "On fire", customerId: customer.id }),
    );
    const macro = await create(owner, {
      name: "Hello",
      shared: true,
      body: "Hi {{ customer.firstName }} ({{customer.email}}), re #{{ticket.number}} {{ticket.subject}}. {{agent.firstName}} / {{agent.name}} at {{tenant.name}} {{ticket.colour}}",
      actions: { status: "resolved", addTags: ["billing"] },
    });
    const preview = await agent.run((s) =>
      applyMacro(s, { macroId: macro.id, ticketId: ticket.id }),
    );
    expect(preview).toMatchObject({
      name: "Hello",
      shared: true,
      applied: false,
      ticket: null,
      actions: { status: "resolved", addTags: ["billing"] },
      body: `Hi Ada (${customer.email}), re #${ticket.number} Printer. Sam / Sam Agent at Render Co {{ticket.colour}}`,
    });
    const after = await owner.run((s) => tickets.getTicket(s, { id: ticket.id }));
    expect(after).toMatchObject({ status: "open", tags: [] });
    expect((await list(agent))[0]?.usageCount).toBe(0);
    // A ticket without a customer: the customer's placeholders become empty.
    const bare = await owner.run((s) => tickets.createTicket(s, { subject: "No one", body: "x" }));
    const empty = await agent.run((s) => applyMacro(s, { macroId: macro.id, ticketId: bare.id }));
    expect(empty.body.startsWith("Hi  (), re #")).toBe(true);
    expect(
      (
        await failure(
          agent.run((s) => applyMacro(s, { macroId: macro.id, ticketId: crypto.randomUUID() })),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });

  test("with applyActions, its actions change the ticket (audited) and its use is counted", async () => {
    const { owner, join, tenant } = await desk("Apply Co");
    const agent = await join("member", "Sam Agent");
    const ticket = await owner.run((s) =>
      tickets.createTicket(s, { subject: "Refund", body: "please", tags: ["vip"] }),
    );
    const macro = await create(agent, {
      name: "Refund done",
      body: "Refunded.",
      actions: { status: "resolved", priority: "low", addTags: ["billing", "vip"], assignee: "me" },
    });
    const applied = await agent.run((s) =>
      applyMacro(s, { macroId: macro.id, ticketId: ticket.id, applyActions: true }),
    );
    expect(applied).toMatchObject({ applied: true, body: "Refunded." });
    expect(applied.ticket).toMatchObject({
      status: "resolved",
      priority: "low",
      tags: ["vip", "billing"],
      assigneeId: agent.userId,
    });
    expect((await list(agent))[0]?.usageCount).toBe(1);
    const trail = await db.withTenant(tenant.id, (tx) =>
      tx
        .select({ action: auditLog.action, metadata: auditLog.metadata })
        .from(auditLog)
        .where(and(eq(auditLog.actorUserId, agent.userId ?? ""))),
    );
    expect(trail.map((row) => row.action).sort()).toEqual([
      "macro.apply",
      "macro.create",
      "ticket.update",
    ]);
  });

  test("the actions need the ticket's own permissions; an unassigned macro unassigns", async () => {
    const { owner, join, custom } = await desk("Perm Co");
    const agent = await join("member", "Sam Agent");
    const replier = custom(agent.userId ?? "", ["ticket.reply"]);
    const ticket = await owner.run((s) =>
      tickets.createTicket(s, { subject: "Hi", body: "x", assigneeId: agent.userId ?? undefined }),
    );
    const close = await create(owner, {
      name: "Close",
      body: "Bye",
      shared: true,
      actions: { status: "closed" },
    });
    const unassign = await create(owner, {
      name: "Hand back",
      body: "",
      shared: true,
      actions: { assignee: null },
    });
    // Previewing needs only ticket.reply; applying a status change needs ticket.update.
    expect(
      (await replier.run((s) => applyMacro(s, { macroId: close.id, ticketId: ticket.id }))).body,
    ).toBe("Bye");
    const refused = await failure(
      replier.run((s) =>
        applyMacro(s, { macroId: close.id, ticketId: ticket.id, applyActions: true }),
      ),
    );
    expect(refused.code).toBe("FORBIDDEN");
    expect(refused.message).toContain("ticket.update");
    const handed = await agent.run((s) =>
      applyMacro(s, { macroId: unassign.id, ticketId: ticket.id, applyActions: true }),
    );
    expect(handed.ticket).toMatchObject({ assigneeId: null, status: "open" });
    // A viewer (no ticket.reply) cannot use canned replies at all.
    const viewer = await join("viewer", "Vi Viewer");
    expect((await failure(list(viewer))).message).toContain("ticket.reply");
  });
});
