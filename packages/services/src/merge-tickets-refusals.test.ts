// Merging tickets that must not merge, against the real database (app role): itself, unknown,
// already merged, without the permission, two merges of one pair at once, and another tenant's;
// and what a merged ticket refuses afterwards.
import { afterAll, describe, expect, test } from "bun:test";
import { mergeTickets } from "./merge";
import { mergeKit, outcome } from "./merge-test-kit";
import * as tickets from "./tickets";

const { desk, close } = mergeKit();
afterAll(close);

describe("refusals change nothing", () => {
  test("itself, unknown, already merged, into a merged ticket, and without ticket.merge", async () => {
    const d = await desk();
    const a = await d.ticket("A");
    const b = await d.ticket("B");
    const c = await d.ticket("C");
    const merge = (sourceId: string, targetId: string) =>
      outcome(d.run((s) => mergeTickets(s, { sourceId, targetId })));
    expect(await merge(a.id, a.id)).toMatchObject({ code: "BAD_REQUEST", field: "targetId" });
    expect(await merge(a.id, crypto.randomUUID())).toMatchObject({ code: "NOT_FOUND" });
    expect(await merge(crypto.randomUUID(), a.id)).toMatchObject({ code: "NOT_FOUND" });
    const viewer = await d.join("viewer");
    expect(
      await outcome(viewer((s) => mergeTickets(s, { sourceId: a.id, targetId: b.id }))),
    ).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("ticket.merge") });
    expect((await d.get(a.id)).messages).toHaveLength(1);

    await d.run((s) => mergeTickets(s, { sourceId: b.id, targetId: c.id }));
    expect(await merge(b.id, a.id)).toMatchObject({ code: "CONFLICT", field: "sourceId" });
    expect(await merge(a.id, b.id)).toMatchObject({
      code: "BAD_REQUEST",
      field: "targetId",
      message: `targetId: ticket #${b.number} was merged into #${c.number}; merge into #${c.number} instead.`,
    });
    expect(await d.get(a.id)).toMatchObject({ status: "open", mergedIntoId: null });
    expect((await d.get(a.id)).messages).toHaveLength(1);
  });

  test("a merged ticket takes no reply and no change: CONFLICT naming where it continues", async () => {
    const d = await desk();
    const target = await d.ticket("Target");
    const source = await d.ticket("Source");
    await d.run((s) => mergeTickets(s, { sourceId: source.id, targetId: target.id }));
    const reply = await outcome(
      d.run((s) => tickets.addMessage(s, { ticketId: source.id, body: "late", internal: false })),
    );
    expect(reply).toMatchObject({ code: "CONFLICT" });
    expect(reply.message).toContain(`#${target.number}`);
    expect(
      await outcome(d.run((s) => tickets.updateTicket(s, { id: source.id, status: "open" }))),
    ).toMatchObject({ code: "CONFLICT" });
  });

  test("merging A into B and B into A at once: exactly one wins", async () => {
    const d = await desk();
    for (let round = 0; round < 5; round++) {
      const a = await d.ticket(`A${round}`);
      const b = await d.ticket(`B${round}`);
      const results = await Promise.all([
        outcome(d.run((s) => mergeTickets(s, { sourceId: a.id, targetId: b.id }))),
        outcome(d.run((s) => mergeTickets(s, { sourceId: b.id, targetId: a.id }))),
      ]);
      expect(results.filter((r) => r.code === "ok")).toHaveLength(1);
      expect(results.filter((r) => r.code !== "ok").map((r) => r.code)).toEqual([
        expect.stringMatching(/^(BAD_REQUEST|CONFLICT)$/),
      ]);
      const pointers = [(await d.get(a.id)).mergedIntoId, (await d.get(b.id)).mergedIntoId];
      expect(pointers.filter((p) => p !== null)).toHaveLength(1);
    }
  });

  test("never across tenants: another tenant's ticket is NOT_FOUND either way, and neither tenant changes", async () => {
    const mine = await desk("Mine");
    const theirs = await desk("Theirs");
    const ours = await mine.ticket("Ours");
    const foreign = await theirs.ticket("Foreign");
    for (const input of [
      { sourceId: ours.id, targetId: foreign.id },
      { sourceId: foreign.id, targetId: ours.id },
    ]) {
      expect(await outcome(mine.run((s) => mergeTickets(s, input)))).toMatchObject({
        code: "NOT_FOUND",
        message: "Ticket not found.",
      });
    }
    for (const [d, ticket] of [
      [mine, ours],
      [theirs, foreign],
    ] as const) {
      const now = await d.get(ticket.id);
      expect(now).toMatchObject({ status: "open", mergedIntoId: null });
      expect(now.messages.map((m) => m.body)).toEqual([`${ticket.subject}: first`]);
      expect(await d.audits("ticket.merge", ticket.id)).toEqual([]);
    }
  });
});
