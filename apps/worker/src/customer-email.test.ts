// The customer's emails through the real worker process: the acknowledgement and each agent reply
// carry a link to the ticket's customer view that opens that ticket; an internal note sends nothing.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { env } from "@supportdesk/config";
import { startMailCapture } from "@supportdesk/email/capture";
import { helpCentre } from "@supportdesk/services";
import { createTestDeps, signUp, testEmail } from "@supportdesk/trpc/testing";
import { killSpawned, prefix, startWorker, to } from "./test-kit";

const config = env();
const deps = await createTestDeps();
const capture = await startMailCapture();

afterAll(async () => {
  killSpawned();
  await capture.stop();
  await deps.close();
});

/** The customer-view link in an email's text part, and its token. */
function linkIn(text: string, slug: string): { url: string; token: string } {
  const pattern = new RegExp(`http://app\\.supportdesk\\.test/hc/${slug}/tickets/([\\w-]{43})`);
  const match = pattern.exec(text);
  if (!match?.[1]) throw new Error(`no customer link in:\n${text}`);
  return { url: match[0], token: match[1] };
}

describe("the customer's emails", () => {
  let worker: ReturnType<typeof Bun.spawn>;
  beforeAll(() => {
    worker = startWorker({
      redisUrl: config.REDIS_URL,
      smtpUrl: capture.smtpUrl,
      prefix: prefix(),
    });
  });
  afterAll(() => worker.kill("SIGTERM"));

  test("acknowledgement and reply each carry a working link; a note emails nobody", async () => {
    const owner = await signUp(deps, { tenantName: "Linked Co" });
    const slug = owner.tenant?.slug ?? "";
    const tenantId = owner.tenant?.id ?? "";
    const here = owner.as(slug);
    const address = testEmail("customer");
    const customer = await here.customers.create({ email: address, name: "Cleo Customer" });
    const ticket = await here.tickets.create({
      subject: "Where is my parcel?",
      body: "It was due Monday.",
      customerId: customer.id,
    });

    const ack = await capture.waitFor(to(address), 15_000);
    expect(ack.subject).toContain("#1");
    const first = linkIn(ack.text, slug);
    expect(ack.html).toContain(`href="${first.url}"`);

    await here.tickets.addMessage({ ticketId: ticket.id, body: "SECRET-NOTE", internal: true });
    await here.tickets.addMessage({
      ticketId: ticket.id,
      body: "It ships today.",
      internal: false,
    });
    const reply = await capture.waitFor(
      (m) => to(address)(m) && m.subject.startsWith("Re:"),
      15_000,
    );
    expect(reply.text).toContain("It ships today.");
    const second = linkIn(reply.text, slug);
    expect(second.token).not.toBe(first.token);

    for (const { token } of [first, second]) {
      const view = await deps.db.withTenant(tenantId, (tx) => helpCentre.customerTicket(tx, token));
      expect(view?.subject).toBe("Where is my parcel?");
      expect(view?.messages.map((m) => m.body)).toEqual(["It was due Monday.", "It ships today."]);
    }
    const sent = (await capture.messages()).filter(to(address));
    expect(sent.length).toBe(2);
    expect(sent.some((m) => m.text.includes("SECRET-NOTE"))).toBe(false);
  });
});
