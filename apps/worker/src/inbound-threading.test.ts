// Inbound mail finds its ticket: by a Message-ID we sent, by the ticket's own Reply-To address, or
// by "[#n]" in the subject from someone on the ticket; anything else opens a new ticket. Filing is
// per tenant, idempotent by Message-ID, and keeps attachments byte for byte.
import { afterAll, describe, expect, test } from "bun:test";
import { attachments, eq } from "@supportdesk/database";
import { INBOUND_DOMAIN } from "./inbound-kit";
import { newAddress, newMessageId, startDesk } from "./inbound-test-helpers";

const desk = await startDesk();
afterAll(() => desk.close());
const acme = await desk.tenant("Threading Co");

/** An agent's public reply, emailed by the worker's handler; the email as the customer got it. */
async function agentReply(ticketId: string, body: string) {
  await acme.here.tickets.addMessage({ ticketId, body, internal: false });
  const jobs = await acme.jobs("email.ticket-reply", ticketId);
  return desk.send(jobs.at(-1));
}

describe("a reply finds its ticket", () => {
  test("by our reply's Message-ID in In-Reply-To, and the ticket reopens from pending", async () => {
    const ada = newAddress("ada");
    const first = await acme.open(ada, "Printer on fire");
    const ours = await agentReply(first.ticketId, "Have you tried water?");
    expect((await acme.ticket(first.ticketId)).status).toBe("pending");

    const outcome = await acme.deliver({
      from: ada,
      to: acme.address,
      subject: "Re: Printer on fire",
      text: "Water made it worse.",
      messageId: newMessageId(),
      inReplyTo: ours.messageId,
    });
    expect(outcome).toEqual({ status: "processed", ticketId: first.ticketId });
    expect((await acme.ticket(first.ticketId)).status).toBe("open");
    expect((await acme.thread(first.ticketId)).map((m) => m.body)).toEqual([
      "Printer on fire: please help.",
      "Have you tried water?",
      "Water made it worse.",
      "Status changed from pending to open (a reply arrived by email).",
    ]);
  });

  test("by the ticket's Reply-To address <slug>+<code>@ when threading headers are gone", async () => {
    const bo = newAddress("bo");
    const first = await acme.open(bo, "Invoice missing");
    const ours = await agentReply(first.ticketId, "Which month?");
    const { code } = await acme.ticket(first.ticketId);
    const replyTo = `${acme.slug}+${code}@${INBOUND_DOMAIN}`;
    expect(ours.headers["reply-to"]).toContain(replyTo);

    const outcome = await acme.deliver({
      from: bo,
      to: replyTo,
      subject: "March",
      text: "March, please.",
      messageId: newMessageId(),
    });
    expect(outcome).toEqual({ status: "processed", ticketId: first.ticketId });
    expect((await acme.tickets()).filter((t) => t.customer === bo).length).toBe(1);
  });

  test("by [#n] in the subject from the ticket's customer, with no headers and the plain address", async () => {
    const cy = newAddress("cy");
    const first = await acme.open(cy, "Login loop");
    const { number } = await acme.ticket(first.ticketId);
    const outcome = await acme.deliver({
      from: cy.toUpperCase(),
      to: acme.address,
      subject: `Re: [#${number}] Login loop`,
      text: "Still looping.",
      messageId: newMessageId(),
    });
    expect(outcome).toEqual({ status: "processed", ticketId: first.ticketId });
  });

  test("[#n] in the subject from a stranger opens a new ticket instead", async () => {
    const dee = newAddress("dee");
    const first = await acme.open(dee, "Refund");
    const { number } = await acme.ticket(first.ticketId);
    const stranger = newAddress("stranger");
    const outcome = await acme.deliver({
      from: stranger,
      to: acme.address,
      subject: `Re: [#${number}] Refund`,
      text: "Give me the refund instead.",
      messageId: newMessageId(),
    });
    expect(outcome.status).toBe("processed");
    expect(outcome.ticketId).not.toBe(first.ticketId);
    const opened = (await acme.tickets()).find((t) => t.id === outcome.ticketId);
    expect(opened?.customer).toBe(stranger);
    expect((await acme.thread(first.ticketId)).length).toBe(1);
    expect(await acme.ccs(first.ticketId)).toEqual([]);
  });

  test("someone Cc'd on the first message replies with [#n] and joins the same ticket", async () => {
    const eve = newAddress("eve");
    const boss = newAddress("boss");
    const first = await acme.open(eve, "Broken chair", { cc: boss });
    const { number } = await acme.ticket(first.ticketId);
    const outcome = await acme.deliver({
      from: boss,
      to: acme.address,
      subject: `RE: [#${number}] Broken chair`,
      text: "Same chair here.",
      messageId: newMessageId(),
    });
    expect(outcome).toEqual({ status: "processed", ticketId: first.ticketId });
  });

  test("people in To and Cc (not us, not the customer) are kept and copied on the next reply", async () => {
    const fay = newAddress("fay");
    const colleague = newAddress("colleague");
    const manager = newAddress("manager");
    const first = await acme.open(fay, "Shared mailbox", {
      to: [acme.address, colleague],
      cc: [manager, fay, `${acme.slug}+abcdefgh@${INBOUND_DOMAIN}`],
    });
    expect(await acme.ccs(first.ticketId)).toEqual([colleague, manager].sort());

    const ours = await agentReply(first.ticketId, "We are on it.");
    expect(ours.to).toEqual([fay]);
    const copied = ours.headers.cc ?? "";
    expect(copied).toContain(colleague);
    expect(copied).toContain(manager);
    expect(copied).not.toContain(fay);
  });

  test("a reply to a closed ticket opens a new ticket", async () => {
    const gus = newAddress("gus");
    const first = await acme.open(gus, "Closed matter");
    await acme.here.tickets.update({ id: first.ticketId, status: "closed" });
    const outcome = await acme.deliver({
      from: gus,
      to: acme.address,
      subject: "Re: Closed matter",
      text: "One more thing.",
      messageId: newMessageId(),
      inReplyTo: `<${first.messageId}>`,
    });
    expect(outcome.status).toBe("processed");
    expect(outcome.ticketId).not.toBe(first.ticketId);
    expect((await acme.ticket(first.ticketId)).status).toBe("closed");
    expect((await acme.thread(first.ticketId)).length).toBe(2);
    const opened = (await acme.tickets()).find((t) => t.id === outcome.ticketId);
    expect(opened).toMatchObject({ subject: "Closed matter", status: "open", customer: gus });
  });
});

describe("tenants and repeats", () => {
  test("mail to acme naming globex's ticket number, +code or Message-ID never lands in globex", async () => {
    const globex = await desk.tenant("Globex Threading");
    const gina = newAddress("gina");
    const theirs = await globex.open(gina, "Globex secret");
    const ack = await desk.send((await globex.jobs("email.ticket-created", theirs.ticketId))[0]);
    const { number, code } = await globex.ticket(theirs.ticketId);
    expect(code).toBeTruthy();
    const before = await globex.thread(theirs.ticketId);

    const attempts = [
      { to: acme.address, subject: `Re: [#${number}] Globex secret` },
      { to: `${acme.slug}+${code}@${INBOUND_DOMAIN}`, subject: "Re: Globex secret" },
      { to: acme.address, subject: "Re: Globex secret", inReplyTo: ack.messageId },
    ];
    for (const attempt of attempts) {
      const outcome = await acme.deliver({
        from: gina,
        text: "Into globex?",
        messageId: newMessageId(),
        ...attempt,
      });
      expect(outcome.status).toBe("processed");
      expect((await acme.tickets()).some((t) => t.id === outcome.ticketId)).toBe(true);
    }
    expect(await globex.thread(theirs.ticketId)).toEqual(before);
    expect((await globex.tickets()).length).toBe(1);
    expect((await globex.inbound()).length).toBe(1);
    expect(await desk.receiver.fileAll(globex.tenantId)).toEqual([]);
  });

  test("the same Message-ID delivered twice files one message; the second is a duplicate", async () => {
    const mail = {
      from: newAddress("twice"),
      to: acme.address,
      subject: "Sent twice",
      text: "Once only, please.",
      messageId: newMessageId("twice"),
    };
    const first = await acme.deliver(mail);
    const second = await acme.deliver(mail);
    expect(first.status).toBe("processed");
    expect(second.status).toBe("duplicate");
    expect((await acme.tickets()).filter((t) => t.subject === "Sent twice").length).toBe(1);
    expect((await acme.thread(first.ticketId ?? "")).length).toBe(1);
  });

  test("attachments are recorded with types sniffed from their bytes, and stored byte for byte", async () => {
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "base64",
    );
    const pdf = Buffer.from(
      "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n",
    );
    const fakeJpeg = Buffer.from("<html><script>alert(1)</script></html>");
    const binary = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7 + 3) % 256));
    const files = [
      { filename: "screenshot.png", content: png, contentType: "application/octet-stream" },
      { filename: "invoice.pdf", content: pdf, contentType: "application/pdf" },
      { filename: "photo.jpg", content: fakeJpeg, contentType: "image/jpeg" },
      {
        filename: "notes.txt",
        content: Buffer.from("line one\r\nline two\r\n"),
        contentType: "text/plain",
      },
      { filename: "blob.bin", content: binary, contentType: "application/octet-stream" },
    ];
    const outcome = await acme.deliver({
      from: newAddress("files"),
      to: acme.address,
      subject: "Files attached",
      text: "See attached.",
      messageId: newMessageId(),
      attachments: files,
    });
    expect(outcome.status).toBe("processed");
    const rows = await desk.deps.db.withTenant(acme.tenantId, (tx) =>
      tx
        .select()
        .from(attachments)
        .where(eq(attachments.ticketId, outcome.ticketId ?? "")),
    );
    const types = Object.fromEntries(rows.map((r) => [r.filename, r.contentType]));
    expect(types).toEqual({
      "screenshot.png": "image/png",
      "invoice.pdf": "application/pdf",
      "photo.jpg": "application/octet-stream",
      "notes.txt": "text/plain",
      "blob.bin": "application/octet-stream",
    });
    for (const file of files) {
      const row = rows.find((r) => r.filename === file.filename);
      expect(row?.size).toBe(file.content.byteLength);
      const stored = await desk.receiver.storage.get(row?.storageKey ?? "");
      expect(Buffer.from(stored ?? new Uint8Array()).equals(file.content)).toBe(true);
    }
  });
});
