// The help centre's contact form and the customer's view of their ticket, in Chromium: a customer
// (anonymous profile) finds "Contact us" under /hc/<slug>/ and on <slug>.supportdesk.localhost,
// sees articles suggested for their subject, is told beside the field what is missing with what
// they typed kept, and sends; the agent (the owner, another profile) sees the ticket arrive live;
// the acknowledgement email's link opens the conversation; the agent's reply shows there and the
// internal note never does; the customer's reply reaches the agent's open ticket live. Every
// public page is axe-clean (WCAG 2.1 A/AA) and CSP-clean, suggestions script included.
//
// Each step is its own test, in order, sharing the pages below; a step that needs what an earlier
// one failed to make says so.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { signInThroughApi } from "./accounts";
import {
  anonymousVisitor,
  type ContactTenant,
  cspViolations,
  expectCleanPage,
  linkLabelled,
  mark,
  need,
  sameDocument,
  setUpTenant,
} from "./contact-kit";
import { type BrowserContext, must, type Page, type Stack, startStack, unique } from "./harness";

const STEP_MS = 120_000;
/** How long one screen element may take to appear (a loaded 2-core machine). */
const UI_MS = 20_000;
/** How long a live update (worker → Redis → WebSocket → refetch) or an email may take. */
const LIVE_MS = 45_000;
/** Tenant hosts: Chromium maps them to the server itself. */
const DOMAIN = "supportdesk.localhost";

const customer = { name: "Cleo Customer", email: `e2e-ct-customer-${unique("")}@example.test` };
/** Typed as the subject: an article's title, so that article is suggested. */
const SUBJECT = "Refunds and cancellations";
const MESSAGE = `My yearly plan was cancelled but no refund came (order ${unique("ord")}).`;
const REPLY = `Your refund left us today (${unique("reply")}).`;
const NOTE = `INTERNAL ONLY: checked with the bank (${unique("note")}).`;
const CUSTOMER_REPLY = `Thank you, it has arrived (${unique("thanks")}).`;

let stack: Stack;
let tenant: ContactTenant;
let agent: BrowserContext;
let visitor: BrowserContext;
/** The agent's tab: the inbox, then (same document) the ticket. Never reloaded. */
let agentTab: Page | undefined;
/** The customer's tab on the contact form (on the tenant's host). */
let contactTab: Page | undefined;
/** The customer's tab on their ticket's page. */
let customerView: Page | undefined;
let ticketNumber: number | undefined;

beforeAll(async () => {
  stack = await startStack({
    platformDomain: DOMAIN,
    chromiumArgs: [`--host-resolver-rules=MAP *.${DOMAIN} 127.0.0.1`],
  });
  tenant = await setUpTenant(stack);
  agent = await stack.newContext();
  await signInThroughApi(agent, tenant.ownerEmail);
  visitor = await anonymousVisitor(stack);
}, STEP_MS);

afterAll(async () => {
  await stack?.stop();
});

const hostBase = () => `http://${tenant.slug}.${DOMAIN}:${new URL(stack.url).port}`;
const pathBase = () => `${stack.url}/hc/${tenant.slug}`;
const newPage = async (context: BrowserContext) => {
  const page = await context.newPage();
  page.setDefaultTimeout(UI_MS);
  return page;
};

describe("the help centre's contact form and the customer's ticket page", () => {
  test(
    "1. the agent (the owner) watches the inbox in their own browser profile",
    async () => {
      const page = await newPage(agent);
      // The inbox's realtime socket: opened with the page, before any ticket exists.
      const socket = page.waitForEvent("websocket", { timeout: UI_MS });
      await page.goto(`/t/${tenant.slug}/tickets`);
      await page.getByRole("heading", { name: "Tickets" }).waitFor();
      await socket;
      await page.waitForLoadState("networkidle").catch(() => {});
      await mark(page);
      await stack.screenshot(page, "ct-01-agent-inbox-empty");
      agentTab = page;
    },
    STEP_MS,
  );

  test(
    "2. the customer finds “Contact us” under /hc/<slug>/ and on <slug>.supportdesk.localhost",
    async () => {
      for (const [base, label] of [
        [pathBase(), "path"],
        [hostBase(), "host"],
      ] as const) {
        const page = await newPage(visitor);
        const home = await page.goto(`${base}/`);
        expect(home?.status()).toBe(200);
        await page.getByRole("link", { name: tenant.articles[0]?.title }).waitFor();
        await page.getByRole("banner").getByRole("link", { name: "Contact us" }).click();
        await page.getByRole("heading", { level: 1, name: "Contact us" }).waitFor();
        expect(page.url()).toBe(`${base}/contact`);
        await expectCleanPage(stack, page, `ct-02-contact-${label}`);
        if (label === "host") contactTab = page;
        else await page.close();
      }
    },
    STEP_MS,
  );

  test(
    "3. typing a subject like an article's title lists that article, CSP-clean, on both addresses",
    async () => {
      const refunds = need(tenant.articles[0], "article");
      const path = await newPage(visitor);
      await path.goto(`${pathBase()}/contact`);
      for (const [page, base, label] of [
        [path, `/hc/${tenant.slug}`, "path"],
        [need(contactTab, "contact page"), "", "host"],
      ] as const) {
        await page.getByLabel("Subject", { exact: true }).fill(SUBJECT);
        const box = page.locator("#suggestions");
        await box
          .getByRole("heading", { name: "These articles might answer your question" })
          .waitFor();
        const link = box.getByRole("link", { name: refunds.title });
        await link.waitFor();
        expect(await link.getAttribute("href")).toBe(`${base}/contact/suggested/${refunds.slug}`);
        expect(await box.getByText(`${refunds.title}, in short.`).count()).toBe(1);
        // Remembered for the deflection count when the form is sent anyway.
        expect(await page.locator('input[name="suggested"]').inputValue()).toBe("1");
        expect(await cspViolations(page)).toEqual([]);
        await expectCleanPage(stack, page, `ct-03-suggestions-${label}`);
      }
      await path.close();
    },
    STEP_MS,
  );

  test(
    "4. sent with the message empty: the error is beside the field and everything typed is kept",
    async () => {
      const page = need(contactTab, "contact page");
      await page.getByLabel("Your name", { exact: true }).fill(customer.name);
      await page.getByLabel("Your email address", { exact: true }).fill(customer.email);
      const type = page.getByLabel("What is it about?", { exact: true });
      await type.selectOption({
        label: `${tenant.inquiryType.name} — ${tenant.inquiryType.description}`,
      });
      const chosen = await type.inputValue();
      const answer = page.waitForResponse(
        (r) => r.request().method() === "POST" && r.url() === `${hostBase()}/contact`,
      );
      await page.getByRole("button", { name: "Send request" }).click();
      expect((await answer).status()).toBe(400);
      const message = page.getByLabel("How can we help?", { exact: true });
      await page.locator("#message-error").waitFor();
      expect(await page.title()).toStartWith("Error: Contact us");
      expect(await page.getByRole("alert").textContent()).toContain("A message is required.");
      expect((await page.locator("#message-error").textContent())?.trim()).toBe(
        "A message is required.",
      );
      expect(await message.getAttribute("aria-invalid")).toBe("true");
      expect(await message.getAttribute("aria-describedby")).toBe("message-error");
      expect(await page.locator(".field-error").count()).toBe(1);
      expect({
        name: await page.getByLabel("Your name", { exact: true }).inputValue(),
        email: await page.getByLabel("Your email address", { exact: true }).inputValue(),
        type: await type.inputValue(),
        subject: await page.getByLabel("Subject", { exact: true }).inputValue(),
        suggested: await page.locator('input[name="suggested"]').inputValue(),
      }).toEqual({
        name: customer.name,
        email: customer.email,
        type: chosen,
        subject: SUBJECT,
        suggested: "1",
      });
      await expectCleanPage(stack, page, "ct-04-contact-errors");
    },
    STEP_MS,
  );

  test(
    "5. filled in, the request is sent: the “Thank you” page",
    async () => {
      const page = need(contactTab, "contact page");
      await page.getByLabel("How can we help?", { exact: true }).fill(MESSAGE);
      await page.getByRole("button", { name: "Send request" }).click();
      await page.getByRole("heading", { level: 1, name: /Thank you/ }).waitFor();
      expect(page.url()).toBe(`${hostBase()}/contact/sent`);
      await expectCleanPage(stack, page, "ct-05-sent");
      await page.close();
    },
    STEP_MS,
  );

  test(
    "6. the ticket appears in the agent's inbox without a reload and opens on the customer's message",
    async () => {
      const page = need(agentTab, "agent tab");
      const row = page.getByRole("link", { name: SUBJECT });
      await row.waitFor({ timeout: LIVE_MS });
      expect(await sameDocument(page)).toBe(true);
      await stack.screenshot(page, "ct-06-agent-inbox-live");
      await row.click();
      const heading = page.getByRole("heading", { level: 1, name: new RegExp(SUBJECT) });
      await heading.waitFor();
      const conversation = page.getByRole("region", { name: "Conversation" });
      await conversation.getByText(MESSAGE).waitFor();
      expect(await conversation.getByText(customer.name).count()).toBeGreaterThan(0);
      ticketNumber = Number(/#(\d+)/.exec((await heading.textContent()) ?? "")?.[1]);
      // The inquiry type routed it: high priority, tagged "billing", from the help centre.
      const id = new URL(page.url()).pathname.split("/").at(-1);
      const ticket = must(
        await stack.call<{ priority: string; tags: string[]; channel: string; number: number }>(
          "query",
          "tickets.get",
          { id },
          { token: tenant.token, slug: tenant.slug },
        ),
        "tickets.get",
      );
      expect(ticket).toMatchObject({
        priority: "high",
        tags: ["billing"],
        channel: "helpcentre",
        number: ticketNumber,
      });
      expect(await sameDocument(page)).toBe(true);
      await stack.screenshot(page, "ct-06-agent-ticket");
    },
    STEP_MS,
  );

  test(
    "7. the acknowledgement email has the number; its “View your request” link shows the conversation",
    async () => {
      const number = need(ticketNumber, "ticket number");
      const email = await stack.mail.waitFor(
        (m) => m.to.includes(customer.email) && m.subject.includes("We received your request"),
        LIVE_MS,
      );
      expect(email.subject).toBe(`We received your request #${number}: ${SUBJECT}`);
      const href = linkLabelled(email.html, "View your request");
      expect(href).toStartWith(`${stack.url}/hc/${tenant.slug}/tickets/`);
      const page = await newPage(visitor);
      const response = await page.goto(need(href, "link"));
      expect(response?.status()).toBe(200);
      await page.getByRole("heading", { level: 1, name: `${SUBJECT} #${number}` }).waitFor();
      const mine = page.locator(".conversation li", { hasText: MESSAGE });
      await mine.waitFor();
      expect(await mine.locator(".message-meta").textContent()).toContain("You");
      await expectCleanPage(stack, page, "ct-07-customer-view");
      customerView = page;
    },
    STEP_MS,
  );

  test(
    "8. the agent replies and adds an internal note: the customer sees the reply, never the note",
    async () => {
      const page = need(agentTab, "agent tab");
      const view = need(customerView, "customer's page");
      const conversation = page.getByRole("region", { name: "Conversation" });
      await page.getByLabel("Reply", { exact: true }).fill(REPLY);
      await page.getByRole("button", { name: "Send reply" }).click();
      await conversation.getByText(REPLY).waitFor();
      await page.getByRole("checkbox", { name: "Internal note" }).check();
      await page.getByLabel("Reply", { exact: true }).fill(NOTE);
      await page.getByRole("button", { name: "Add note" }).click();
      await conversation.getByText(NOTE).waitFor();
      await stack.screenshot(page, "ct-08-agent-replied-and-noted");

      await view.reload();
      const reply = view.locator(".conversation li", { hasText: REPLY });
      await reply.waitFor();
      expect(await reply.locator(".message-meta").textContent()).toContain(tenant.ownerName);
      expect(await view.content()).not.toContain(NOTE);
      await expectCleanPage(stack, view, "ct-08-customer-sees-reply");

      // The reply's email quotes the reply, not the note, and its link opens the same page.
      const email = await stack.mail.waitFor(
        (m) => m.to.includes(customer.email) && m.subject.startsWith("Re: ["),
        LIVE_MS,
      );
      expect(email.subject).toBe(`Re: [#${ticketNumber}] ${SUBJECT}`);
      expect(email.text).toContain(REPLY);
      expect(`${email.text}${email.html}`).not.toContain(NOTE);
      const href = linkLabelled(email.html, "View and reply");
      expect(href).toStartWith(`${stack.url}/hc/${tenant.slug}/tickets/`);
      await view.goto(need(href, "link"));
      await view.locator(".conversation li", { hasText: REPLY }).waitFor();
      expect(await view.content()).not.toContain(NOTE);
    },
    STEP_MS,
  );

  test(
    "9. the customer replies on their page: “Your reply was sent”, and the agent's open ticket shows it live",
    async () => {
      const view = need(customerView, "customer's page");
      const page = need(agentTab, "agent tab");
      await view.getByLabel("Add a reply", { exact: true }).fill(CUSTOMER_REPLY);
      await view.getByRole("button", { name: "Send reply" }).click();
      await view.getByRole("status").filter({ hasText: "Your reply was sent" }).waitFor();
      await view.locator(".conversation li", { hasText: CUSTOMER_REPLY }).waitFor();
      expect(await view.content()).not.toContain(NOTE);
      await expectCleanPage(stack, view, "ct-09-customer-replied");

      const conversation = page.getByRole("region", { name: "Conversation" });
      await conversation.getByText(CUSTOMER_REPLY).waitFor({ timeout: LIVE_MS });
      expect(await sameDocument(page)).toBe(true);
      await stack.screenshot(page, "ct-09-agent-sees-customer-reply");
    },
    STEP_MS,
  );
});
