// A customer's view of their ticket over real HTTP on the test PostgreSQL and Redis: the link their
// email carries opens the public conversation only, in its own help centre only, until an agent
// revokes it; their reply reaches the agents and opens the ticket again, unless it is closed.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { customers, messages } from "@supportdesk/database";
import { testEmail } from "@supportdesk/trpc/testing";
import { formClient, jobsFor, latestLink, textareaValue, ticketWithSubject } from "./form-kit";
import { type Fixture, startHelpCentre } from "./test-kit";

const kit = await startHelpCentre();
const web = formClient(kit.address);

let acme: Fixture;
let other: Fixture;
let agent: Awaited<ReturnType<Fixture["join"]>>;

beforeAll(async () => {
  acme = await kit.setUp("Acme");
  other = await kit.setUp("Other");
  agent = await acme.join("member");
});
afterAll(() => kit.stop());

const view = (token: string) => `/hc/${acme.slug}/tickets/${token}`;

/** A ticket filed through the contact form, and the link its acknowledgement carries. */
async function fileTicket(message = "My order #1234 never arrived.") {
  const subject = `Where is my order ${crypto.randomUUID().slice(0, 8)}`;
  const contact = `/hc/${acme.slug}/contact`;
  const form = await web.open(contact);
  const fields = { name: "Dana Scully", email: testEmail("dana"), subject, message };
  const sent = await web.post(contact, fields, { form });
  if (sent.status !== 303) throw new Error(`the contact form answered ${sent.status}`);
  const ticket = await ticketWithSubject(acme, subject);
  if (!ticket) throw new Error("no ticket was filed");
  const [ack] = await jobsFor(kit.deps, "email.ticket-created", ticket.id);
  const link = ack?.opened.linkToken;
  if (!link) throw new Error("the acknowledgement carries no link");
  return { ticket, link, subject };
}

const reply = (ticketId: string, body: string, internal = false) =>
  agent.here.tickets.addMessage({ ticketId, body, internal });

describe("the link in the customer's email", () => {
  test("shows the subject, number, the customer's words and agent replies, nothing else", async () => {
    const { ticket, link, subject } = await fileTicket();
    const answer = await reply(ticket.id, "We have sent a replacement parcel today.");
    await reply(ticket.id, "NOTE-7731: customer is on the watch list", true);
    await acme.owner.here.tickets.update({ id: ticket.id, status: "resolved" });

    const page = await web.get(view(link));
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.headers.get("x-robots-tag")).toBe("noindex");
    // The token is in the address: no Referer may carry it to a logo's or a link's host.
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.body).toContain('<meta name="robots" content="noindex">');
    expect(page.body).toContain(`<h1>${subject} <span class="muted">#${ticket.number}</span></h1>`);
    expect(page.body).toContain("Status: <strong>Resolved</strong>");
    expect(page.body).toContain("My order #1234 never arrived.");
    expect(page.body).toContain("<strong>You</strong>");
    expect(page.body).toContain(`id="m-${answer.id}"`);
    expect(page.body).toContain("We have sent a replacement parcel today.");
    expect(page.body).toContain("<strong>Test User</strong>");
    // Internal notes and the system's status lines are the agents' alone.
    expect(page.body).not.toContain("NOTE-7731");
    expect(page.body).not.toContain("watch list");
    expect(page.body).not.toContain("Status changed");
    expect(page.body).toContain('<form class="reply-form"');

    // The reply's email carries a link of its own that opens the same page; the note sent none.
    const emails = await jobsFor(kit.deps, "email.ticket-reply", ticket.id);
    expect(emails.map((e) => e.opened.messageId)).toEqual([answer.id]);
    const fresh = emails[0]?.opened.linkToken ?? "";
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(fresh).not.toBe(link);
    expect(String(emails[0]?.raw.linkToken)).toStartWith("sealed.v1.");
    const again = await web.get(view(fresh));
    expect(again.status).toBe(200);
    expect(again.body).toContain("We have sent a replacement parcel today.");
  });

  test("opens nothing in another help centre, and a made-up link opens nothing", async () => {
    const { link } = await fileTicket();
    const neutral = await web.get("/hc/no-such/");
    expect(neutral.status).toBe(404);
    const misses = [
      await web.get(`/hc/${other.slug}/tickets/${link}`),
      await web.get(`/tickets/${link}`, { host: other.host }),
      await web.get(view("A".repeat(43))),
      await web.get(view(link.slice(0, 42))),
      await web.get(view(`${link}x`)),
    ];
    for (const miss of misses) {
      expect(miss.status).toBe(404);
      expect(miss.body).toBe(neutral.body);
    }
    // A reply posted there is not taken either.
    const form = await web.open(`/hc/${other.slug}/contact`);
    const posted = await web.post(`/hc/${other.slug}/tickets/${link}`, { body: "Hi" }, { form });
    expect(posted.status).toBe(404);
    expect(posted.body).toBe(neutral.body);
    // On its own tenant's host it opens.
    expect((await web.get(`/tickets/${link}`, { host: acme.host })).status).toBe(200);
  });

  test("after the links are revoked, none opens; the next agent reply brings one that does", async () => {
    const { ticket, link } = await fileTicket();
    await reply(ticket.id, "First answer.");
    const second = await latestLink(kit.deps, ticket.id);
    const form = await web.open(view(link));
    expect(await acme.owner.here.tickets.revokeLinks({ ticketId: ticket.id })).toEqual({
      revoked: 2,
    });
    for (const dead of [link, second]) {
      expect((await web.get(view(dead))).status).toBe(404);
      const posted = await web.post(view(dead), { body: "Still there?" }, { form });
      expect(posted.status).toBe(404);
    }
    const thread = await acme.owner.here.tickets.get({ id: ticket.id });
    expect(thread.messages.map((m) => m.body)).not.toContain("Still there?");

    await reply(ticket.id, "Second answer, with a new link.");
    const page = await web.get(view(await latestLink(kit.deps, ticket.id)));
    expect(page.status).toBe(200);
    expect(page.body).toContain("Second answer, with a new link.");
  });
});

describe("the customer's reply", () => {
  test("reaches the agents' thread, and a pending or resolved ticket opens again", async () => {
    const { ticket, link } = await fileTicket();
    await reply(ticket.id, "Could you send us a photo?");
    expect((await acme.owner.here.tickets.get({ id: ticket.id })).status).toBe("pending");

    const form = await web.open(view(link));
    expect(form.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const sent = await web.post(view(link), { body: "  Here it is: it is dented.  " }, { form });
    expect(sent.status).toBe(303);
    const location = sent.headers.get("location") ?? "";
    expect(location).toMatch(new RegExp(`^${view(link)}\\?sent=1#m-[0-9a-f-]{36}$`));
    const messageId = location.split("#m-")[1];

    const thread = await acme.owner.here.tickets.get({ id: ticket.id });
    expect(thread.status).toBe("open");
    expect(thread.messages.find((m) => m.id === messageId)).toMatchObject({
      authorType: "customer",
      authorName: "Dana Scully",
      isInternal: false,
      body: "Here it is: it is dented.",
    });
    // The agents see why the status changed; the customer does not.
    const system = thread.messages.filter((m) => m.authorType === "system").map((m) => m.body);
    expect(system).toEqual(["Status changed from pending to open (the customer replied)."]);
    const events = await jobsFor(kit.deps, "ticket.event", ticket.id);
    expect(events.map((e) => e.opened)).toContainEqual(
      expect.objectContaining({ kind: "message", actorUserId: null, messageId }),
    );
    const after = await web.get(location.split("#")[0] ?? "");
    expect(after.body).toContain("Your reply was sent.");
    expect(after.body).toContain("Here it is: it is dented.");
    expect(after.body).not.toContain("the customer replied");

    await acme.owner.here.tickets.update({ id: ticket.id, status: "resolved" });
    const more = await web.post(view(link), { body: "One more thing." }, { form });
    expect(more.status).toBe(303);
    expect((await acme.owner.here.tickets.get({ id: ticket.id })).status).toBe("open");
  });

  test("an empty reply, or one without its form token, is refused with the reason", async () => {
    const { ticket, link } = await fileTicket();
    const form = await web.open(view(link));
    const empty = await web.post(view(link), { body: "   \n  " }, { form });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain(
      '<p class="field-error" id="body-error" role="alert">Write a message first.</p>',
    );
    expect(empty.body).toContain('aria-invalid="true" aria-describedby="body-error"');
    const tokenless = await web.post(view(link), { body: "Please keep this draft" });
    expect(tokenless.status).toBe(403);
    expect(tokenless.body).toContain("Your form had expired, so it was not sent.");
    expect(textareaValue(tokenless.body, "body")).toBe("Please keep this draft");
    const control = await web.post(view(link), { body: "bell\u0007" }, { form });
    expect(control.status).toBe(400);
    expect(control.body).toContain("The message holds characters that cannot be sent.");
    const thread = await acme.owner.here.tickets.get({ id: ticket.id });
    expect(thread.messages).toHaveLength(1);
  });

  test("a closed ticket shows no reply form, and a reply posted anyway keeps its draft", async () => {
    const { ticket, link } = await fileTicket();
    const form = await web.open(view(link));
    await acme.owner.here.tickets.update({ id: ticket.id, status: "closed" });
    const page = await web.get(view(link));
    expect(page.status).toBe(200);
    expect(page.body).toContain("Status: <strong>Closed</strong>");
    expect(page.body).toContain("This request is closed.");
    expect(page.body).not.toContain('<form class="reply-form"');

    // Say the page was opened before the agent closed it: the reply comes back, not lost.
    const draft = "A long explanation I do not want to type again.";
    const late = await web.post(view(link), { body: draft }, { form });
    expect(late.status).toBe(409);
    expect(late.body).toContain("This request is closed, so it takes no more replies.");
    expect(late.body).toContain(draft);
    const thread = await acme.owner.here.tickets.get({ id: ticket.id });
    expect(thread.messages.map((m) => m.body)).not.toContain(draft);
    expect(thread.status).toBe("closed");
  });

  test("markup in any message is shown as text", async () => {
    const { ticket, link } = await fileTicket("<script>alert('customer')</script> help");
    await reply(ticket.id, '<img src=x onerror="alert(1)"> try this');
    const form = await web.open(view(link));
    const sent = await web.post(view(link), { body: "</ol><script>alert(2)</script>" }, { form });
    expect(sent.status).toBe(303);
    const page = await web.get(view(link));
    expect(page.body).not.toMatch(/<script/i);
    expect(page.body).not.toContain("<img src=x");
    expect(page.body).toContain("&lt;script&gt;alert(&#39;customer&#39;)&lt;/script&gt; help");
    expect(page.body).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; try this");
    expect(page.body).toContain("&lt;/ol&gt;&lt;script&gt;alert(2)&lt;/script&gt;");
  });
});

describe("who wrote what", () => {
  test("the customer's own messages read as You; a copied person's carry their name", async () => {
    const { ticket, link } = await fileTicket("First, from Dana.");
    // A colleague copied on the ticket writes in (as the email channel files a CC's reply).
    await kit.deps.db.withTenant(acme.tenant.id, async (tx) => {
      const [colleague] = await tx
        .insert(customers)
        .values({ email: testEmail("walter"), name: "Walter Skinner" })
        .returning({ id: customers.id });
      await tx.insert(messages).values({
        ticketId: ticket.id,
        authorType: "customer",
        authorCustomerId: colleague?.id ?? null,
        body: "Adding my bit.",
      });
    });
    const page = await web.get(view(link));
    expect(page.body).toMatch(/<strong>You<\/strong>[\s\S]*First, from Dana\./);
    expect(page.body).toMatch(/<strong>Walter Skinner<\/strong>[\s\S]*Adding my bit\./);
  });
});
