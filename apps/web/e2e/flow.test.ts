// The whole product in a real browser: sign-up, the email link that verifies and signs in,
// tickets, invitations, two tenants in two tabs, assignment and replies, the live notification
// bell, a viewer's limits, and a second sign-up with a taken address that reveals nothing.
//
// Each step is its own test, in order, sharing the people below. When a step fails, the next ones
// still run: what they need from it (an account, a ticket, a membership) is then made through the
// API, and a line "[e2e] fallback: …" says so — the failed step stays failed in the summary.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { signInThroughApi } from "./accounts";
import {
  type BrowserContext,
  must,
  PASSWORD,
  type Page,
  type Stack,
  startStack,
  unique,
} from "./harness";

const STEP_MS = 90_000;
/** How long one screen element may take to appear. */
const UI_MS = 15_000;

type Person = {
  label: string;
  name: string;
  email: string;
  tenantName: string;
  slug: string;
  userId?: string;
  /** Signed up and in through the web app in this person's browser profile. */
  uiSession: boolean;
  context?: BrowserContext;
};

function person(label: string): Person {
  const id = unique("");
  return {
    label,
    name: `${label} Tester ${id}`,
    email: `e2e-${label.toLowerCase()}-${id}@example.test`,
    tenantName: `${label} Org ${id}`,
    slug: `e2e-${label.toLowerCase()}-${id}`,
    uiSession: false,
  };
}

const A = person("Ada");
const B = person("Bob");
const ticketA = { subject: `Printer on fire ${unique("")}`, body: "Smoke is coming out of it." };
const ticketB = {
  subject: `Bob's own question ${unique("")}`,
  body: "Only Bob's tenant sees this.",
};
const reply = `On our way — ${unique("reply")}`;

let stack: Stack;
let ticketAId: string | undefined;
let inviteLink: string | undefined;
/** Ada's inbox page, open from before Bob works the ticket, to watch the bell live. */
let adaInbox: Page | undefined;
let bellBefore = 0;

beforeAll(async () => {
  stack = await startStack();
  A.context = await stack.newContext();
  B.context = await stack.newContext();
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

function fallback(what: string) {
  console.log(`[e2e] fallback: ${what}`);
}

async function newPage(who: Person): Promise<Page> {
  if (!who.context) throw new Error(`${who.label} has no browser context`);
  const page = await who.context.newPage();
  page.setDefaultTimeout(UI_MS);
  return page;
}

/** Signs in through the API (the test process), registering the person first when needed. */
async function apiSignIn(who: Person, withTenant = true): Promise<string> {
  type SignedIn = { accessToken: string; user: { id: string } };
  let answer = await stack.call<SignedIn>("mutation", "auth.login", {
    email: who.email,
    password: PASSWORD,
    tokenDelivery: "body",
  });
  if (!answer.ok) {
    fallback(`registering ${who.label} through the API`);
    must(
      await stack.call("mutation", "auth.register", {
        email: who.email,
        password: PASSWORD,
        name: who.name,
        ...(withTenant ? { tenantName: who.tenantName, tenantSlug: who.slug } : {}),
      }),
      `registering ${who.label}`,
    );
    // Registration signs nobody in; an unverified account may still sign in with its password.
    answer = await stack.call<SignedIn>("mutation", "auth.login", {
      email: who.email,
      password: PASSWORD,
      tokenDelivery: "body",
    });
  }
  const data = must(answer, `signing ${who.label} in`);
  who.userId = data.user.id;
  return data.accessToken;
}

/** Opens `path` signed in as `who`; restores a session through the API if the app has none. */
async function openSignedIn(who: Person, path: string): Promise<Page> {
  const page = await newPage(who);
  await page.goto(path);
  await page.waitForLoadState("networkidle").catch(() => {});
  if (new URL(page.url()).pathname.startsWith("/login")) {
    fallback(`signing ${who.label} in through the API (the app sent them to /login)`);
    await apiSignIn(who);
    if (!who.context) throw new Error("no context");
    await signInThroughApi(who.context, who.email);
    await page.goto(path);
    await page.waitForLoadState("networkidle").catch(() => {});
  }
  return page;
}

/** Fills the /signup form; the organisation fields only when the form shows them. */
async function signUpThroughUi(page: Page, who: Person) {
  await page.goto("/signup");
  await page.getByRole("button", { name: "Create account" }).waitFor();
  await page.getByLabel("Organisation name", { exact: true }).fill(who.tenantName);
  await page.getByLabel("Subdomain", { exact: true }).fill(who.slug);
  await page.getByLabel("Your name", { exact: true }).fill(who.name);
  await page.getByLabel("Email", { exact: true }).fill(who.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await stack.screenshot(page, `01-signup-${who.label.toLowerCase()}`);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { name: "Check your email" }).waitFor();
  await stack.screenshot(page, `02-check-your-email-${who.label.toLowerCase()}`);
}

/** Opens the verification email's link in the person's browser: verified, signed in, in the app. */
async function verifyThroughEmail(who: Person) {
  const link = await stack.readEmail(who.email, "Verify your email");
  expect(new URL(link).pathname).toBe("/verify-email");
  const page = await newPage(who);
  await page.goto(link);
  await page.getByRole("heading", { name: "Email verified" }).waitFor();
  await stack.screenshot(page, `03-email-verified-${who.label.toLowerCase()}`);
  await page.getByRole("link", { name: "Continue to SupportDesk" }).click();
  await page.waitForURL((url) => url.pathname === `/t/${who.slug}/tickets`, { timeout: UI_MS });
  await page.getByRole("heading", { name: "Tickets" }).waitFor();
  who.uiSession = true;
  await page.close();
  if (!who.userId) await apiSignIn(who);
}

async function bellUnread(page: Page): Promise<number | null> {
  const bell = page.getByRole("button", { name: /^Notifications/ });
  if ((await bell.count()) === 0) return null;
  const name =
    (await bell.first().getAttribute("aria-label")) ?? (await bell.first().textContent()) ?? "";
  const match = /(\d+)\s+unread/.exec(name);
  return match ? Number(match[1]) : 0;
}

async function ensureTicketA(): Promise<string> {
  if (ticketAId) return ticketAId;
  const token = await apiSignIn(A);
  type Listed = { data: { id: string; subject: string }[] };
  const list = must(
    await stack.call<Listed>(
      "query",
      "tickets.list",
      { perPage: 50, q: ticketA.subject },
      {
        token,
        slug: A.slug,
      },
    ),
    "tickets.list",
  );
  const found = list.data.find((t) => t.subject === ticketA.subject);
  if (found) {
    ticketAId = found.id;
    return found.id;
  }
  fallback("creating Ada's ticket through the API");
  const created = must(
    await stack.call<{ id: string }>(
      "mutation",
      "tickets.create",
      { subject: ticketA.subject, body: ticketA.body },
      { token, slug: A.slug },
    ),
    "tickets.create",
  );
  ticketAId = created.id;
  return created.id;
}

async function ensureBobIsMember(): Promise<void> {
  const token = await apiSignIn(B);
  type Mine = { slug: string }[] | { tenants: { slug: string }[] };
  const mine = must(await stack.call<Mine>("query", "tenants.listMine", undefined, { token }), "x");
  const slugs = (Array.isArray(mine) ? mine : mine.tenants).map((t) => t.slug);
  if (slugs.includes(A.slug)) return;
  fallback("Bob joins Ada's organisation through the API");
  if (!inviteLink) {
    const adaToken = await apiSignIn(A);
    must(
      await stack.call(
        "mutation",
        "invitations.create",
        { email: B.email, role: "member" },
        { token: adaToken, slug: A.slug },
      ),
      "invitations.create",
    );
    inviteLink = await stack.readEmail(B.email, "invited you");
  }
  const inviteToken = decodeURIComponent(new URL(inviteLink).pathname.split("/").at(-1) ?? "");
  must(
    await stack.call("mutation", "invitations.accept", { token: inviteToken }, { token }),
    "invitations.accept",
  );
}

describe("web app end to end", () => {
  test(
    "1. Ada signs up with a new organisation and is asked to check her email (not signed in yet)",
    async () => {
      const page = await newPage(A);
      await signUpThroughUi(page, A);
      await page.goto(`/t/${A.slug}/tickets`);
      await page.waitForURL((url) => url.pathname.startsWith("/login"), { timeout: UI_MS });
      await page.close();
    },
    STEP_MS,
  );

  test(
    "2. the verification email's link shows “Email verified” and signs Ada in to her inbox",
    async () => {
      await verifyThroughEmail(A);
    },
    STEP_MS,
  );

  test(
    "3. Ada creates a ticket and sees it in the inbox",
    async () => {
      const page = await openSignedIn(A, `/t/${A.slug}/tickets`);
      await page.getByRole("heading", { name: "Tickets" }).waitFor();
      await stack.screenshot(page, "04-tickets-empty");
      await page.getByRole("button", { name: "New ticket" }).click();
      await page.getByLabel("Subject", { exact: true }).fill(ticketA.subject);
      await page.getByLabel("Message", { exact: true }).fill(ticketA.body);
      // Wait for the answer before leaving: navigating at once could abort the request.
      const created = page.waitForResponse(
        (response) => response.url().includes("tickets.create") && response.ok(),
      );
      await page.getByRole("button", { name: "Create ticket" }).click();
      await created;
      await page.goto(`/t/${A.slug}/tickets`);
      await page.getByRole("link", { name: ticketA.subject }).waitFor();
      await stack.screenshot(page, "05-tickets-one");
      await page.close();
      await ensureTicketA();
    },
    STEP_MS,
  );

  test(
    "4. Ada invites Bob by email from Settings › Invitations",
    async () => {
      const page = await openSignedIn(A, `/t/${A.slug}/settings/invitations`);
      await page.getByLabel("Email", { exact: true }).fill(B.email);
      await page.getByLabel("Role", { exact: true }).selectOption("member");
      await page.getByRole("button", { name: "Send invitation" }).click();
      inviteLink = await stack.readEmail(B.email, "invited you");
      expect(new URL(inviteLink).pathname).toStartWith("/invite/");
      await stack.screenshot(page, "06-invitation-sent");
      await page.close();
    },
    STEP_MS,
  );

  test(
    "5. Bob signs up with his own organisation and verifies his email",
    async () => {
      const page = await newPage(B);
      await signUpThroughUi(page, B);
      await page.close();
      await verifyThroughEmail(B);
    },
    STEP_MS,
  );

  test(
    "6. signed out, the invitation names the organisation and offers “Sign in” / “Create an account”",
    async () => {
      if (!inviteLink) {
        await ensureBobIsMember().catch(() => {});
      }
      if (!inviteLink) throw new Error("no invitation link (step 4 failed and the API did too)");
      const context = await stack.newContext();
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(UI_MS);
        await page.goto(inviteLink);
        await page.getByRole("heading", { name: A.tenantName }).waitFor();
        await page.getByRole("link", { name: "Sign in" }).waitFor();
        await page.getByRole("link", { name: "Create an account" }).waitFor();
        await stack.screenshot(page, "07-invitation-signed-out");
      } finally {
        await context.close();
      }
    },
    STEP_MS,
  );

  test(
    "7. Bob, signed in, accepts the invitation",
    async () => {
      if (!inviteLink) await ensureBobIsMember();
      if (!inviteLink) throw new Error("no invitation link");
      const page = await openSignedIn(B, inviteLink);
      await page.getByRole("heading", { name: A.tenantName }).waitFor();
      await stack.screenshot(page, "08-invitation-signed-in");
      await page.getByRole("button", { name: "Accept invitation" }).click();
      await page.waitForURL((url) => url.pathname.startsWith(`/t/${A.slug}`), { timeout: UI_MS });
      await page.close();
      const token = await apiSignIn(B);
      const mine = await stack.call<unknown>("query", "tenants.listMine", undefined, { token });
      expect(JSON.stringify(mine.data)).toContain(A.slug);
    },
    STEP_MS,
  );

  test(
    "8. two tabs, two tenants: each inbox shows only its own tickets",
    async () => {
      await ensureBobIsMember();
      await ensureTicketA();
      const token = await apiSignIn(B);
      must(
        await stack.call("mutation", "tickets.create", ticketB, { token, slug: B.slug }),
        "tickets.create in Bob's tenant",
      );
      if (!B.uiSession && B.context) {
        fallback("signing Bob's browser in through the API");
        await signInThroughApi(B.context, B.email);
      }
      // Both tabs open at the same moment: each restores the session from the one refresh cookie
      // they share, which must not look like a stolen token to the server (no fallback here).
      const [tabA, tabB] = await Promise.all([newPage(B), newPage(B)]);
      await Promise.all([tabA.goto(`/t/${A.slug}/tickets`), tabB.goto(`/t/${B.slug}/tickets`)]);
      await tabA.getByRole("link", { name: ticketA.subject }).waitFor();
      await tabB.getByRole("link", { name: ticketB.subject }).waitFor();
      // Both tabs stay live side by side; refetch the first one after the second loaded.
      await tabA.reload();
      await tabA.getByRole("link", { name: ticketA.subject }).waitFor();
      expect(await tabA.getByRole("link", { name: ticketB.subject }).count()).toBe(0);
      expect(await tabB.getByRole("link", { name: ticketA.subject }).count()).toBe(0);
      const switcher = tabA.getByLabel("Organisation", { exact: true });
      expect(await switcher.count()).toBe(1);
      await stack.screenshot(tabA, "09-tab-tenant-a");
      await stack.screenshot(tabB, "10-tab-tenant-b");
      await tabA.close();
      await tabB.close();
    },
    STEP_MS,
  );

  test(
    "9. Bob (member) assigns Ada's ticket to Ada and replies as an agent",
    async () => {
      await ensureBobIsMember();
      const id = await ensureTicketA();
      // Ada watches her inbox from before Bob acts; the page is never reloaded.
      adaInbox = await openSignedIn(A, `/t/${A.slug}/tickets`);
      await adaInbox.getByRole("heading", { name: "Tickets" }).waitFor();
      await adaInbox.evaluate(() => {
        (window as unknown as { e2eMarker: boolean }).e2eMarker = true;
      });
      bellBefore = (await bellUnread(adaInbox)) ?? 0;

      const page = await openSignedIn(B, `/t/${A.slug}/tickets`);
      try {
        await page.getByRole("link", { name: ticketA.subject }).click();
        const assignee = page.getByLabel("Assignee", { exact: true });
        await assignee.waitFor();
        const value = await assignee
          .locator("option", { hasText: A.name })
          .first()
          .getAttribute("value");
        if (!value) throw new Error(`no "${A.name}" option in the Assignee select`);
        await assignee.selectOption(value);
        await page.getByLabel("Status", { exact: true }).waitFor();
        await page.getByLabel("Priority", { exact: true }).waitFor();
        await page.getByLabel("Reply", { exact: true }).fill(reply);
        expect(await page.getByLabel("Internal note", { exact: true }).isChecked()).toBe(false);
        await page.getByRole("button", { name: "Send reply" }).click();
        await page.getByText(reply).first().waitFor();
        await stack.screenshot(page, "11-ticket-replied");
      } catch (error) {
        fallback("assigning and replying through the API");
        const token = await apiSignIn(B);
        await stack.call(
          "mutation",
          "tickets.update",
          { id, assigneeId: A.userId },
          {
            token,
            slug: A.slug,
          },
        );
        await stack.call(
          "mutation",
          "tickets.addMessage",
          { ticketId: id, body: reply },
          {
            token,
            slug: A.slug,
          },
        );
        throw error;
      } finally {
        await page.close();
      }
    },
    STEP_MS,
  );

  test(
    "10. Ada's bell shows the new unread count live (WebSocket), without a reload",
    async () => {
      const page = adaInbox ?? (await openSignedIn(A, `/t/${A.slug}/tickets`));
      const bell = page.getByRole("button", { name: /^Notifications/ });
      await bell.first().waitFor();
      const deadline = Date.now() + 20_000;
      let count = (await bellUnread(page)) ?? 0;
      while (count <= bellBefore && Date.now() < deadline) {
        await Bun.sleep(250);
        count = (await bellUnread(page)) ?? 0;
      }
      await stack.screenshot(page, "12-bell-unread");
      expect(count).toBeGreaterThan(bellBefore);
      // The inbox itself follows too: the row now names Ada as the assignee, with no reload.
      await page
        .locator("li", { hasText: ticketA.subject })
        .getByText(A.name, { exact: true })
        .waitFor({ timeout: 10_000 });
      const sameDocument = await page.evaluate(
        () => (window as unknown as { e2eMarker?: boolean }).e2eMarker === true,
      );
      expect(sameDocument).toBe(adaInbox !== undefined);
    },
    STEP_MS,
  );

  test(
    "11. as a viewer, Bob sees no “New ticket” button and no “Reply” box",
    async () => {
      await ensureBobIsMember();
      await ensureTicketA();
      const adaToken = await apiSignIn(A);
      await apiSignIn(B);
      must(
        await stack.call(
          "mutation",
          "tenants.members.updateRole",
          { userId: B.userId, role: "viewer" },
          { token: adaToken, slug: A.slug },
        ),
        "tenants.members.updateRole",
      );
      const page = await openSignedIn(B, `/t/${A.slug}/tickets`);
      await page.getByRole("heading", { name: "Tickets" }).waitFor();
      await page.getByRole("link", { name: ticketA.subject }).waitFor();
      expect(await page.getByRole("button", { name: "New ticket" }).count()).toBe(0);
      await stack.screenshot(page, "13-viewer-inbox");
      await page.getByRole("link", { name: ticketA.subject }).click();
      await page.getByText(ticketA.body).first().waitFor();
      expect(await page.getByLabel("Reply", { exact: true }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Send reply" }).count()).toBe(0);
      await stack.screenshot(page, "14-viewer-ticket");
      await page.close();
    },
    STEP_MS,
  );

  test(
    "12. a viewer's forced tickets.create from the page is refused with 403 FORBIDDEN",
    async () => {
      const page = await openSignedIn(B, `/t/${A.slug}/tickets`);
      const result = await page.evaluate(async (slug) => {
        // Under the app's refresh lock, as the app's own refreshes are: the refresh cookie is
        // shared, and presenting a token the app just spent would end the session.
        const refreshed = await navigator.locks.request("supportdesk:refresh", () =>
          fetch("/trpc/auth.refresh", {
            method: "POST",
            credentials: "same-origin",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ tokenDelivery: "cookie" }),
          }),
        );
        const session = (await refreshed.json()) as { result?: { data: { accessToken: string } } };
        const token = session.result?.data.accessToken;
        if (!token) return { status: refreshed.status, code: "NO_SESSION" };
        const res = await fetch(`/t/${slug}/trpc/tickets.create`, {
          method: "POST",
          credentials: "same-origin",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ subject: "Forced write", body: "A viewer must not." }),
        });
        const body = (await res.json()) as { error?: { data?: { code?: string } } };
        return { status: res.status, code: body.error?.data?.code ?? "NONE" };
      }, A.slug);
      await page.close();
      expect(result).toEqual({ status: 403, code: "FORBIDDEN" });
    },
    STEP_MS,
  );

  test(
    "13. on /account Ada renames herself; the header shows the new name",
    async () => {
      const page = await openSignedIn(A, "/account");
      const renamed = `Ada Renamed ${unique("")}`;
      const name = page.getByLabel("Name", { exact: true });
      await name.fill(renamed);
      await page.getByRole("button", { name: "Save name" }).click();
      await page.getByText("Saved.").waitFor();
      await stack.screenshot(page, "15-account");
      await page.goto(`/t/${A.slug}/tickets`);
      await page.getByRole("link", { name: renamed }).waitFor();
      await page.close();
      A.name = renamed;
    },
    STEP_MS,
  );

  test(
    "14. signing up again with Ada's address looks the same; only Ada's inbox learns of it",
    async () => {
      const context = await stack.newContext();
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(UI_MS);
        const copycat = { ...person("Copy"), email: A.email.toUpperCase() };
        await signUpThroughUi(page, copycat);
        await stack.screenshot(page, "16-signup-taken-address");
        const link = await stack.readEmail(A.email, "already have");
        expect(new URL(link).pathname).toBe("/login");
        // Nobody was signed in, and Ada's password still works.
        await page.goto(`/t/${A.slug}/tickets`);
        await page.waitForURL((url) => url.pathname.startsWith("/login"), { timeout: UI_MS });
        await apiSignIn(A);
      } finally {
        await context.close();
      }
    },
    STEP_MS,
  );
});
