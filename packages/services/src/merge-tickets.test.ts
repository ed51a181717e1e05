// Merging tickets against the real database (app role): what moves, what the source becomes,
// numbering, links, and the customer told once (refusals: merge-tickets-refusals.test.ts).
import { afterAll, describe, expect, test } from "bun:test";
import {
  attachments,
  emailMessageIds,
  eq,
  inArray,
  messages,
  tickets,
} from "@supportdesk/database";
import { findThread } from "./email/thread";
import { mergeTickets } from "./merge";
import { mergeKit } from "./merge-test-kit";
import { mintTicketLink, ticketOfLink } from "./ticket-links";
import * as ticketService from "./tickets";

const { desk, close } = mergeKit();
afterAll(close);

const at = (minutes: number) => new Date(Date.UTC(2020, 0, 1, 9, minutes));

describe("merging a ticket into another", () => {
  test("the source's messages, files, CCs, email ids and tags move into the target's thread in time order; the source closes pointing there", async () => {
    const d = await desk();
    const pat = await d.customer("Pat");
    const target = await d.ticket("Printer jams", pat.id);
    const source = await d.ticket("Printer still jams", pat.id);
    await d.run(async (s) => {
      await s.tx
        .update(messages)
        .set({ createdAt: at(1) })
        .where(eq(messages.ticketId, target.id));
      await s.tx
        .update(messages)
        .set({ createdAt: at(0) })
        .where(eq(messages.ticketId, source.id));
      // Interleaved times: the target's thread must read in time order afterwards.
      for (const [ticketId, body, minute] of [
        [target.id, "T: second", 2],
        [source.id, "S: third", 3],
        [target.id, "T: fourth", 4],
        [source.id, "S: fifth", 5],
      ] as const) {
        await s.tx
          .insert(messages)
          .values({ ticketId, authorType: "agent", body, createdAt: at(minute) });
      }
      const [fifth] = await s.tx
        .select({ id: messages.id })
        .from(messages)
        .where(eq(messages.body, "S: fifth"));
      await s.tx.insert(attachments).values({
        ticketId: source.id,
        messageId: fifth?.id,
        filename: "jam.png",
        contentType: "image/png",
        size: 3,
        storageKey: `merge-test/${crypto.randomUUID()}`,
      });
      await s.tx.insert(emailMessageIds).values({
        messageId: `${crypto.randomUUID()}@mail.test`,
        ticketId: source.id,
        direction: "out",
      });
      await s.tx
        .update(tickets)
        .set({ tags: ["printer", "vip"] })
        .where(eq(tickets.id, source.id));
      await s.tx
        .update(tickets)
        .set({ tags: ["printer", "hardware"] })
        .where(eq(tickets.id, target.id));
      await ticketService.updateCcs(s, {
        ticketId: source.id,
        ccs: [{ email: "Ann@example.net", name: "Ann" }, { email: "both@example.net" }],
      });
      await ticketService.updateCcs(s, {
        ticketId: target.id,
        ccs: [{ email: "both@example.net", name: "Both" }, { email: "bob@example.net" }],
      });
    });

    const result = await d.run((s) =>
      mergeTickets(s, { sourceId: source.id, targetId: target.id }),
    );
    expect(result.moved).toEqual({ messages: 3, attachments: 1, ccs: 1 });
    expect(result.customerTold).toBe(false);

    const merged = await d.get(target.id);
    expect(merged.messages.map((m) => m.body)).toEqual([
      "Printer still jams: first",
      "Printer jams: first",
      "T: second",
      "S: third",
      "T: fourth",
      "S: fifth",
      `Merged #${source.number} into this ticket.`,
    ]);
    expect(merged.messages.at(-1)?.authorType).toBe("system");
    expect(merged.messages[5]?.attachments.map((f) => f.filename)).toEqual(["jam.png"]);
    expect(merged.ccs.map((c) => c.email).sort()).toEqual([
      "ann@example.net",
      "bob@example.net",
      "both@example.net",
    ]);
    expect(merged.tags).toEqual(["printer", "hardware", "vip"]);
    expect(merged.status).toBe("open");
    expect(merged.mergedIntoId).toBeNull();

    const closed = await d.get(source.id);
    expect(closed).toMatchObject({
      status: "closed",
      mergedIntoId: target.id,
      number: source.number,
    });
    expect(closed.messages.map((m) => [m.authorType, m.body])).toEqual([
      ["system", `Merged into #${target.number}. The conversation continues there.`],
    ]);
    expect(closed.ccs).toEqual([]);

    const ids = await d.run((s) =>
      s.tx.select({ ticketId: emailMessageIds.ticketId }).from(emailMessageIds),
    );
    expect(ids.map((r) => r.ticketId)).toEqual([target.id]);
  });

  test("audit rows on both tickets name the other; both get an updated event; the same customer is not emailed", async () => {
    const d = await desk();
    const pat = await d.customer("Pat");
    const target = await d.ticket("Original", pat.id);
    const source = await d.ticket("Duplicate", pat.id);
    await d.run((s) => mergeTickets(s, { sourceId: source.id, targetId: target.id }));
    expect(await d.audits("ticket.merge", source.id)).toEqual([
      {
        actorUserId: d.ownerId,
        metadata: { role: "source", targetId: target.id, targetNumber: target.number },
      },
    ]);
    const [onTarget] = await d.audits("ticket.merge", target.id);
    expect(onTarget?.metadata).toMatchObject({
      role: "target",
      sourceId: source.id,
      sourceNumber: source.number,
      moved: { messages: 1, attachments: 0, ccs: 0 },
      links: "repointed",
    });
    const events = (await d.jobs("ticket.event")).filter((e) => e.kind === "updated");
    expect(events.map((e) => e.ticketId)).toEqual([source.id, target.id]);
    expect(events[0]?.changes).toEqual({ status: "closed", mergedIntoId: target.id });
    expect(events[1]?.changes).toEqual({ mergedTicketId: source.id });
    expect(await d.jobs("email.ticket-reply")).toEqual([]);
  });

  test("the source keeps its number, the counter is untouched, and the next ticket takes the next number", async () => {
    const d = await desk();
    const first = await d.ticket("One");
    const second = await d.ticket("Two");
    await d.ticket("Three");
    await d.run((s) => mergeTickets(s, { sourceId: second.id, targetId: first.id }));
    expect((await d.get(second.id)).number).toBe(2);
    expect((await d.ticket("Four")).number).toBe(4);
  });

  test("the same customer's links to the source open the target from now on", async () => {
    const d = await desk();
    const pat = await d.customer("Pat");
    const target = await d.ticket("Original", pat.id);
    const source = await d.ticket("Duplicate", pat.id);
    const token = await d.run((s) => mintTicketLink(s.tx, source.id));
    await d.run((s) => mergeTickets(s, { sourceId: source.id, targetId: target.id }));
    expect(await d.run((s) => ticketOfLink(s.tx, token))).toBe(target.id);
  });

  test("mail that continues the source by its reply code or [#n] files into the target", async () => {
    const d = await desk();
    const pat = await d.customer("Pat");
    const target = await d.ticket("Original", pat.id);
    const source = await d.ticket("Duplicate", pat.id);
    const code = `c${source.id.replace(/-/g, "").slice(0, 12)}`;
    await d.run((s) =>
      s.tx.update(tickets).set({ replyCode: code }).where(eq(tickets.id, source.id)),
    );
    await d.run((s) => mergeTickets(s, { sourceId: source.id, targetId: target.id }));
    const reply = { inReplyTo: [], references: [], subject: `Re: [#${source.number}] Duplicate` };
    expect(await d.run((s) => findThread(s.tx, reply, code, "nobody@example.com"))).toEqual({
      ticketId: target.id,
      by: "reply-code",
    });
    expect(await d.run((s) => findThread(s.tx, reply, null, pat.email.toLowerCase()))).toEqual({
      ticketId: target.id,
      by: "subject",
    });
  });

  test("another customer's source: they are copied on the target, emailed once, and their old links stop working", async () => {
    const d = await desk();
    const pat = await d.customer("Pat");
    const sam = await d.customer("Sam");
    const target = await d.ticket("Outage", pat.id);
    const source = await d.ticket("Outage too", sam.id);
    const token = await d.run((s) => mintTicketLink(s.tx, source.id));
    const result = await d.run((s) =>
      mergeTickets(s, { sourceId: source.id, targetId: target.id }),
    );
    expect(result.customerTold).toBe(true);
    expect(result.links).toBe("revoked");
    const merged = await d.get(target.id);
    expect(merged.customerId).toBe(pat.id);
    expect(merged.ccs).toEqual([{ email: sam.email.toLowerCase(), name: "Sam" }]);
    expect(await d.run((s) => ticketOfLink(s.tx, token))).toBeUndefined();
    const line = (await d.get(source.id)).messages.at(-1);
    expect(line?.body).toBe(`Merged into #${target.number}. The conversation continues there.`);
    expect(line?.isInternal).toBe(false);
    expect(await d.jobs("email.ticket-reply")).toEqual([
      { tenantId: d.tenant.id, ticketId: source.id, messageId: line?.id },
    ]);
  });

  test("a target without a customer takes the source's; nobody is emailed", async () => {
    const d = await desk();
    const pat = await d.customer("Pat");
    const target = await d.ticket("Agent's note");
    const source = await d.ticket("Pat writes", pat.id);
    const result = await d.run((s) =>
      mergeTickets(s, { sourceId: source.id, targetId: target.id }),
    );
    expect(result.target.customerId).toBe(pat.id);
    expect(result.customerTold).toBe(false);
    expect((await d.get(target.id)).ccs).toEqual([]);
  });

  test("the target keeps its status unless the source holds a newer customer message, which opens it", async () => {
    const d = await desk();
    const pat = await d.customer("Pat");
    const answered = await d.ticket("Answered", pat.id);
    const older = await d.ticket("Older question", pat.id);
    const resolved = await d.ticket("Resolved", pat.id);
    const newer = await d.ticket("New question", pat.id);
    await d.run(async (s) => {
      // Every opening message long ago; then the customer, an answer, a fix, the customer again.
      await s.tx
        .update(messages)
        .set({ createdAt: at(0) })
        .where(inArray(messages.ticketId, [answered.id, older.id, resolved.id, newer.id]));
      await s.tx.insert(messages).values({
        ticketId: older.id,
        authorType: "customer",
        authorCustomerId: pat.id,
        body: "Answered already",
        createdAt: at(1),
      });
      await s.tx
        .insert(messages)
        .values({ ticketId: answered.id, authorType: "agent", body: "Done", createdAt: at(2) });
      await s.tx
        .insert(messages)
        .values({ ticketId: resolved.id, authorType: "agent", body: "Fixed", createdAt: at(3) });
      await s.tx.insert(messages).values({
        ticketId: newer.id,
        authorType: "customer",
        authorCustomerId: pat.id,
        body: "Broken again",
        createdAt: at(4),
      });
      await ticketService.updateTicket(s, { id: answered.id, status: "pending" });
      await ticketService.updateTicket(s, { id: resolved.id, status: "resolved" });
    });
    const kept = await d.run((s) => mergeTickets(s, { sourceId: older.id, targetId: answered.id }));
    expect(kept.target.status).toBe("pending");
    const opened = await d.run((s) =>
      mergeTickets(s, { sourceId: newer.id, targetId: resolved.id }),
    );
    expect(opened.target.status).toBe("open");
    expect((await d.get(resolved.id)).messages.at(-1)?.body).toBe(
      `Status changed from resolved to open (merged #${newer.number} had a newer message from the customer).`,
    );
  });

  test("a ticket merged into one that is merged later points at the final target", async () => {
    const d = await desk();
    const a = await d.ticket("A");
    const b = await d.ticket("B");
    const c = await d.ticket("C");
    await d.run((s) => mergeTickets(s, { sourceId: a.id, targetId: b.id }));
    await d.run((s) => mergeTickets(s, { sourceId: b.id, targetId: c.id }));
    expect((await d.get(a.id)).mergedIntoId).toBe(c.id);
  });
});
