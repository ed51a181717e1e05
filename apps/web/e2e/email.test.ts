// The email channel in Chromium, with real SMTP both ways: a customer writes to the tenant's support
// address (a picture attached, a colleague copied) and the ticket appears in the agent's inbox
// without a reload; the ticket shows the envelope, the thumbnail and the copied colleague, and its
// original downloads. The agent replies with files through the reply box, one picked and one
// dropped (a file over the limit is refused in words first); the customer's email carries them
// and threads (In-Reply-To, Reply-To with the ticket's code, the colleague in Cc), and the
// customer's answer by email reaches the open ticket live. An admin sees the filed mail under
// Settings → Received mail; an unreadable message is quarantined there, and Retry and Discard
// work. Ticket and settings pages are axe-clean (WCAG 2.1 A/AA).
//
// Each step is its own test, in order, sharing the pages below; a step that needs what an earlier
// one failed to make says so.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { formatSize } from "../src/pages/tickets/email-format";
import { mark, need, sameDocument } from "./contact-kit";
import {
  drawPng,
  type EmailDesk,
  expectAxeClean,
  expectFiled,
  headerOf,
  type InboundRow,
  mailSource,
  newMessageId,
  profileWithAxe,
  receivedMail,
  setUpDesk,
  smtpClient,
  until,
} from "./email-kit";
import { type BrowserContext, must, type Page, type Stack, startStack, unique } from "./harness";

const STEP_MS = 120_000;
/** How long one screen element may take to appear (a loaded 2-core machine). */
const UI_MS = 20_000;
/** How long a live update (SMTP → worker → Redis → WebSocket → refetch) or an email may take. */
const LIVE_MS = 45_000;

const customer = { name: "Cleo Customer", email: `e2e-em-customer-${unique("")}@example.test` };
const colleague = { name: "Colin Colleague", email: `e2e-em-cc-${unique("")}@example.test` };
const SUBJECT = `The screen stays black ${unique("")}`;
const FIRST = `Since the update my screen stays black; a photo is attached (${unique("first")}).`;
const FIRST_ID = newMessageId("first");
const PNG_NAME = "black-screen.png";
const REPLY = `Please follow the reset guide attached (${unique("reply")}).`;
const PDF_NAME = `reset-guide-${unique("")}.pdf`;
const PDF = Buffer.from("%PDF-1.4\n% the reset guide\n1 0 obj <<>> endobj\n%%EOF\n");
const BIG_NAME = "screen-recording.mov";
/** Dropped onto the reply box rather than picked. */
const DROPPED_NAME = "steps-to-reset.txt";
const DROPPED = "1. Hold the power button for ten seconds.\n2. Release it.\n";
const ANSWER = `The reset worked, thank you (${unique("answer")}).`;
const GARBAGE_FROM = `e2e-em-garbage-${unique("")}@example.test`;

const MIB = 1024 * 1024;

type Ticket = { id: string; number: number; channel: string };

let stack: Stack;
let desk: EmailDesk;
let smtp: ReturnType<typeof smtpClient>;
let agent: BrowserContext;
let png: Buffer;
/** The agent's tab: the inbox, then (same document) the ticket. Never reloaded. */
let agentTab: Page | undefined;
let ticket: Ticket | undefined;
/** The reply as the customer received it: its Message-ID and the ticket's Reply-To address. */
let replyEmail: { messageId: string; replyTo: string; subject: string } | undefined;
/** The admin's tab on Settings. */
let adminTab: Page | undefined;

beforeAll(async () => {
  stack = await startStack({ inbound: true });
  desk = await setUpDesk(stack);
  smtp = smtpClient(stack);
  png = await drawPng(stack.browser, "BLACK?");
  agent = await profileWithAxe(stack, desk.owner.email);
}, STEP_MS);

afterAll(async () => {
  smtp?.close();
  await stack?.stop();
});

const newPage = async (context: BrowserContext) => {
  const page = await context.newPage();
  page.setDefaultTimeout(UI_MS);
  return page;
};

const expectAccessible = (page: Page, name: string) => expectAxeClean(stack, page, name);
const inbound = (status?: string) => receivedMail(stack, desk, status);
const customerMailFiled = (count: number) => expectFiled(stack, desk, customer.email, count);

describe("the email channel: in by SMTP, answered in the browser, out by SMTP", () => {
  test(
    "1. the agent (the owner) watches the inbox",
    async () => {
      const page = await newPage(agent);
      const socket = page.waitForEvent("websocket", { timeout: UI_MS });
      await page.goto(`/t/${desk.slug}/tickets`);
      await page.getByRole("heading", { name: "Tickets" }).waitFor();
      await socket;
      await page.waitForLoadState("networkidle").catch(() => {});
      await mark(page);
      await stack.screenshot(page, "em-01-agent-inbox-empty");
      agentTab = page;
    },
    STEP_MS,
  );

  test(
    "2. a customer emails the support address with a picture and a colleague in Cc: the ticket appears live",
    async () => {
      const page = need(agentTab, "agent tab");
      const sent = await smtp.send({
        from: { name: customer.name, address: customer.email },
        to: desk.address,
        cc: { name: colleague.name, address: colleague.email },
        // The colleague is copied in the headers; only the tenant's address is ours to receive.
        envelope: { from: customer.email, to: [desk.address] },
        subject: SUBJECT,
        text: FIRST,
        messageId: FIRST_ID,
        attachments: [{ filename: PNG_NAME, content: png, contentType: "image/png" }],
      });
      expect(sent.accepted).toEqual([desk.address]);
      await customerMailFiled(1);
      const row = page.getByRole("link", { name: SUBJECT });
      await row.waitFor({ timeout: LIVE_MS });
      expect(await sameDocument(page)).toBe(true);
      await stack.screenshot(page, "em-02-agent-inbox-live");
      await row.click();
      await page.getByRole("heading", { level: 1, name: SUBJECT }).waitFor();
      const id = new URL(page.url()).pathname.split("/").at(-1);
      ticket = must(
        await stack.call<Ticket>(
          "query",
          "tickets.get",
          { id },
          { token: desk.owner.token, slug: desk.slug },
        ),
        "tickets.get",
      );
      expect(ticket.channel).toBe("email");
      expect(await sameDocument(page)).toBe(true);
    },
    STEP_MS,
  );

  test(
    "3. the ticket shows From/To/Cc, the picture as a thumbnail, the colleague under CC; axe-clean",
    async () => {
      const page = need(agentTab, "agent tab");
      const conversation = page.getByRole("region", { name: "Conversation" });
      const first = conversation.getByRole("listitem").filter({ hasText: FIRST });
      await first.waitFor();
      const envelope = (await first.locator(".msg-envelope").textContent()) ?? "";
      expect(envelope).toContain(`From ${customer.name} <${customer.email}>`);
      expect(envelope).toContain(`To ${desk.address}`);
      expect(envelope).toContain(`Cc ${colleague.name} <${colleague.email}>`);
      const thumbnail = first.getByRole("img", { name: PNG_NAME });
      await thumbnail.waitFor();
      // The picture itself arrived through its signed link, not only its name.
      const width = await until(
        "the thumbnail loads",
        () => thumbnail.evaluate((img) => (img as HTMLImageElement).naturalWidth),
        (w) => w > 0,
        UI_MS,
      );
      expect(width).toBeGreaterThan(0);
      const copied = page.getByRole("list", { name: "Copied on replies" });
      await copied.getByText(`${colleague.name} <${colleague.email}>`).waitFor();
      expect(await page.locator(".prop", { hasText: "Channel" }).textContent()).toContain("Email");
      await expectAccessible(page, "em-03-email-ticket");
    },
    STEP_MS,
  );

  test(
    "4. “View original” downloads the message as it arrived (.eml)",
    async () => {
      const page = need(agentTab, "agent tab");
      const first = page
        .getByRole("region", { name: "Conversation" })
        .getByRole("listitem")
        .filter({ hasText: FIRST });
      const download = page.waitForEvent("download", { timeout: UI_MS });
      await first.getByRole("button", { name: "View original" }).click();
      const file = await download;
      expect(file.suggestedFilename()).toEndWith(".eml");
      const raw = await Bun.file(await file.path()).text();
      expect(raw).toContain(`Message-ID: ${FIRST_ID}`);
      expect(raw).toContain(`Subject: ${SUBJECT}`);
      expect(raw).toContain(`filename=${PNG_NAME}`);
      // A download: the ticket is still open in the same document.
      expect(await sameDocument(page)).toBe(true);
    },
    STEP_MS,
  );

  test(
    "5. the agent replies with files, picked and dropped on the reply box; one over the limit is refused in words",
    async () => {
      const page = need(agentTab, "agent tab");
      const { id: ticketId } = need(ticket, "ticket");
      // The per-file limit, as the server states it (a reservation that is never used).
      const { maxBytes } = must(
        await stack.call<{ maxBytes: number }>(
          "mutation",
          "attachments.createUpload",
          { ticketId, filename: "probe.txt", size: 0 },
          { token: desk.owner.token, slug: desk.slug },
        ),
        "attachments.createUpload",
      );
      await page.getByLabel("Reply", { exact: true }).fill(REPLY);
      await page.getByLabel("Attach files").setInputFiles([
        { name: BIG_NAME, mimeType: "video/quicktime", buffer: Buffer.alloc(maxBytes + MIB) },
        { name: PDF_NAME, mimeType: "application/pdf", buffer: PDF },
      ]);
      const files = page.getByRole("list", { name: "Files to send" });
      const big = files.getByRole("listitem").filter({ hasText: BIG_NAME });
      const pdf = files.getByRole("listitem").filter({ hasText: PDF_NAME });
      await big
        .getByRole("alert")
        .filter({ hasText: `Too big: a file may be at most ${formatSize(maxBytes)}.` })
        .waitFor();
      await pdf.getByRole("status").filter({ hasText: "Attached" }).waitFor();
      expect(await pdf.textContent()).toContain(formatSize(PDF.byteLength));
      // A file dropped onto the reply box joins them, as the browser hands it over on a drop.
      const drag = await page.evaluateHandle(
        ({ name, text }) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([text], name, { type: "text/plain" }));
          return transfer;
        },
        { name: DROPPED_NAME, text: DROPPED },
      );
      const box = page.locator("form.composer");
      for (const type of ["dragenter", "dragover", "drop"]) {
        await box.dispatchEvent(type, { dataTransfer: drag });
      }
      const dropped = files.getByRole("listitem").filter({ hasText: DROPPED_NAME });
      await dropped.getByRole("status").filter({ hasText: "Attached" }).waitFor();
      const send = page.getByRole("button", { name: "Send reply" });
      expect(await send.isDisabled()).toBe(true);
      await page.getByText("Remove the files that could not be attached, then send.").waitFor();
      await expectAccessible(page, "em-05-reply-with-files");

      await big.getByRole("button", { name: `Remove ${BIG_NAME}` }).click();
      await big.waitFor({ state: "detached" });
      await send.click();
      const conversation = page.getByRole("region", { name: "Conversation" });
      const mine = conversation.getByRole("listitem").filter({ hasText: REPLY });
      await mine.waitFor();
      await mine.getByRole("button", { name: `Download ${PDF_NAME}` }).waitFor();
      await mine.getByRole("button", { name: `Download ${DROPPED_NAME}` }).waitFor();
      // Sent: the reply box is empty again, with no files listed.
      await files.waitFor({ state: "detached" });
      expect(await page.getByLabel("Reply", { exact: true }).inputValue()).toBe("");
      await stack.screenshot(page, "em-05-replied-with-file");
    },
    STEP_MS,
  );

  test(
    "6. the customer's email carries the files, answers their message, and copies the colleague",
    async () => {
      const { number } = need(ticket, "ticket");
      const email = await stack.mail.waitFor(
        (m) => m.to.includes(customer.email) && m.subject.startsWith("Re: ["),
        LIVE_MS,
      );
      expect(email.subject).toBe(`Re: [#${number}] ${SUBJECT}`);
      expect(email.text).toContain(REPLY);
      // The headers as sent (the capture's parsed view leaves out the address headers).
      const source = await mailSource(stack, email.id);
      expect(headerOf(source, "In-Reply-To")).toBe(FIRST_ID);
      const domain = need(stack.inbound, "receiver").domain.replaceAll(".", "\\.");
      const replyTo = /[^\s<>"]+@[^\s<>"]+/.exec(headerOf(source, "Reply-To"))?.[0] ?? "";
      expect(replyTo).toMatch(new RegExp(`^${desk.slug}\\+[a-z0-9]+@${domain}$`));
      expect(headerOf(source, "Cc")).toContain(colleague.email);
      expect(source).toContain(PDF_NAME);
      expect(source).toContain("Content-Type: application/pdf");
      expect(source.replace(/\r?\n/g, "")).toContain(PDF.toString("base64"));
      expect(source).toContain(DROPPED_NAME);
      replyEmail = { messageId: email.messageId, replyTo, subject: email.subject };
    },
    STEP_MS,
  );

  test(
    "7. the customer answers that email by SMTP: the answer appears in the agent's open ticket live",
    async () => {
      const page = need(agentTab, "agent tab");
      const reply = need(replyEmail, "the reply's email");
      await smtp.send({
        from: { name: customer.name, address: customer.email },
        to: reply.replyTo,
        subject: reply.subject,
        text: `${ANSWER}\n\nOn Monday, Olive Agent wrote:\n> ${REPLY}\n`,
        messageId: newMessageId("answer"),
        inReplyTo: reply.messageId,
        references: [FIRST_ID, reply.messageId],
      });
      await customerMailFiled(2);
      const conversation = page.getByRole("region", { name: "Conversation" });
      await conversation.getByText(ANSWER).waitFor({ timeout: LIVE_MS });
      expect(await sameDocument(page)).toBe(true);
      await stack.screenshot(page, "em-07-customer-answer-live");
    },
    STEP_MS,
  );

  test(
    "8. an admin: Settings → Email names the address, Received mail lists the filed mail; axe-clean",
    async () => {
      const context = await profileWithAxe(stack, desk.admin.email);
      const page = await newPage(context);
      await page.goto(`/t/${desk.slug}/settings/email`);
      const address = page.getByRole("textbox", { name: "Support address" });
      await address.waitFor();
      expect(await address.inputValue()).toBe(desk.address);
      await expectAccessible(page, "em-08-settings-email");

      await page.goto(`/t/${desk.slug}/settings/received-mail?status=all`);
      const rows = page.getByRole("row").filter({ hasText: SUBJECT });
      await until(
        "both emails listed",
        () => rows.count(),
        (n) => n === 2,
        UI_MS,
      );
      for (const row of await rows.all()) {
        expect(await row.textContent()).toContain("Filed on a ticket");
        await row.getByRole("link", { name: "Open its ticket" }).waitFor();
        expect(await row.getByRole("rowheader").textContent()).toContain(customer.email);
      }
      await expectAccessible(page, "em-08-received-mail");
      adminTab = page;
    },
    STEP_MS,
  );

  test(
    "9. an unreadable message is quarantined; Retry files it again, Discard sets it aside",
    async () => {
      const page = need(adminTab, "admin tab");
      await smtp.send({
        envelope: { from: GARBAGE_FROM, to: [desk.address] },
        raw: "this is not an email at all\r\njust words and no headers\r\n",
      });
      const ours = (rows: InboundRow[]) => rows.find((r) => r.envelopeFrom === GARBAGE_FROM);
      await until(
        "the message is quarantined",
        () => inbound("quarantined"),
        (r) => !!ours(r),
      );

      await page.goto(`/t/${desk.slug}/settings/received-mail`);
      const row = page.getByRole("row").filter({ hasText: GARBAGE_FROM });
      await row.waitFor();
      expect(await row.textContent()).toContain("Quarantined");
      expect(await row.textContent()).toContain("could not be read");
      await expectAccessible(page, "em-09-quarantine");

      await row.getByRole("button", { name: `Retry the email from ${GARBAGE_FROM}` }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `The email from ${GARBAGE_FROM} is being filed again.` })
        .waitFor();
      // Filed again, and quarantined again: the bytes are still no email.
      await until(
        "the retried message is quarantined again",
        () => inbound("quarantined"),
        (r) => (ours(r)?.attempts ?? 0) >= 2,
      );
      await page.reload();
      await row.getByText("2 attempts").waitFor();

      await row.getByRole("button", { name: `Discard the email from ${GARBAGE_FROM}` }).click();
      await page
        .getByText("Discard this email? It will not become a ticket (its original stays).")
        .waitFor();
      await page.getByRole("button", { name: "Discard", exact: true }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `The email from ${GARBAGE_FROM} was discarded.` })
        .waitFor();
      await page.getByText("Nothing in quarantine", { exact: true }).waitFor();
      expect(ours(await inbound("discarded"))?.status).toBe("discarded");
      await stack.screenshot(page, "em-09-discarded");
    },
    STEP_MS,
  );
});
