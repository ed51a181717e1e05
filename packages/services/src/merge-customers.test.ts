// Merging customers against the real database (app role): tickets and messages move, one customer
// remains, refusals change nothing, and never across tenants.
import { afterAll, describe, expect, test } from "bun:test";
import { customers as customersTable, eq, messages } from "@supportdesk/database";
import * as customers from "./customers";
import { mergeCustomers } from "./merge";
import { mergeKit, outcome } from "./merge-test-kit";

const { desk, close } = mergeKit();
afterAll(close);

describe("merging a customer into another", () => {
  test("the source's tickets and messages move to the target, which keeps its name and email; the source is gone", async () => {
    const d = await desk();
    const kept = await d.customer("Pat");
    const duplicate = await d.run((s) =>
      customers.createCustomer(s, {
        email: `pat.work-${crypto.randomUUID().slice(0, 8)}@example.net`,
        name: "Patricia",
        company: "Acme",
      }),
    );
    const old = await d.ticket("Old question", kept.id);
    const first = await d.ticket("Work question", duplicate.id);
    const second = await d.ticket("Another", duplicate.id);
    await d.run((s) =>
      s.tx.insert(messages).values({
        ticketId: old.id,
        authorType: "customer",
        authorCustomerId: duplicate.id,
        body: "Written from the work address",
      }),
    );

    const result = await d.run((s) =>
      mergeCustomers(s, { sourceId: duplicate.id, targetId: kept.id }),
    );
    expect(result).toMatchObject({
      id: kept.id,
      email: kept.email,
      name: "Pat",
      company: "Acme",
      moved: { tickets: 2, messages: 1 },
    });

    const now = await d.run((s) => customers.getCustomer(s, { id: kept.id }));
    expect(now.tickets.map((t) => t.id).sort()).toEqual([old.id, first.id, second.id].sort());
    expect((await d.get(first.id)).customerId).toBe(kept.id);
    const written = (await d.get(old.id)).messages.find(
      (m) => m.body === "Written from the work address",
    );
    expect(written?.authorName).toBe("Pat");
    expect(
      await outcome(d.run((s) => customers.getCustomer(s, { id: duplicate.id }))),
    ).toMatchObject({ code: "NOT_FOUND" });
    const remaining = await d.run((s) => s.tx.select().from(customersTable));
    expect(remaining.map((c) => c.id)).toEqual([kept.id]);

    expect(await d.audits("customer.merge", kept.id)).toEqual([
      {
        actorUserId: d.ownerId,
        metadata: {
          sourceId: duplicate.id,
          sourceEmail: duplicate.email,
          sourceName: "Patricia",
          moved: { tickets: 2, messages: 1 },
        },
      },
    ]);
  });

  test("mail from the source's address later finds no customer by it and makes a new one", async () => {
    const d = await desk();
    const kept = await d.customer("Pat");
    const duplicate = await d.customer("Patricia");
    await d.run((s) => mergeCustomers(s, { sourceId: duplicate.id, targetId: kept.id }));
    const again = await d.run((s) => customers.customerByEmail(s.tx, duplicate.email, "Patricia"));
    expect(again).not.toBe(kept.id);
    expect(again).not.toBe(duplicate.id);
  });
});

describe("refusals change nothing", () => {
  test("itself, unknown, and without customer.merge", async () => {
    const d = await desk();
    const a = await d.customer("Ann");
    const b = await d.customer("Bob");
    const ticket = await d.ticket("Ann's", a.id);
    const merge = (sourceId: string, targetId: string) =>
      outcome(d.run((s) => mergeCustomers(s, { sourceId, targetId })));
    expect(await merge(a.id, a.id)).toMatchObject({ code: "BAD_REQUEST", field: "targetId" });
    expect(await merge(a.id, crypto.randomUUID())).toMatchObject({ code: "NOT_FOUND" });
    expect(await merge(crypto.randomUUID(), b.id)).toMatchObject({ code: "NOT_FOUND" });
    const member = await d.join("member");
    expect(
      await outcome(member((s) => mergeCustomers(s, { sourceId: a.id, targetId: b.id }))),
    ).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("customer.merge") });
    expect((await d.get(ticket.id)).customerId).toBe(a.id);
    const rows = await d.run((s) =>
      s.tx
        .select({ id: customersTable.id })
        .from(customersTable)
        .where(eq(customersTable.id, a.id)),
    );
    expect(rows).toHaveLength(1);
  });

  test("never across tenants: another tenant's customer is NOT_FOUND either way, and neither tenant changes", async () => {
    const mine = await desk("Mine");
    const theirs = await desk("Theirs");
    const ours = await mine.customer("Ours");
    const foreign = await theirs.customer("Foreign");
    const ourTicket = await mine.ticket("Ours", ours.id);
    const theirTicket = await theirs.ticket("Theirs", foreign.id);
    for (const input of [
      { sourceId: ours.id, targetId: foreign.id },
      { sourceId: foreign.id, targetId: ours.id },
    ]) {
      expect(await outcome(mine.run((s) => mergeCustomers(s, input)))).toMatchObject({
        code: "NOT_FOUND",
        message: "Customer not found.",
      });
    }
    expect((await mine.get(ourTicket.id)).customerId).toBe(ours.id);
    expect((await theirs.get(theirTicket.id)).customerId).toBe(foreign.id);
    expect((await mine.run((s) => customers.getCustomer(s, { id: ours.id }))).tickets).toHaveLength(
      1,
    );
    expect(
      (await theirs.run((s) => customers.getCustomer(s, { id: foreign.id }))).tickets,
    ).toHaveLength(1);
    expect(await mine.audits("customer.merge", ours.id)).toEqual([]);
  });
});
