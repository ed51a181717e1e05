// Mail that is not a person writing in: auto-replies, lists and mailer-daemons never open a ticket
// nor get an acknowledgement; our own mail coming back is ignored; a bounce is recorded on the
// customer and the ticket; a message that cannot be read is quarantined, never lost. A person's
// new ticket is acknowledged unless the tenant turned that off.
import { afterAll, describe, expect, test } from "bun:test";
import { eq, sql, tenants } from "@supportdesk/database";
import { email } from "@supportdesk/services";
import { INBOUND_DOMAIN } from "./inbound-kit";
import { idsIn, newAddress, newMessageId, startDesk } from "./inbound-test-helpers";

const desk = await startDesk();
afterAll(() => desk.close());
const acme = await desk.tenant("Noise Co");
const acks = async () => (await acme.jobs("email.ticket-created")).length;

/** A ticket opened by `customer`, and the agent reply the worker emailed them. */
async function ticketWithReply(customer: string, subject: string) {
  const first = await acme.open(customer, subject);
  await acme.here.tickets.addMessage({
    ticketId: first.ticketId,
    body: "Answer.",
    internal: false,
  });
  const ours = await desk.send((await acme.jobs("email.ticket-reply", first.ticketId))[0]);
  return { ...first, ours: ours.messageId };
}

/** A delivery status notification (RFC 3464) saying `failed` does not exist. */
function bounceOf(
  failed: string,
  original: string,
  part: "message/rfc822" | "text/rfc822-headers",
) {
  const lines = [
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.com>",
    `To: ${acme.address}`,
    "Subject: Undelivered Mail Returned to Sender",
    `Message-ID: ${newMessageId("dsn")}`,
    "Auto-Submitted: auto-replied",
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B0UND"',
    "",
    "--B0UND",
    "Content-Type: text/plain; charset=us-ascii",
    "",
    "I'm sorry to have to inform you that your message could not be delivered.",
    "",
    "--B0UND",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.example.com",
    "",
    `Final-Recipient: rfc822; ${failed}`,
    `Original-Recipient: rfc822;${failed}`,
    "Action: failed",
    "Status: 5.1.1",
    `Diagnostic-Code: smtp; 550 5.1.1 <${failed}>: Recipient address rejected: User unknown`,
    "",
    "--B0UND",
    `Content-Type: ${part}`,
    "",
    "From: Noise Co <no-reply@supportdesk.test>",
    `To: ${failed}`,
    "Subject: Re: [#1] Help",
    `Message-ID: ${original}`,
    "",
    ...(part === "message/rfc822" ? ["Answer.", ""] : []),
    "--B0UND--",
    "",
  ];
  return lines.join("\r\n");
}

/** Sends raw bytes as a mailer-daemon would (empty envelope sender) and files them. */
const deliverRaw = (raw: string) =>
  acme.deliver({ envelope: { from: "", to: [acme.address] }, raw });

describe("machine mail", () => {
  test("an auto-reply to the tenant's address opens no ticket and is not acknowledged", async () => {
    const before = { tickets: (await acme.tickets()).length, acks: await acks() };
    const outcome = await acme.deliver({
      from: newAddress("away"),
      to: acme.address,
      subject: "Out of office",
      text: "I am away until Monday.",
      messageId: newMessageId(),
      headers: { "Auto-Submitted": "auto-replied" },
    });
    expect(outcome.status).toBe("ignored");
    const [row] = (await acme.inbound()).slice(-1);
    expect(row).toMatchObject({ status: "ignored", ticketId: null });
    expect(row?.reason).toContain("Auto-Submitted: auto-replied");
    expect((await acme.tickets()).length).toBe(before.tickets);
    expect(await acks()).toBe(before.acks);
  });

  test("an auto-reply that threads into a ticket is added to it, with no acknowledgement", async () => {
    const customer = newAddress("holiday");
    const ticket = await ticketWithReply(customer, "Delivery date");
    const before = { tickets: (await acme.tickets()).length, acks: await acks() };
    const outcome = await acme.deliver({
      from: customer,
      to: acme.address,
      subject: "Automatic reply: Re: Delivery date",
      text: "I am on holiday.",
      messageId: newMessageId(),
      inReplyTo: ticket.ours,
      headers: { "Auto-Submitted": "auto-replied" },
    });
    expect(outcome).toEqual({ status: "processed", ticketId: ticket.ticketId });
    expect((await acme.thread(ticket.ticketId)).map((m) => m.body)).toContain("I am on holiday.");
    expect((await acme.tickets()).length).toBe(before.tickets);
    expect(await acks()).toBe(before.acks);
  });

  const machines = [
    { what: "Precedence: bulk", mail: { headers: { Precedence: "bulk" } } },
    { what: "X-Autoreply", mail: { headers: { "X-Autoreply": "yes" } } },
    { what: "a mailer-daemon sender", mail: { from: "MAILER-DAEMON@mx.example.com" } },
  ];
  for (const { what, mail } of machines) {
    test(`mail with ${what} is ignored`, async () => {
      const before = (await acme.tickets()).length;
      const outcome = await acme.deliver({
        from: newAddress("machine"),
        to: acme.address,
        subject: `Newsletter (${what})`,
        text: "Our news.",
        messageId: newMessageId(),
        ...mail,
      });
      expect(outcome.status).toBe("ignored");
      expect((await acme.tickets()).length).toBe(before);
    });
  }

  test("a message whose Message-ID is on our own inbound domain is ignored", async () => {
    const before = (await acme.tickets()).length;
    const outcome = await acme.deliver({
      from: newAddress("loop"),
      to: acme.address,
      subject: "Looping",
      text: "Round and round.",
      messageId: `<${crypto.randomUUID()}@${INBOUND_DOMAIN}>`,
    });
    expect(outcome.status).toBe("ignored");
    expect((await acme.inbound()).at(-1)?.reason).toBe("our own message came back");
    expect((await acme.tickets()).length).toBe(before);
  });
});

describe("bounces", () => {
  for (const part of ["message/rfc822", "text/rfc822-headers"] as const) {
    test(`a DSN returning our reply (${part}) marks the customer bouncing and notes the ticket`, async () => {
      const customer = newAddress("gone");
      const ticket = await ticketWithReply(customer, `Help ${part}`);
      const before = (await acme.tickets()).length;
      const outcome = await deliverRaw(bounceOf(customer, ticket.ours, part));
      expect(outcome.status).toBe("bounce");
      const marked = await acme.customer(customer);
      expect(marked?.bouncingAt).toBeInstanceOf(Date);
      expect(marked?.bounceReason).toContain("5.1.1");
      const last = (await acme.thread(ticket.ticketId)).at(-1);
      expect(last?.authorType).toBe("system");
      expect(last?.body).toContain(`Mail to ${customer} bounced`);
      expect((await acme.tickets()).length).toBe(before);
    });
  }

  test("after a bounce, the next reply still answers the customer's message, not the bounce", async () => {
    const customer = newAddress("after-bounce");
    const ticket = await ticketWithReply(customer, "Bounce then reply");
    const dsn = bounceOf(customer, ticket.ours, "message/rfc822");
    expect((await deliverRaw(dsn)).status).toBe("bounce");
    await acme.here.tickets.addMessage({
      ticketId: ticket.ticketId,
      body: "Again.",
      internal: false,
    });
    const next = await desk.send((await acme.jobs("email.ticket-reply", ticket.ticketId)).at(-1));
    expect(idsIn(next.headers["in-reply-to"])).toEqual([ticket.messageId]);
    const dsnId = /^Message-ID: <([^>]+)>/m.exec(dsn)?.[1] ?? "";
    expect(idsIn(next.headers.references)).not.toContain(dsnId);
  });

  test("the same bounce delivered twice leaves one line on the ticket", async () => {
    const customer = newAddress("twice-gone");
    const ticket = await ticketWithReply(customer, "Bounce twice");
    const dsn = bounceOf(customer, ticket.ours, "message/rfc822");
    await deliverRaw(dsn);
    const second = await deliverRaw(dsn);
    expect(second.status).toBe("duplicate");
    const lines = (await acme.thread(ticket.ticketId)).filter((m) => m.body.includes("bounced"));
    expect(lines.length).toBe(1);
  });
});

describe("unreadable mail", () => {
  test("bytes with no header block are quarantined with a reason, and kept in storage", async () => {
    const raw = "this is not an email at all\r\njust words and no headers\r\n";
    const outcome = await deliverRaw(raw);
    expect(outcome.status).toBe("quarantined");
    const row = (await acme.inbound()).at(-1);
    expect(row?.status).toBe("quarantined");
    expect(row?.reason).toContain("could not be read");
    const stored = await desk.receiver.storage.get(row?.storageKey ?? "");
    expect(new TextDecoder().decode(stored ?? new Uint8Array())).toBe(raw);
  });

  test("binary bytes recorded straight from a webhook are quarantined too", async () => {
    const raw = new Uint8Array(Array.from({ length: 512 }, (_, i) => (i * 31) % 256));
    const { id } = await email.recordInbound(
      { db: desk.deps.db, storage: desk.receiver.storage },
      { tenantId: acme.tenantId, envelopeFrom: "x@example.com", recipient: acme.address, raw },
    );
    expect(await desk.receiver.fileAll(acme.tenantId)).toEqual([{ status: "quarantined" }]);
    const [row] = await acme.inbound(id);
    expect(row).toMatchObject({ status: "quarantined", ticketId: null });
    expect(await desk.receiver.storage.get(row?.storageKey ?? "")).toEqual(raw);
  });
});

describe("acknowledgements", () => {
  const write = (from: string) =>
    acme.deliver({
      from,
      to: acme.address,
      subject: "A person writes",
      text: "Hello there.",
      messageId: newMessageId(),
    });

  test("a new ticket by email is acknowledged to its sender", async () => {
    const outcome = await write(newAddress("person"));
    expect((await acme.jobs("email.ticket-created", outcome.ticketId)).length).toBe(1);
  });

  test("no acknowledgement when the tenant turned autoAcknowledge off", async () => {
    const setAck = (on: boolean) =>
      desk.deps.db.platform
        .update(tenants)
        .set({
          settings: sql`${tenants.settings} || ${JSON.stringify({ email: { autoAcknowledge: on } })}::jsonb`,
        })
        .where(eq(tenants.id, acme.tenantId));
    await setAck(false);
    try {
      const outcome = await write(newAddress("quiet"));
      expect(outcome.status).toBe("processed");
      expect((await acme.jobs("email.ticket-created", outcome.ticketId)).length).toBe(0);
    } finally {
      await setAck(true);
    }
  });
});
