// Accessibility of the main screens, checked by axe-core (WCAG 2.1 A and AA rules) in Chromium on
// the built app: sign-in, sign-up, the inbox, a ticket, customers, the new-ticket dialog, settings
// (roles and the role form among them), the knowledge base (articles, search, categories, the
// editor with its preview and revisions), the notifications list and the account page. A violation
// fails with what it is and where.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createRequire } from "node:module";
import { registerAndSignIn, signInThroughApi } from "./accounts";
import { type BrowserContext, must, type Page, type Stack, startStack, unique } from "./harness";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const STEP_MS = 60_000;

type Violation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
};

let stack: Stack;
let context: BrowserContext;
const slug = `e2e-a11y-${unique("")}`;
const email = `e2e-a11y-${unique("")}@example.test`;
let ticketId = "";
let customerId = "";
let articleId = "";

beforeAll(async () => {
  stack = await startStack({ worker: false });
  const { accessToken: token } = await registerAndSignIn(stack, {
    email,
    name: "Ally Tester",
    tenantName: "Ally Org",
    tenantSlug: slug,
  });
  const created = must(
    await stack.call<{ id: string }>(
      "mutation",
      "tickets.create",
      { subject: "Screen reader cannot open the menu", body: "It skips the button." },
      { token, slug },
    ),
    "tickets.create",
  );
  ticketId = created.id;
  must(
    await stack.call(
      "mutation",
      "tickets.addMessage",
      { ticketId, body: "Looking into it.", internal: true },
      { token, slug },
    ),
    "tickets.addMessage",
  );
  for (const subject of ["Second: invoice missing", "Third: password reset loop"]) {
    must(
      await stack.call(
        "mutation",
        "tickets.create",
        { subject, body: "Details." },
        { token, slug },
      ),
      "tickets.create",
    );
  }
  const customer = must(
    await stack.call<{ id: string }>(
      "mutation",
      "customers.create",
      { email: `e2e-a11y-customer-${unique("")}@example.test`, name: "Casey Customer" },
      { token, slug },
    ),
    "customers.create",
  );
  customerId = customer.id;
  // A custom role, so the Roles page shows one with its edit and delete controls.
  must(
    await stack.call(
      "mutation",
      "roles.create",
      {
        name: "Night shift",
        description: "Answers customers overnight.",
        permissions: ["ticket.read", "ticket.reply", "customer.read"],
      },
      { token, slug },
    ),
    "roles.create",
  );
  // The knowledge base: a category and a draft article with one revision.
  const category = must(
    await stack.call<{ id: string }>(
      "mutation",
      "kb.categories.create",
      { name: "Accounts", description: "Signing in and out" },
      { token, slug },
    ),
    "kb.categories.create",
  );
  const article = must(
    await stack.call<{ id: string }>(
      "mutation",
      "kb.articles.create",
      {
        title: "Resetting your password",
        body: "## Steps\n\n1. Open **Sign in**.\n2. Choose *Forgot password*.",
        categoryId: category.id,
      },
      { token, slug },
    ),
    "kb.articles.create",
  );
  articleId = article.id;
  must(
    await stack.call(
      "mutation",
      "kb.articles.update",
      { id: articleId, body: "## Steps\n\n1. Open **Sign in**.\n2. Choose *Forgot it?*." },
      { token, slug },
    ),
    "kb.articles.update",
  );
  context = await stack.newContext();
  // As an init script (through DevTools): the app's Content-Security-Policy refuses the inline
  // <script> that page.addScriptTag would insert.
  await context.addInitScript({ path: AXE });
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

/** axe's WCAG 2.1 A/AA violations on the page as it is now. */
async function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    })) as { violations: Violation[] };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

function describeViolations(found: Violation[]): string {
  return found
    .map(
      (v) =>
        `${v.impact ?? "?"} ${v.id}: ${v.help}\n${v.nodes
          .slice(0, 5)
          .map(
            (n) => `    at ${n.target.join(" ")}\n      ${n.failureSummary?.split("\n").join(" ")}`,
          )
          .join("\n")}`,
    )
    .join("\n");
}

async function check(page: Page, name: string) {
  await page.waitForLoadState("networkidle").catch(() => {});
  const found = await violations(page);
  await stack.screenshot(page, `3x-a11y-${name}`);
  expect(describeViolations(found)).toBe("");
}

async function visit(path: string, ready: (page: Page) => Promise<unknown>, name: string) {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  try {
    await page.goto(path);
    await ready(page);
    await check(page, name);
  } finally {
    await page.close();
  }
}

describe("accessibility (axe-core, WCAG 2.1 A/AA)", () => {
  test(
    "sign-in and sign-up",
    async () => {
      await visit("/login", (p) => p.getByRole("button", { name: "Sign in" }).waitFor(), "login");
      await visit(
        "/signup",
        (p) => p.getByRole("button", { name: "Create account" }).waitFor(),
        "signup",
      );
    },
    STEP_MS,
  );

  test(
    "the inbox, a ticket with an internal note, customers, and the new-ticket dialog",
    async () => {
      await signInThroughApi(context, email);
      await visit(
        `/t/${slug}/tickets`,
        (p) => p.getByRole("link", { name: "Screen reader cannot open the menu" }).waitFor(),
        "inbox",
      );
      await visit(
        `/t/${slug}/tickets/${ticketId}`,
        (p) => p.getByText("Looking into it.").waitFor(),
        "ticket",
      );
      await visit(
        `/t/${slug}/customers`,
        (p) => p.getByRole("link", { name: "Casey Customer" }).waitFor(),
        "customers",
      );
      await visit(
        `/t/${slug}/customers/${customerId}`,
        (p) => p.getByRole("heading", { name: "Casey Customer" }).waitFor(),
        "customer",
      );
      const page = await context.newPage();
      try {
        await page.goto(`/t/${slug}/tickets`);
        await page.getByRole("button", { name: "New ticket" }).click();
        await page.getByLabel("Subject", { exact: true }).waitFor();
        await check(page, "new-ticket");
      } finally {
        await page.close();
      }
    },
    STEP_MS,
  );

  test(
    "settings, notifications and account",
    async () => {
      await signInThroughApi(context, email);
      for (const [path, heading] of [
        ["settings/organisation", "Organisation"],
        ["settings/members", "Members"],
        ["settings/roles", "Roles"],
        ["settings/invitations", "Invitations"],
        ["settings/api-keys", "API keys"],
        ["settings/help-centre", "Help centre"],
        ["settings/audit", "Audit log"],
        ["notifications", "Notifications"],
      ] as const) {
        await visit(
          `/t/${slug}/${path}`,
          (p) => p.getByRole("heading", { name: heading, exact: true }).first().waitFor(),
          path.replace("/", "-"),
        );
      }
      // The role form: grouped permission checkboxes.
      await visit(
        `/t/${slug}/settings/roles`,
        async (p) => {
          await p.getByRole("button", { name: "New role" }).click();
          await p.getByLabel("Role name", { exact: true }).waitFor();
        },
        "settings-role-form",
      );
      // The help centre's inquiry types editor, with one row open.
      await visit(
        `/t/${slug}/settings/help-centre`,
        async (p) => {
          await p.getByRole("button", { name: "Add inquiry type" }).click();
          await p.getByLabel("Default assignee", { exact: true }).waitFor();
        },
        "settings-help-centre-types",
      );
      await visit("/account", (p) => p.getByLabel("Name", { exact: true }).waitFor(), "account");
    },
    STEP_MS,
  );

  test(
    "the knowledge base: articles, search results, categories and the editor",
    async () => {
      await signInThroughApi(context, email);
      await visit(
        `/t/${slug}/kb`,
        (p) => p.getByRole("link", { name: "Resetting your password" }).waitFor(),
        "kb-articles",
      );
      await visit(
        `/t/${slug}/kb?q=sign`,
        (p) => p.getByRole("region", { name: "Search results" }).locator("mark").first().waitFor(),
        "kb-search",
      );
      await visit(
        `/t/${slug}/kb/categories`,
        (p) => p.getByRole("rowheader", { name: /Accounts/ }).waitFor(),
        "kb-categories",
      );
      await visit(
        `/t/${slug}/kb/articles/${articleId}`,
        async (p) => {
          await p
            .getByRole("region", { name: /Preview/ })
            .locator("strong")
            .waitFor();
          await p.getByRole("button", { name: "View" }).click();
          await p.getByTestId("kb-revision-body").waitFor();
        },
        "kb-editor",
      );
      await visit(
        `/t/${slug}/kb/new`,
        (p) => p.getByLabel("Title", { exact: true }).waitFor(),
        "kb-new",
      );
    },
    STEP_MS,
  );

  test(
    "keyboard: Tab reaches the inbox's rows, arrows move between them, Enter opens one",
    async () => {
      await signInThroughApi(context, email);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      try {
        await page.goto(`/t/${slug}/tickets`);
        // Newest first: the third ticket, then the second, then the first.
        const newest = page.getByRole("link", { name: "Third: password reset loop" });
        await newest.waitFor();
        // Only one row is in the tab order (a roving tabindex, its checkbox too): Tab from the last
        // filter reaches it after the list's own controls (sort, select-all, the row's checkbox).
        const tabbable = await page.locator(".ticket-list a[tabindex='0']").count();
        expect(tabbable).toBe(1);
        expect(
          await page.locator(".ticket-list input[type='checkbox'][tabindex='0']").count(),
        ).toBe(1);
        await page.getByLabel("SLA", { exact: true }).focus();
        const stops: string[] = [];
        for (let i = 0; i < 6; i++) {
          await page.keyboard.press("Tab");
          const at = await page.evaluate(
            () =>
              `${document.activeElement?.tagName} ${document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent?.slice(0, 40)}`,
          );
          stops.push(at);
          if (at.startsWith("A ") && at.includes("Third:")) break;
        }
        expect(stops.length, stops.join(" → ")).toBeLessThanOrEqual(4);
        expect(stops.at(-1)).toContain("Third:");
        await page.keyboard.press("ArrowDown");
        await page.waitForFunction(() => document.activeElement?.textContent?.includes("Second:"));
        await page.keyboard.press("End");
        await page.waitForFunction(() =>
          document.activeElement?.textContent?.includes("Screen reader cannot open the menu"),
        );
        await page.keyboard.press("Home");
        await page.waitForFunction(() => document.activeElement?.textContent?.includes("Third:"));
        await page.keyboard.press("Enter");
        await page.getByRole("heading", { name: /Third: password reset loop/ }).waitFor();
        expect(new URL(page.url()).pathname).toMatch(
          new RegExp(`^/t/${slug}/tickets/[0-9a-f-]{36}$`),
        );
      } finally {
        await page.close();
      }
    },
    STEP_MS,
  );
});
