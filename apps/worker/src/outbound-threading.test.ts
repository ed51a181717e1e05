// The customer's emails keep their thread: the acknowledgement of an emailed ticket and an agent's
// reply, sent by the worker's real handlers, carry our Message-ID (recorded on the ticket),
// In-Reply-To and References naming the conversation, the ticket's Reply-To address and Outlook's
// Thread-Index; an internal note emails nobody; a job run twice sends the same Message-ID.
import { afterAll, describe, expect, test } from "bun:test";
import { emailMessageIds, eq } from "@supportdesk/database";
import type { CapturedMessage } from "@supportdesk/email/capture";
import { INBOUND_DOMAIN } from "./inbound-kit";
import { idsIn, newAddress, newMessageId, startDesk } from "./inbound-test-helpers";

const desk = await startDesk();
afterAll(() => desk.close());
const acme = await desk.tenant("Outbound Co");

// The conversation: the customer writes (c1), we acknowledge (ack), the customer answers the
// acknowledgement (c2), an agent replies (reply).
const customer = newAddress("olive");
const first = await acme.open(customer, "Parcel lost");
const ackJob = (await acme.jobs("email.ticket-created", first.ticketId))[0];
const ack = await desk.send(ackJob);
const c2 = newMessageId("second");
await acme.deliver({
  from: customer,
  to: acme.address,
  subject: `Re: ${ack.subject}`,
  text: "Any news?",
  messageId: c2,
  inReplyTo: ack.messageId,
  references: [`<${first.messageId}>`, ack.messageId],
});
const agentMessage = await acme.here.tickets.addMessage({
  ticketId: first.ticketId,
  body: "It is on its way.",
  internal: false,
});
const replyJob = (await acme.jobs("email.ticket-reply", first.ticketId)).at(-1);
const reply = await desk.send(replyJob);

const c1Id = first.messageId;
const c2Id = c2.slice(1, -1);
const ackId = `${ackJob?.id}@${INBOUND_DOMAIN}`;
const replyId = `${replyJob?.id}@${INBOUND_DOMAIN}`;

const recorded = (messageId: string) =>
  desk.deps.db.withTenant(acme.tenantId, (tx) =>
    tx
      .select({
        ticketId: emailMessageIds.ticketId,
        ticketMessageId: emailMessageIds.ticketMessageId,
        direction: emailMessageIds.direction,
      })
      .from(emailMessageIds)
      .where(eq(emailMessageIds.messageId, messageId)),
  );

const threadIndexOf = (mail: CapturedMessage) =>
  Buffer.from(mail.headers["thread-index"] ?? "", "base64");

describe("the acknowledgement and the agent's reply", () => {
  test("each has a Message-ID on our inbound domain, recorded on the ticket as outbound", async () => {
    expect(ack.messageId).toBe(`<${ackId}>`);
    expect(reply.messageId).toBe(`<${replyId}>`);
    expect(await recorded(ackId)).toEqual([
      { ticketId: first.ticketId, ticketMessageId: null, direction: "out" },
    ]);
    expect(await recorded(replyId)).toEqual([
      { ticketId: first.ticketId, ticketMessageId: agentMessage.id, direction: "out" },
    ]);
  });

  test("In-Reply-To names the customer's latest message", () => {
    expect(idsIn(ack.headers["in-reply-to"])).toEqual([c1Id]);
    expect(idsIn(reply.headers["in-reply-to"])).toEqual([c2Id]);
  });

  test("References lists the thread's Message-IDs, oldest first", () => {
    expect(idsIn(ack.headers.references)).toEqual([c1Id]);
    expect(idsIn(reply.headers.references)).toEqual([c1Id, ackId, c2Id]);
  });

  test("Reply-To is the ticket's own address, <slug>+<reply code>@ our inbound domain", async () => {
    const { code } = await acme.ticket(first.ticketId);
    expect(code).toMatch(/^[a-z0-9]{12}$/);
    const expected = `${acme.slug}+${code}@${INBOUND_DOMAIN}`;
    for (const mail of [ack, reply]) {
      expect(mail.headers["reply-to"]?.replace(/^<|>$/g, "")).toBe(expected);
    }
  });

  test("Thread-Index is 22 bytes for the ticket, plus 5 for each earlier email we sent", () => {
    const ackIndex = threadIndexOf(ack);
    const replyIndex = threadIndexOf(reply);
    expect(ackIndex.byteLength).toBe(22);
    expect(replyIndex.byteLength).toBe(27);
    // Same thread: the reply's header block is the acknowledgement's, the ticket's id its GUID.
    expect(replyIndex.subarray(0, 22).equals(ackIndex)).toBe(true);
    expect(ackIndex.subarray(6, 22).toString("hex")).toBe(first.ticketId.replace(/-/g, ""));
    expect(reply.headers["thread-topic"]).toBe("Parcel lost");
  });
});

describe("notes and repeats", () => {
  test("an internal note queues no email, and its id in a reply job sends nothing", async () => {
    const before = await acme.jobs("email.ticket-reply", first.ticketId);
    const note = await acme.here.tickets.addMessage({
      ticketId: first.ticketId,
      body: "SECRET: customer is difficult",
      internal: true,
    });
    expect(await acme.jobs("email.ticket-reply", first.ticketId)).toEqual(before);

    const forged = {
      id: crypto.randomUUID(),
      name: "email.ticket-reply",
      tenantId: acme.tenantId,
      payload: { tenantId: acme.tenantId, ticketId: first.ticketId, messageId: note.id },
    };
    expect(await desk.run(forged)).toEqual({ skipped: "message gone or internal" });
    expect(await recorded(`${forged.id}@${INBOUND_DOMAIN}`)).toEqual([]);
    const sent = await desk.capture.messages();
    expect(sent.some((m) => m.text.includes("SECRET"))).toBe(false);
  });

  test("running the same reply job again sends the same Message-ID, recorded once", async () => {
    if (!replyJob) throw new Error("no reply job");
    await desk.run(replyJob, 2);
    const deadline = Date.now() + 10_000;
    let copies = (await desk.capture.messages()).filter((m) => m.messageId === `<${replyId}>`);
    while (copies.length < 2 && Date.now() < deadline) {
      await Bun.sleep(50);
      copies = (await desk.capture.messages()).filter((m) => m.messageId === `<${replyId}>`);
    }
    expect(copies.length).toBe(2);
    expect(copies[1]?.headers["in-reply-to"]).toBe(copies[0]?.headers["in-reply-to"]);
    expect(copies[1]?.headers.references).toBe(copies[0]?.headers.references);
    expect(copies[1]?.headers["thread-index"]).toBe(copies[0]?.headers["thread-index"]);
    expect((await recorded(replyId)).length).toBe(1);
  });
});
