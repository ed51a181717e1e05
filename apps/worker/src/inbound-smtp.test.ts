// Mail in through our SMTP receiver, from a real SMTP client: a new message opens a ticket for its
// sender, a reply threads into it, unknown recipients are refused at RCPT and oversize mail at
// DATA — and nothing is acknowledged before it is stored.
import { afterAll, describe, expect, test } from "bun:test";
import { and, customers, eq, inboundEmails, messages, tickets } from "@supportdesk/database";
import { email } from "@supportdesk/services";
import { createTeam, createTestDeps } from "@supportdesk/trpc/testing";
import { INBOUND_DOMAIN, startReceiver } from "./inbound-kit";

const deps = await createTestDeps();
const receiver = await startReceiver(deps.db, { maxBytes: 200_000 });
afterAll(async () => {
  await receiver.close();
  await deps.close();
});

const team = await createTeam(deps, "Inbound Co");
const slug = team.tenant.slug;
const tenantId = team.tenant.id;
const address = `${slug}@${INBOUND_DOMAIN}`;

const ticketsOf = () =>
  deps.db.withTenant(tenantId, (tx) =>
    tx
      .select({ id: tickets.id, subject: tickets.subject, channel: tickets.channel })
      .from(tickets)
      .orderBy(tickets.number),
  );

describe("receiving", () => {
  test("a new message opens a ticket for its sender, with the visible text", async () => {
    await receiver.send({
      from: "Ada Lovelace <ADA@example.com>",
      to: address,
      subject: "Printer on fire",
      text: "It is on fire.\n\nAda",
      messageId: `<first-${crypto.randomUUID()}@example.com>`,
    });
    const [outcome] = await receiver.fileAll(tenantId);
    expect(outcome?.status).toBe("processed");
    const [ticket] = await ticketsOf();
    expect(ticket).toMatchObject({ subject: "Printer on fire", channel: "email" });
    const thread = await deps.db.withTenant(tenantId, (tx) =>
      tx
        .select({ body: messages.body, authorType: messages.authorType, email: customers.email })
        .from(messages)
        .innerJoin(
          customers,
          and(
            eq(customers.tenantId, messages.tenantId),
            eq(customers.id, messages.authorCustomerId),
          ),
        )
        .where(eq(messages.ticketId, ticket?.id ?? "")),
    );
    expect(thread).toEqual([
      { body: "It is on fire.\n\nAda", authorType: "customer", email: "ada@example.com" },
    ]);
  });

  test("an unknown recipient is refused at RCPT with 550, and nothing is stored", async () => {
    const before = await deps.db.withTenant(tenantId, (tx) => tx.select().from(inboundEmails));
    const refused = await receiver
      .send({ from: "x@example.com", to: `no-such-tenant-here@${INBOUND_DOMAIN}`, text: "hi" })
      .then(
        () => null,
        (error: { responseCode?: number }) => error.responseCode,
      );
    expect(refused).toBe(550);
    const other = await receiver
      .send({ from: "x@example.com", to: `${slug}@elsewhere.example`, text: "hi" })
      .then(
        () => null,
        (error: { responseCode?: number }) => error.responseCode,
      );
    expect(other).toBe(550);
    const after = await deps.db.withTenant(tenantId, (tx) => tx.select().from(inboundEmails));
    expect(after.length).toBe(before.length);
  });

  test("a message over the size limit is refused with 552", async () => {
    const refused = await receiver
      .send({ from: "x@example.com", to: address, subject: "big", text: "x".repeat(300_000) })
      .then(
        () => null,
        (error: { responseCode?: number }) => error.responseCode,
      );
    expect(refused).toBe(552);
  });
});

describe("exactly once", () => {
  test("the same job delivered three times at once, and again later, files one ticket", async () => {
    const team2 = await createTeam(deps, "Redelivery Co");
    await receiver.send({
      from: "Rita <rita@example.com>",
      to: `${team2.tenant.slug}@${INBOUND_DOMAIN}`,
      subject: "Once only",
      text: "Please file me once.",
      attachments: [{ filename: "note.txt", content: "keep me" }],
    });
    const [waiting] = await deps.db.withTenant(team2.tenant.id, (tx) =>
      tx.select({ id: inboundEmails.id }).from(inboundEmails),
    );
    const run = () =>
      email.processInbound(
        { db: deps.db, storage: receiver.storage, inboundDomain: INBOUND_DOMAIN },
        { tenantId: team2.tenant.id, inboundEmailId: waiting?.id ?? "", lastAttempt: false },
      );
    await Promise.all([run(), run(), run()]);
    await run();
    const list = await team2.owner.here.tickets.list();
    expect(list.data.map((t) => t.subject)).toEqual(["Once only"]);
    const ticket = await team2.owner.here.tickets.get({ id: list.data[0]?.id ?? "" });
    const [file] = ticket.messages.flatMap((m) => m.attachments);
    const link = await team2.owner.here.attachments.get({ id: file?.id ?? "" });
    expect(link.filename).toBe("note.txt");
    const [row] = await deps.db.withTenant(team2.tenant.id, (tx) =>
      tx.select({ status: inboundEmails.status }).from(inboundEmails),
    );
    expect(row?.status).toBe("processed");
  });
});
